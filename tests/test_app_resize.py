"""A resize to the size a screen is laid out at costs nothing; any other size lays it out."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, make_app
from textual import events
from textual.geometry import Size

from tui.app.app import FactcheckApp
from tui.app.widgets.inspector import ClaimInspector


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def _count_layouts(screen) -> list[Size]:  # type: ignore[no-untyped-def]
    laid_out: list[Size] = []
    refresh = screen._refresh_layout

    def counted(size=None, scroll=False):  # type: ignore[no-untyped-def]
        laid_out.append(size)
        refresh(size, scroll)

    screen._refresh_layout = counted
    return laid_out


async def test_a_resize_to_the_same_size_is_not_laid_out_again(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.reader
        laid_out = _count_layouts(reader)
        same = Size(*SIZE)
        for _ in range(3):  # as Textual sends them after the first frame
            reader.post_message(events.Resize(same, same))
        await pilot.pause()
        assert same not in laid_out
        first, second = reader.panes
        assert first.display and second.display
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert Size(50, 15) in laid_out  # a new size is laid out as before
        assert first.display and not second.display  # and the reader's own on_resize ran
        assert app.query_one(ClaimInspector).size.height == 2


async def test_a_dialog_skips_a_same_size_resize_too(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        dialog = app.screen
        assert dialog is not app.reader
        laid_out = _count_layouts(dialog)
        dialog.post_message(events.Resize(Size(*SIZE), Size(*SIZE)))
        await pilot.pause()
        assert laid_out == []
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert Size(100, 30) in laid_out
