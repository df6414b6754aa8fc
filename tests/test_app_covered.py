"""The reader under the opaque ``/`` dialog waits to be in front before laying itself out
(tui/app/covered.py); under a translucent dialog it goes on showing through."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, make_app

from tui.app.covered import covers
from tui.app.widgets.inspector import ClaimInspector


async def test_a_change_under_the_search_is_laid_out_once_the_reader_is_back(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir, session=False)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        await reader.settle()
        await pilot.press("slash")
        await pilot.pause()
        assert covers(app.screen) and not reader.is_current
        layouts: list[object] = []
        unwrapped = reader._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            unwrapped(*args, **kwargs)

        reader._refresh_layout = counted  # type: ignore[method-assign]
        inspector = reader.query_one(ClaimInspector)
        height = inspector.outer_size.height + 3
        inspector.styles.height = height  # a change of the reader's layout, as start-up's are
        await pilot.pause()
        await pilot.pause()
        assert layouts == []  # nothing of it shows: no layout, no repaint handed to the dialog
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert reader.is_current and layouts
        assert inspector.outer_size.height == height


async def test_under_a_translucent_dialog_the_reader_stays_current(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir, session=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not app.reader and not covers(app.screen)
        assert app.reader.is_current
