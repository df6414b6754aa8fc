"""The columnar bundle of a corpus: the claims a fresh load makes, nothing it cannot vouch for."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from tui.core import cache as claim_cache
from tui.core import claim_packs, packed
from tui.core.corpus import load_corpus


def _claims(folder: Path) -> list[tuple[str, str, int, int, str, int]]:
    return [
        (doc.id, c.id, c.start, c.end, c.kind.value, c.block)
        for doc in load_corpus([folder])
        for c in doc.claims
    ]


def _bundle() -> Path:
    (path,) = claim_cache.folder().glob("corpus-*.bundle")
    return path


def test_the_bundle_gives_the_claims_of_a_fresh_load_and_their_texts_unmade(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = _claims(corpus_dir)
    texts = [c.text for doc in load_corpus([corpus_dir]) for c in doc.claims]
    monkeypatch.delenv("FACTCHECK_CACHE")
    _claims(corpus_dir), _claims(corpus_dir)  # cold, then warm: the bundle is written
    assert _bundle().exists()
    corpus = load_corpus([corpus_dir])
    assert all("_pending" in doc.__dict__ for doc in corpus)
    unmade = [doc.claim_text(n) for doc in corpus for n in range(doc.claim_count)]
    assert all("_pending" in doc.__dict__ for doc in corpus)  # texts without claim objects
    assert unmade == texts
    assert _claims(corpus_dir) == expected


def test_a_bundle_with_a_span_past_its_text_is_not_used(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Well formed, its CRC right, written for these texts, and still wrong: not trusted."""
    expected = _claims(corpus_dir)
    sections = _bundle_sections(corpus_dir)
    first_last_end = 4 * sections["claim_at"][1] - 3  # type: ignore[index]
    sections["claims"][first_last_end] += 10_000  # type: ignore[index]
    _assert_refused(sections, corpus_dir, expected, monkeypatch)


def test_a_bundle_whose_ids_do_not_fit_its_claims_is_not_used(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first text's last id moved to the second text: both still end at a newline."""
    expected = _claims(corpus_dir)
    sections = _bundle_sections(corpus_dir)
    first = sections["ids"][: sections["id_at"][1] - 1]  # type: ignore[index]
    sections["id_at"][1] -= len(first.rpartition("\n")[2]) + 1  # type: ignore[index, union-attr]
    _assert_refused(sections, corpus_dir, expected, monkeypatch)


def _bundle_sections(corpus_dir: Path) -> dict[str, packed.Section]:
    """The sections of the bundle a warm load of ``corpus_dir`` wrote, as editable arrays."""
    _claims(corpus_dir)
    path = _bundle()
    found = packed.load(path, claim_packs._BUNDLE, path.stem.removeprefix("corpus-"))
    assert found is not None
    return {
        name: array(view.format, view.tolist()) if isinstance(view, memoryview) else view
        for name, view in found.items()
    }


def _assert_refused(
    sections: dict[str, packed.Section],
    corpus_dir: Path,
    expected: list[tuple[str, str, int, int, str, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Written back as the bundle, ``sections`` are refused and the claims made afresh."""
    path = _bundle()
    assert packed.dump(path, claim_packs._BUNDLE, path.stem.removeprefix("corpus-"), sections)
    answers: list[bool] = []
    real = claim_packs.load_bundle
    monkeypatch.setattr(
        claim_packs, "load_bundle", lambda docs: answers.append(real(docs)) or answers[-1]
    )
    assert _claims(corpus_dir) == expected
    assert answers == [False]


def test_a_claim_made_alone_is_the_one_the_full_list_holds(
    corpus_dir: Path, cache_home: Path
) -> None:
    expected = _claims(corpus_dir)
    _claims(corpus_dir)
    doc = load_corpus([corpus_dir]).documents[0]
    assert "_pending" in doc.__dict__
    third = doc.claim_object(2)
    assert "_pending" in doc.__dict__  # still nothing else made
    assert doc.claim_object(2) is third
    with pytest.raises(IndexError):
        doc.claim_object(doc.claim_count)
    assert doc.claims[2] is third
    assert doc.claim_object(3) is doc.claims[3]
    fresh = [t for t in expected if t[0] == doc.id][2]
    assert (doc.id, third.id, third.start, third.end, third.kind.value, third.block) == fresh


def test_a_title_from_the_cache_is_the_fresh_one_and_makes_no_claims(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search shows every hit's title: from the cache it needs neither blocks nor claims."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "headed.txt").write_text(
        "A body line that runs on long enough to be a paragraph of its own, surely.\n\n"
        "Markets Fall Sharply\n\nShares fell. They fell again.\n",
        "utf-8",
    )
    (folder / "plain.txt").write_text("No heading here at all. Just two sentences.\n", "utf-8")
    (folder / "blank.txt").write_text("\n\n   \n", "utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    fresh = {doc.path.name: doc.title for doc in load_corpus([folder])}
    monkeypatch.delenv("FACTCHECK_CACHE")
    assert fresh["headed.txt"] == "Markets Fall Sharply"
    load_corpus([folder]), load_corpus([folder])  # cold, then warm: entries and the bundle
    for docs in (load_corpus([folder]), list(load_corpus([folder / "plain.txt"]))):
        for doc in docs:
            assert doc.title == fresh[doc.path.name]
            assert "_pending" in doc.__dict__ or doc.claim_count == 0  # nothing made
