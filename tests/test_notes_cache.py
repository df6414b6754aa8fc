"""Notes for the search from the cache: the store's answer, never stale, never a crash."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui.core import snapshot
from tui.core.search import notes_cache
from tui.core.search.notes_cache import notes_of
from tui.core.store import AnnotationStore
from tui.core.workspace import Workspace, open_workspace


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old (else every one is "racy" and read each time)."""
    monkeypatch.setattr(snapshot, "RACY_SECONDS", 0.0)


def _open(corpus_dir: Path, analyst: str = "ana") -> Workspace:
    return open_workspace(
        [corpus_dir], annotations=corpus_dir.parent / "annotations", analyst=analyst
    )


def _notes(workspace: Workspace) -> list[tuple[str, str, str]]:
    return sorted((c.doc.id, c.id, text) for c, text in notes_of(workspace.corpus, workspace.store))


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose annotation files are read from now on."""
    loaded: list[str] = []
    real = AnnotationStore.load

    def counting(self, doc, *, refresh=False):  # type: ignore[no-untyped-def]
        loaded.append(doc.id)
        return real(self, doc, refresh=refresh)

    monkeypatch.setattr(AnnotationStore, "load", counting)
    return loaded


def _tag(workspace: Workspace, doc: int, claim: int, note: str) -> None:
    workspace.store.set(workspace.corpus.documents[doc].claims[claim], "disputed", note=note)


def test_warm_notes_read_no_file_and_are_the_stores(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _open(corpus_dir)
    _tag(workspace, 0, 2, "Checked against the ministry's list")
    _tag(workspace, 3, 5, "A second note")
    _tag(workspace, 3, 6, "")  # a tag without a note
    _open(corpus_dir, "ben").store.set(
        workspace.corpus.documents[0].claims[4], "sourced", note="Ben's"
    )
    expected = _notes(_open(corpus_dir))
    assert len(expected) == 3
    loads = _loads(monkeypatch)
    fresh = _open(corpus_dir)
    assert _notes(fresh) == expected and loads == []
    claim, _ = notes_of(fresh.corpus, fresh.store)[0]
    assert claim is claim.doc.claims[claim.index]  # the claim the document holds


def test_a_note_changed_added_or_removed_is_seen(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _open(corpus_dir)
    _tag(workspace, 0, 2, "First words")
    _notes(_open(corpus_dir))
    _tag(workspace, 0, 2, "Other words")
    _open(corpus_dir, "cleo").store.set(
        workspace.corpus.documents[1].claims[0], "opinion", note="C"
    )
    assert [t for _, _, t in _notes(_open(corpus_dir))] == ["Other words", "C"]
    workspace.store.set(workspace.corpus.documents[0].claims[2], "disputed", note="")
    assert [t for _, _, t in _notes(_open(corpus_dir))] == ["C"]


def test_an_article_changed_on_disk_anchors_its_notes_afresh(
    corpus_dir: Path, cache_home: Path, settled: None
) -> None:
    workspace = _open(corpus_dir)
    doc = workspace.corpus.documents[0]
    _tag(workspace, 0, 2, "On the third claim")
    quote = doc.claims[2].text
    assert _notes(_open(corpus_dir))[0][1] == doc.claims[2].id
    doc.path.write_text("A new first sentence. " + doc.text, "utf-8")
    moved = _open(corpus_dir).corpus.documents[0]
    ((_, claim_id, text),) = _notes(_open(corpus_dir))
    assert moved.claims_by_id[claim_id].text == quote and text == "On the third claim"


def test_a_file_written_just_now_is_read_again_next_time(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _open(corpus_dir)
    _tag(workspace, 0, 2, "Fresh")
    _notes(_open(corpus_dir))
    loads = _loads(monkeypatch)
    assert [t for _, _, t in _notes(_open(corpus_dir))] == ["Fresh"]
    assert loads  # a file this recent may hide a second write: not trusted


def test_an_edit_keeping_inode_time_and_size_is_the_only_blind_spot_and_racy_guards_it(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our saves rename a new file in (a new inode); a hand edit changes the time."""
    workspace = _open(corpus_dir)
    _tag(workspace, 0, 2, "Aaaa")
    _notes(_open(corpus_dir))
    (path,) = (corpus_dir.parent / "annotations").rglob("0*.toml")
    before = os.stat(path)
    with open(path, "r+", encoding="utf-8") as handle:  # in place: the same inode
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace('"Aaaa"', '"Bbbb"'))
    time.sleep(0.01)
    assert os.stat(path).st_mtime_ns != before.st_mtime_ns
    assert [t for _, _, t in _notes(_open(corpus_dir))] == ["Bbbb"]


@pytest.mark.parametrize(
    "damage",
    [lambda d: b"", lambda d: d[: len(d) // 2], lambda d: d[:-9] + bytes([d[-9] ^ 1]) + d[-8:]],
    ids=["empty", "half", "garbled"],
)
def test_a_damaged_notes_cache_is_rebuilt(
    corpus_dir: Path, cache_home: Path, settled: None, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _open(corpus_dir)
    _tag(workspace, 0, 2, "Kept")
    expected = _notes(_open(corpus_dir))
    (entry,) = (notes_cache.search_folder() / "notes").glob("*.fcpk")
    entry.write_bytes(damage(entry.read_bytes()))
    assert _notes(_open(corpus_dir)) == expected
    loads = _loads(monkeypatch)
    assert _notes(_open(corpus_dir)) == expected and loads == []


def test_listed_stamps_are_each_documents_stamp(corpus_dir: Path) -> None:
    """One listing per folder gives what ``stamp`` gives: format 1, each analyst's, our own."""
    workspace = _open(corpus_dir)
    docs = workspace.corpus.documents
    _tag(workspace, 0, 1, "ours")
    _open(corpus_dir, "ben").store.set(docs[0].claims[2], "sourced")
    _open(corpus_dir, "ben").store.set(docs[2].claims[0], "opinion")
    legacy = workspace.store.legacy_path(docs[3])
    legacy.write_text('[[claim]]\nid = "x"\nlabel = "disputed"\n', "utf-8")  # format 1
    (workspace.store.folder / "notes.txt").write_text("not ours", "utf-8")
    store = workspace.store
    listed = store.listed_stamps()
    assert set(listed) == {docs[0].id, docs[2].id, docs[3].id}
    for doc in docs:
        assert listed.get(doc.id, ()) == store.stamp(doc)
    assert len(listed[docs[0].id]) == 2  # ben's file and ours, in stamp's order
