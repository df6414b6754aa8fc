"""The core's note save (tui.core.editing.Editor.save_note) with a base: no screen involved."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import tui.core.store as store_module
from tui.core.editing import Editor
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


@pytest.fixture
def workspace(corpus_dir: Path, annotations_dir: Path):
    return open_workspace([corpus_dir], annotations=annotations_dir, analyst="tester")


@pytest.fixture
def editor(workspace) -> Editor:
    return Editor(workspace.store)


@pytest.fixture
def doc(workspace):
    return workspace.corpus.documents[0]


def test_a_save_over_the_base_writes_and_can_be_undone(editor: Editor, doc) -> None:
    claim = doc.claims[0]
    outcome = editor.save_note(claim, "disputed", "why", ["https://x.org"], base=None)
    assert outcome.saved and outcome.conflict is None
    assert outcome.message == f"Saved the note on {doc.id}:1."
    assert editor.undo().saved
    assert editor.store.load(doc).get(claim) is None


def test_a_record_changed_since_the_base_is_a_conflict_and_nothing_is_written(
    editor: Editor, doc, annotations_dir: Path
) -> None:
    claim = doc.claims[0]
    AnnotationStore(annotations_dir, "tester").set(claim, "skip", note="from the shell")
    outcome = editor.save_note(claim, "disputed", "mine", [], base=None)
    assert not outcome.saved and outcome.conflict is not None
    assert outcome.conflict.base is None
    on_disk = outcome.conflict.on_disk
    assert on_disk is not None and on_disk.note == "from the shell"
    assert outcome.message.startswith("Not saved:")
    assert editor.store.load(doc, refresh=True).get(claim).record.note == "from the shell"
    assert editor.undo_stack == []
    # Knowingly over theirs: the base is what was shown.
    outcome = editor.save_note(claim, "disputed", "mine", [], base=outcome.conflict.on_disk)
    assert outcome.saved
    assert editor.store.load(doc).get(claim).record.note == "mine"


def test_a_failed_write_names_the_file(
    editor: Editor, doc, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module, "write_atomic", full)
    outcome = editor.save_note(doc.claims[0], "sourced", "n", [], base=None)
    assert not outcome.saved and outcome.severity == "error"
    assert "No space left on device" in outcome.message
    assert str(editor.store.path_for(doc)) in outcome.message
