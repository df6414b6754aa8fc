"""The core editor corrects claim boundaries with one undo step, and counts what a new reading
did to the tags (Textual-free: what the reader's ``S`` ``J`` ``X`` and ``u`` use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core import boundaries, metadata
from tui.core.corpus import load_document
from tui.core.editing import Editor
from tui.core.reanchored import Reanchored, compare
from tui.core.store import AnnotationStore

ARTICLE = """\
Phones of the future

The phone was made by Vodafone Ltd. Shame the marketing was so bad!!! It sold well anyway.

About the author: Jane writes about phones. She lives in Leeds.
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "p.txt").write_text(ARTICLE, encoding="utf-8")
    return corpus / "p.txt"


def stored(path: Path) -> list[str]:
    meta = metadata.read(metadata.path_for(path))
    return [b.action for b in meta.boundaries] if meta else []


def test_a_correction_is_one_undo_step_and_asks_for_a_new_reading(
    path: Path, tmp_path: Path
) -> None:
    doc = load_document(path)
    editor = Editor(AnnotationStore(tmp_path / "annotations", "ana"))
    claim = doc.claims[1]
    outcome = editor.correct(claim, "joined p:2", lambda: [boundaries.join_next(claim, "ana")])
    assert outcome.reread is doc and outcome.message == "Joined p:2."
    assert stored(path) == ["join"]
    fresh = load_document(path)
    assert len(fresh.claims) == len(doc.claims) - 1
    editor.replaced(doc, fresh)
    undone = editor.undo()
    assert undone.reread is fresh and undone.message == "Undone: joined p:2."
    assert stored(path) == [] and len(load_document(path).claims) == len(doc.claims)
    redone = editor.redo()
    assert redone.reread is fresh and stored(path) == ["join"]


def test_a_correction_that_cannot_be_made_says_why_and_stores_nothing(
    path: Path, tmp_path: Path
) -> None:
    doc = load_document(path)
    editor = Editor(AnnotationStore(tmp_path / "annotations", "ana"))
    last = doc.claims[-1]
    outcome = editor.correct(last, "joined", lambda: [boundaries.join_next(last, "ana")])
    assert outcome.reread is None and "last one" in outcome.message
    assert stored(path) == [] and editor.undo_stack == []


def test_an_unreadable_metadata_file_is_never_overwritten(path: Path, tmp_path: Path) -> None:
    meta = metadata.path_for(path)
    meta.write_text("title = [unclosed\n", "utf-8")
    doc = load_document(path)
    editor = Editor(AnnotationStore(tmp_path / "annotations", "ana"))
    claim = doc.claims[1]
    outcome = editor.correct(claim, "joined", lambda: [boundaries.join_next(claim, "ana")])
    assert outcome.severity == "error" and outcome.message.startswith("Not saved:")
    assert meta.read_text("utf-8") == "title = [unclosed\n"


def test_tags_are_counted_as_moved_or_orphaned_after_a_new_reading(
    path: Path, tmp_path: Path
) -> None:
    store = AnnotationStore(tmp_path / "annotations", "ana")
    doc = load_document(path)
    store.set(doc.claims[1], "disputed")  # "The phone was made by Vodafone Ltd."
    store.set(doc.claims[2], "opinion")  # "Shame the marketing was so bad!!!"
    before = store.load(doc)
    path.write_text(ARTICLE.replace("Vodafone Ltd.", "Nokia.").replace("\n\n", "\n\nNew. ", 1))
    after = store.load(load_document(path))
    assert compare(before, after) == Reanchored(moved=1, orphaned=1)
    assert Reanchored(moved=1, orphaned=1).text() == "1 tag moved, 1 orphaned"
    assert Reanchored(orphaned=2).text() == "2 tags orphaned"
    assert Reanchored().text() == "tags unchanged"
