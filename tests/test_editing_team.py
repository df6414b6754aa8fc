"""Undo among several analysts: only the undoing analyst's own file decides (tui.core.editing)."""

from __future__ import annotations

from pathlib import Path

from tui.core.editing import Editor
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


def test_undo_is_not_refused_because_another_analyst_tagged_the_claim(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="alice")
    editor = Editor(workspace.store, fresh=lambda doc: workspace.store.load(doc, refresh=True))
    claim = workspace.corpus.documents[0].claims[0]
    assert editor.tag(claim, "sourced").saved
    # Bob, in another process, tags the same claim otherwise.
    AnnotationStore(annotations_dir, "bob").set(claim, "disputed", note="his")
    outcome = editor.undo()
    assert outcome.saved, outcome.message
    state = workspace.store.load(claim.doc, refresh=True)
    assert [tag.analyst for tag in state.team(claim).tags] == ["bob"]


def test_undo_is_refused_when_the_analysts_own_record_changed_elsewhere(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="alice")
    editor = Editor(workspace.store, fresh=lambda doc: workspace.store.load(doc, refresh=True))
    claim = workspace.corpus.documents[0].claims[0]
    assert editor.tag(claim, "sourced").saved
    AnnotationStore(annotations_dir, "alice").set(claim, "opinion", note="from the shell")
    outcome = editor.undo()
    assert not outcome.saved and "changed elsewhere" in outcome.message


def test_the_watch_ignores_the_check_worthiness_model_folder(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="alice")
    doc = workspace.corpus.documents[0]
    workspace.store.set(doc.claims[0], "sourced")
    before = workspace.store.stamp(doc)
    model = annotations_dir / ".model"
    model.mkdir()
    (model / "checkworthy.json").write_text("{}", encoding="utf-8")
    (model / f"{doc.id}.toml").write_text("not toml [", encoding="utf-8")
    assert workspace.store.stamp(doc) == before
    assert all(".model" not in str(path) for path in workspace.store.files_for(doc))
