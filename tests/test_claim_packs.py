"""Packs: the claims of a worker's chunk of texts in one cache file, found again by text."""

from __future__ import annotations

from pathlib import Path

import pytest
from segment_helpers import segmented_here

from tui.core import cache as claim_cache
from tui.core import packed, segmenting
from tui.core.corpus import load_corpus, load_document
from tui.core.model import Document


def _shape(doc: Document) -> tuple[list[tuple], list[tuple]]:
    return (
        [(b.start, b.end, b.kind) for b in doc.blocks],
        [(c.index, c.id, c.start, c.end, c.kind, c.block) for c in doc.claims],
    )


def _packs() -> list[Path]:
    return sorted((claim_cache.folder() / "packs").glob("*.fcpk"))


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cold texts go to two worker processes, in two chunks."""
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)
    monkeypatch.setattr(segmenting, "_CHUNKS_PER_WORKER", 1)


def _expected(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    with monkeypatch.context() as patch:
        patch.setenv("FACTCHECK_CACHE", "0")
        return [_shape(doc) for doc in load_corpus([corpus_dir])]


@pytest.mark.usefixtures("cache_home", "in_workers")
def test_an_edited_article_is_the_only_one_segmented_again(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus([corpus_dir])  # cold: two packs, no entry a text, no bundle
    assert len(_packs()) == 2
    path = next(corpus_dir.glob("002_*.txt"))
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    expected = _expected(corpus_dir, monkeypatch)
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 10**9)  # one text: done here
    here = segmented_here(monkeypatch)
    corpus = load_corpus([corpus_dir])
    assert [_shape(doc) for doc in corpus] == expected
    assert here == [path.stem]
    # A document loaded alone (a reload after an edit) finds its text in a pack too.
    other = next(corpus_dir.glob("004_*.txt"))
    assert _shape(load_document(other)) == expected[4]
    assert here == [path.stem]


@pytest.mark.usefixtures("cache_home", "in_workers")
@pytest.mark.parametrize("damage", ["empty", "cut", "flipped", "foreign"])
def test_a_damaged_pack_is_segmented_again_never_trusted(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = _expected(corpus_dir, monkeypatch)
    load_corpus([corpus_dir])
    bad, good = _packs()
    data = bad.read_bytes()
    if damage == "empty":
        data = b""
    elif damage == "cut":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data = data[:-20] + bytes([data[-20] ^ 1]) + data[-19:]  # an id's byte: the CRC fails
    else:  # a whole pack, but the other chunk's under this one's name
        data = good.read_bytes()
    bad.write_bytes(data)
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 10**9)
    here = segmented_here(monkeypatch)
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert 0 < len(here) < 5  # the texts of the damaged pack only


def test_peek_reads_a_section_alone_and_refuses_what_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "p.fcpk"
    assert packed.dump(path, "claims-pack", "k", {"shas": "a\nb", "n": b"\0" * 8})
    assert packed.peek(path, "claims-pack", "shas") == "a\nb"
    assert packed.peek(path, "claims-pack", "n") is None  # not a text
    assert packed.peek(path, "claims-bundle-3", "shas") is None
    good = path.read_bytes()
    for junk in (b"", b"FCPK", good[:110], good[:186]):  # the text runs to byte 187
        path.write_bytes(junk)
        assert packed.peek(path, "claims-pack", "shas") is None
    assert packed.peek(tmp_path / "missing.fcpk", "claims-pack", "shas") is None


def test_one_text_read_from_a_pack_of_many_keeps_a_copy_not_the_pack(
    corpus_dir: Path, cache_home: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segmenting, "_chunks", lambda docs, count: [docs])
    expected = _shape(load_corpus([corpus_dir]).documents[1])
    (pack,) = _packs()
    doc = load_document(next(corpus_dir.glob("001_*.txt")))
    spans = doc.__dict__["_pending"][2]  # the claim spans, waiting for first use
    assert isinstance(spans, memoryview) and spans.nbytes == len(spans.obj) < pack.stat().st_size
    assert _shape(doc) == expected
