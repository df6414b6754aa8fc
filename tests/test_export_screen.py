"""The export dialog driven with Pilot in a tiny app."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from textual.app import App
from textual.widgets import Input, RadioSet, Static

from tui.app.screens.export import ExportScreen
from tui.core.workspace import Workspace, open_workspace

MARKUP_NOTE = "[bold]not markup[/] [/] [@click=app.quit]x[/]"


class Host(App[None]):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.workspace), self.results.append)


def workspace(corpus_dir: Path, annotations_dir: Path) -> Workspace:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="Ana Lyst")
    doc = ws.corpus.documents[0]
    ws.store.set(doc.claims[1], "disputed", note=MARKUP_NOTE, sources=["https://example.org"])
    return ws


async def test_enter_writes_the_default_markdown(corpus_dir: Path, annotations_dir: Path) -> None:
    app = Host(workspace(corpus_dir, annotations_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        assert app.screen.query_one("#export-formats", RadioSet).has_focus
        expected = annotations_dir.parent / "exports" / "factcheck-summary.md"
        assert Path(path_input.value) == expected
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert app.results == [expected]
    text = expected.read_text(encoding="utf-8")
    assert text.startswith("# Fact-check summary") and "not markup" in text


async def test_choosing_a_format_changes_the_extension(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = Host(workspace(corpus_dir, annotations_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-formats", RadioSet).focus()
        await pilot.press("down", "space")  # Markdown -> CSV, not yet written
        await pilot.pause()
        assert app.screen is screen
        path_input = screen.query_one("#export-path", Input)
        assert path_input.value.endswith("factcheck-summary.csv")
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
    written = app.results[0]
    assert written is not None and written.suffix == ".csv"
    rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert [(r["label"], r["note"]) for r in rows] == [("disputed", MARKUP_NOTE)]


async def test_a_path_the_user_typed_keeps_its_name(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = Host(workspace(corpus_dir, annotations_dir))
    target = annotations_dir.parent / "mine.data"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(target)
        screen.query_one("#export-formats", RadioSet).focus()
        await pilot.press("down", "down", "down", "space")  # ClaimReview
        await pilot.pause()
        assert screen.query_one("#export-path", Input).value == str(target)
        await pilot.click("#export-write")
        await pilot.pause()
    assert app.results == [target]
    reviews = json.loads(target.read_text(encoding="utf-8"))
    assert reviews[0]["reviewRating"]["alternateName"] == "Disputed"


async def test_errors_stay_in_the_dialog_and_escape_cancels(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = Host(workspace(corpus_dir, annotations_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        path_input = screen.query_one("#export-path", Input)
        path_input.value = str(corpus_dir)  # a folder
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        error = str(screen.query_one("#export-error", Static).render())
        assert "is a folder" in error
        blocker = corpus_dir.parent / "blocker"
        blocker.write_text("a file, not a folder", encoding="utf-8")
        path_input.value = str(blocker / "out.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Cannot write" in str(screen.query_one("#export-error", Static).render())
        path_input.value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert "Give a file" in str(screen.query_one("#export-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    assert app.results == [None]
    assert not (annotations_dir.parent / "exports").exists()


async def test_first_keys_choose_a_format_and_never_type_over_the_path(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """``E`` ``↓`` ``space`` chose CSV's path... by replacing the selected path with a space."""
    app = Host(workspace(corpus_dir, annotations_dir))
    expected = annotations_dir.parent / "exports" / "factcheck-summary.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("down", "space")
        await pilot.pause()
        assert Path(screen.query_one("#export-path", Input).value) == expected
        await pilot.press("tab", "x")  # into the path: typing adds, never replaces
        assert screen.query_one("#export-path", Input).value.endswith("x")
        assert len(screen.query_one("#export-path", Input).value) > 2


async def test_enter_on_a_format_exports_in_it(corpus_dir: Path, annotations_dir: Path) -> None:
    app = Host(workspace(corpus_dir, annotations_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    written = app.results[0]
    assert written is not None and written.suffix == ".csv" and written.exists()


async def test_a_burst_of_keys_chooses_the_format_and_types_into_the_path(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """``↓ space tab -b`` sent at once (tmux, a fast typist): the format moves and is chosen,
    and what follows tab goes into the path (the keys after it went to the format list)."""
    from note_helpers import burst

    app = Host(workspace(corpus_dir, annotations_dir))
    expected = annotations_dir.parent / "exports" / "factcheck-summary.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await burst(pilot, "down", "space", "tab", "minus", "b")
        assert screen.query_one("#export-path", Input).value == f"{expected}-b"
        assert screen.fmt == "csv"
