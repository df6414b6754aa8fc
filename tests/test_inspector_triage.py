"""The inspector's check-worthiness and status (tui.app.widgets.inspector.describe)."""

from __future__ import annotations

from pathlib import Path

from tui.app.widgets.inspector import describe
from tui.core.checkworthy import checkworthiness
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


def test_the_inspector_shows_the_score_its_reasons_and_the_status(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="alice")
    doc = workspace.corpus.documents[0]
    claim = max(doc.claims, key=lambda c: checkworthiness(c.text).score)
    worth = checkworthiness(claim.text)
    assert worth.score > 0
    text = describe(claim, workspace.store.load(doc)).plain
    assert f"worth {worth.score}: {worth.explanation}" in text
    assert "not reviewed" in text
    workspace.store.set(claim, "sourced")
    assert "tagged" in describe(claim, workspace.store.load(doc)).plain
    AnnotationStore(annotations_dir, "bob").set(claim, "disputed")
    state = workspace.store.load(doc, refresh=True)
    head = describe(claim, state).plain.splitlines()[0]
    assert "contested" in head and f"worth {worth.score}" in head
    workspace.store.set(claim, "disputed", verdict=True)
    head = describe(claim, workspace.store.load(doc, refresh=True)).plain.splitlines()[0]
    assert "settled" in head and f"worth {worth.score}" in head
