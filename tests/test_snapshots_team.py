"""Snapshots of the team and triage screens: review (``V``), dashboard (``D``), claims list
(``L``) and a filtered pane (``f``), on two analysts' tags of the seeds.

Made deterministic as in :mod:`test_snapshots`: a private copy of the seeds, fixed
analysts and dates, background work finished before the screenshot. Regenerate
with ``--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_snapshots import keys, write_annotations

from tui.app.app import FactcheckApp
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


def second_analyst(corpus: Path, folder: Path) -> None:
    """bob disagrees with jdoe on the third claim (contested) and agrees on the fourth."""
    workspace = open_workspace([corpus], annotations=folder, analyst="bob")
    doc = workspace.corpus.documents[0]
    store = AnnotationStore(folder, "bob")
    store.set(doc.claims[2], "sourced", note="The ministry confirmed the opening.")
    store.set(doc.claims[3], "opinion")
    path = store.path_for(doc)
    text = re.sub(r"(?m)^updated = .*$", "updated = 2026-01-03T04:05:06Z", path.read_text("utf-8"))
    path.write_text(text, "utf-8")


@pytest.fixture
def team_app(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> FactcheckApp:
    monkeypatch.chdir(corpus_dir.parent)
    write_annotations(corpus_dir, annotations_dir)
    second_analyst(corpus_dir, annotations_dir)
    workspace = open_workspace([Path("seeds")], analyst="tester")
    return FactcheckApp(workspace, session=False)


def test_review_screen(snap_compare, team_app: FactcheckApp) -> None:
    assert snap_compare(team_app, terminal_size=(120, 36), run_before=keys("j", "j", "V"))


def test_dashboard(snap_compare, team_app: FactcheckApp) -> None:
    assert snap_compare(team_app, terminal_size=(100, 36), run_before=keys("D"))


def test_claims_list(snap_compare, team_app: FactcheckApp) -> None:
    assert snap_compare(team_app, terminal_size=(140, 36), run_before=keys("L"))


def test_pane_filtered_to_contested_claims(snap_compare, team_app: FactcheckApp) -> None:
    assert snap_compare(team_app, terminal_size=(140, 36), run_before=keys("f", "f"))
