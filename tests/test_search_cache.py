"""The search index in the cache: the same answers as a fresh build, never stale, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.search import persist as persist_module
from tui.core.search import segments as segments_module
from tui.core.search.claims_view import CorpusClaims
from tui.core.similar import find_similar
from tui.core.workspace import Workspace, open_workspace

QUERIES = ["wagnr recruitment", "vucic kurti normalization", '"armed conflict"', "brnab", "nato"]


def _open(corpus_dir: Path) -> Workspace:
    return open_workspace([corpus_dir], annotations=corpus_dir.parent / "annotations", analyst="t")


def _answers(index: SearchIndex) -> list[list[tuple[str, str, float, list[tuple[int, int]]]]]:
    return [
        [(h.claim.doc.id, h.claim.id, h.score, h.spans) for h in index.search(q, limit=30)]
        for q in QUERIES
    ]


def _similar(index: SearchIndex) -> list[list[tuple[str, str, float]]]:
    claims = [index.claims[i] for i in range(0, len(index.claims), 37)]
    return [[(h.claim.doc.id, h.claim.id, h.score) for h in find_similar(index, c)] for c in claims]


def _count_tokenising(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the documents (segments) tokenised from now on."""
    calls: list[int] = []
    real = segments_module.segment

    def counting(texts):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(texts)

    monkeypatch.setattr(persist_module, "segment", counting)
    return calls


def _index_files() -> list[Path]:
    return sorted(persist_module.folder().glob("*.idx"))


def test_a_warm_index_is_read_not_built_and_answers_the_same(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    fresh = SearchIndex.build(_open(corpus_dir).corpus)
    expected, expected_similar = _answers(fresh), _similar(fresh)
    assert not cache_home.exists()
    monkeypatch.delenv("FACTCHECK_CACHE")

    cold = SearchIndex.build(_open(corpus_dir).corpus)
    assert _answers(cold) == expected and len(_index_files()) == 1
    calls = _count_tokenising(monkeypatch)
    warm = SearchIndex.build(_open(corpus_dir).corpus)
    assert calls == []
    assert _answers(warm) == expected
    assert _similar(warm) == expected_similar
    assert warm.terms.terms == fresh.terms.terms
    assert list(map(list, warm.terms.postings)) == list(map(list, fresh.terms.postings))


def test_a_warm_search_makes_only_the_claims_it_reads(corpus_dir: Path, cache_home: Path) -> None:
    SearchIndex.build(_open(corpus_dir).corpus)
    corpus = _open(corpus_dir).corpus
    index = SearchIndex.build(corpus)
    assert isinstance(index.claims, CorpusClaims)
    assert all("_pending" in doc.__dict__ for doc in corpus)  # nothing made yet
    hits = index.search("vucic kurti normalization", limit=1)
    assert hits and hits[0].claim.doc.id.startswith("003")
    assert any("_pending" in doc.__dict__ for doc in corpus)  # some documents never made
    assert len(index.claims) == sum(len(doc.claims) for doc in corpus)
    assert [c.id for c in index.claims] == [c.id for doc in corpus for c in doc.claims]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1],
        lambda data: data[:110] + bytes([data[110] ^ 0x40]) + data[111:],
        lambda data: data[:-9] + bytes([data[-9] ^ 1]) + data[-8:],
        lambda data: b"FCPK" + b"\xff" * 40,
        lambda data: b"\x80\x04pickle? no" * 20,
    ],
    ids=["empty", "half", "last-byte-cut", "header-garbled", "body-garbled", "junk", "foreign"],
)
def test_a_damaged_index_is_rebuilt_and_replaced(
    corpus_dir: Path, cache_home: Path, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(SearchIndex.build(_open(corpus_dir).corpus))
    (entry,) = _index_files()
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    calls = _count_tokenising(monkeypatch)
    assert _answers(SearchIndex.build(_open(corpus_dir).corpus)) == expected
    assert calls == []  # rebuilt from the documents' segments, which are fine
    assert entry.read_bytes() == good


def test_damaged_segments_are_tokenised_again(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(SearchIndex.build(_open(corpus_dir).corpus))
    segments = sorted((persist_module.folder() / "docs").glob("*.seg"))
    assert len(segments) == 5
    segments[0].write_bytes(segments[0].read_bytes()[:-3])
    segments[1].write_bytes(b"nonsense")
    for entry in _index_files():
        entry.unlink()
    calls = _count_tokenising(monkeypatch)
    assert _answers(SearchIndex.build(_open(corpus_dir).corpus)) == expected
    assert len(calls) == 2


def test_one_changed_article_is_the_only_one_tokenised_again(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SearchIndex.build(_open(corpus_dir).corpus)
    path = next(corpus_dir.glob("001_*.txt"))
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nThe Zorblax accord was signed in Tirana.\n",
        encoding="utf-8",
    )
    calls = _count_tokenising(monkeypatch)
    index = SearchIndex.build(_open(corpus_dir).corpus)
    assert len(calls) == 1
    hits = index.search("zorblax acord")
    assert hits[0].claim.text == "The Zorblax accord was signed in Tirana."
    assert hits[0].claim.doc.id.startswith("001")
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    assert _answers(index) == _answers(SearchIndex.build(_open(corpus_dir).corpus))


def test_a_removed_article_leaves_no_stale_hits(corpus_dir: Path, cache_home: Path) -> None:
    SearchIndex.build(_open(corpus_dir).corpus)
    next(corpus_dir.glob("003_*.txt")).unlink()
    index = SearchIndex.build(_open(corpus_dir).corpus)
    assert not any(h.claim.doc.id.startswith("003") for q in QUERIES for h in index.search(q))


def test_changed_code_is_a_miss(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SearchIndex.build(_open(corpus_dir).corpus)
    monkeypatch.setattr(persist_module, "_code_key", lambda: "another-version")
    calls = _count_tokenising(monkeypatch)
    SearchIndex.build(_open(corpus_dir).corpus)
    assert len(calls) == 5


def test_notes_and_labels_come_fresh_from_the_annotation_files(
    corpus_dir: Path, cache_home: Path
) -> None:
    workspace = _open(corpus_dir)
    SearchIndex.build(workspace.corpus, workspace.store)  # cached with no notes
    claim: Claim = workspace.corpus.documents[2].claims[4]
    workspace.store.set(claim, "disputed", note="a zyzzyva of a number")
    again = _open(corpus_dir)
    index = SearchIndex.build(again.corpus, again.store)
    hits = index.search("zyzzyva")
    assert [(h.claim.ref, h.field) for h in hits] == [(claim.ref, "note")]
    labelled = index.search("label:disputed", label_of=again.store.label_of)
    assert [h.claim.ref for h in labelled] == [claim.ref]


def test_an_unwritable_cache_still_searches(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    index = SearchIndex.build(_open(corpus_dir).corpus)
    assert index.search("wagnr recruitment")


def test_old_indexes_are_pruned(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(persist_module, "KEEP_INDEXES", 2)
    path = next(corpus_dir.glob("000_*.txt"))
    original = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(original + f"\n\nVersion {n} of the story.\n", encoding="utf-8")
        SearchIndex.build(_open(corpus_dir).corpus)
    assert len(_index_files()) == 2


def test_a_word_changed_in_place_is_found(corpus_dir: Path, cache_home: Path) -> None:
    """Same number of claims, same lengths: only the keys can tell the index is stale."""
    SearchIndex.build(_open(corpus_dir).corpus)
    path = next(corpus_dir.glob("002_*.txt"))
    text = path.read_text(encoding="utf-8")
    assert "Brnabic" in text
    path.write_text(text.replace("Brnabic", "Brnabiq"), encoding="utf-8")
    index = SearchIndex.build(_open(corpus_dir).corpus)
    assert any(h.claim.doc.id.startswith("002") for h in index.search("brnabiq", limit=50))
    assert not any(h.claim.doc.id.startswith("002") for h in index.search('"brnabic"'))


def test_notes_are_read_only_for_documents_with_annotation_files(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _open(corpus_dir)
    claim = workspace.corpus.documents[1].claims[2]
    workspace.store.set(claim, "sourced", note="a zyzzyva in the second article")
    again = _open(corpus_dir)
    loaded: list[str] = []
    real = again.store.load

    def counting(doc, **kwargs):  # type: ignore[no-untyped-def]
        loaded.append(doc.id)
        return real(doc, **kwargs)

    monkeypatch.setattr(again.store, "load", counting)
    index = SearchIndex.build(again.corpus, again.store)
    assert loaded == [claim.doc.id]
    assert [(h.claim.ref, h.field) for h in index.search("zyzzyva")] == [(claim.ref, "note")]
