"""Snapshot tests of the reader (pytest-textual-snapshot); regenerate with ``--snapshot-update``.

The content is made deterministic: a private copy of the seeds, a fixed
analyst, annotations written with a fixed date, the working folder set so
paths print relative, and background work (search index, "also in")
finished before the screenshot.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tui.app.app import FactcheckApp
from tui.core.workspace import open_workspace

REPO = Path(__file__).resolve().parent.parent


def write_annotations(corpus: Path, folder: Path) -> None:
    """Two tags on the first article, with a fixed date (the inspector shows it)."""
    workspace = open_workspace([corpus], annotations=folder, analyst="jdoe")
    doc = workspace.corpus.documents[0]
    note = "No public evidence; the centre denies it."
    workspace.store.set(doc.claims[2], "disputed", note=note, sources=["https://example.org/r"])
    workspace.store.set(doc.claims[3], "opinion")
    path = workspace.store.path_for(doc)
    text = re.sub(r"(?m)^updated = .*$", "updated = 2026-01-02T03:04:05Z", path.read_text("utf-8"))
    path.write_text(text, "utf-8")


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch) -> FactcheckApp:
    monkeypatch.chdir(corpus_dir.parent)
    write_annotations(corpus_dir, annotations_dir)
    workspace = open_workspace([Path("seeds")], analyst="tester")
    return FactcheckApp(workspace)


def keys(*presses: str):
    async def run_before(pilot: Pilot) -> None:
        await pilot.app.reader.settle()  # type: ignore[attr-defined]  # Footer in, index built
        await pilot.pause()  # the Footer draws its keys
        await pilot.press(*presses)
        await pilot.app.reader.settle()  # type: ignore[attr-defined]
        await pilot.pause()  # a dialog's focus lands
        screen = pilot.app.screen
        focused = screen.focused
        for area in screen.query(TextArea):
            area.cursor_blink = False  # the cursor drawn steadily where the focus is
        if isinstance(focused, TextArea):  # redrawn with the cursor, whatever the blink's phase
            screen.set_focus(None)
            await pilot.pause()
            screen.set_focus(focused)
        await pilot.pause()

    return run_before


def test_main_screen(snap_compare, app: FactcheckApp) -> None:
    assert snap_compare(app, terminal_size=(150, 40), run_before=keys("j", "j"))


def test_help_screen(snap_compare, app: FactcheckApp) -> None:
    assert snap_compare(app, terminal_size=(110, 45), run_before=keys("question_mark"))


def test_note_editor(snap_compare, app: FactcheckApp) -> None:
    assert snap_compare(app, terminal_size=(110, 36), run_before=keys("j", "j", "e"))


def test_narrow_terminal(snap_compare, app: FactcheckApp) -> None:
    assert snap_compare(app, terminal_size=(50, 15), run_before=keys("j", "j", "tab", "j"))


def test_linked_panes(snap_compare, app: FactcheckApp) -> None:
    """000 against 001 (two versions of one article), following: the match marked ≈ on the same
    row, the tags of 000 carried to their untagged counterparts in 001 (lowercase d, o)."""
    moves = keys("F", "j", "j", "j")

    async def run_before(pilot: Pilot) -> None:
        await moves(pilot)
        pilot.app.clear_notifications()  # "The other panes follow…" would hide the inspector
        await pilot.pause()

    assert snap_compare(app, terminal_size=(150, 40), run_before=run_before)


async def save_readme_screenshot(target: Path = REPO / "docs" / "screenshot.svg") -> None:
    """The README's screenshot, made by Textual's own ``save_screenshot`` on a copy of the seeds.

    Run ``python tests/test_snapshots.py`` to make it again.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "seeds", work / "seeds")
        write_annotations(work / "seeds", work / "annotations")
        previous = Path.cwd()
        os.chdir(work)
        try:
            app = FactcheckApp(open_workspace([Path("seeds")], analyst="jdoe"), session=False)
            async with app.run_test(size=(150, 40)) as pilot:
                await keys("j", "j")(pilot)
                target.parent.mkdir(exist_ok=True)
                app.save_screenshot(target.name, path=str(target.parent))
        finally:
            os.chdir(previous)


if __name__ == "__main__":
    asyncio.run(save_readme_screenshot())
