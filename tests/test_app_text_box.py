"""The dialogs' text box: typing repaints the box alone, and long text still scrolls."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.app.widgets.text_box import TextBox


class BoxApp(App[None]):
    CSS = "TextBox { width: 24; }"

    def compose(self) -> ComposeResult:
        yield TextBox(id="box")


async def test_typing_lays_nothing_out_and_long_text_scrolls_to_the_cursor() -> None:
    app = BoxApp()
    async with app.run_test(size=(60, 10)) as pilot:
        box = app.query_one(TextBox)
        assert isinstance(box, Input)
        layouts: list[bool] = []
        refresh = box.refresh

        def spy(*regions, repaint=True, layout=False, recompose=False):
            layouts.append(layout)
            return refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

        box.refresh = spy  # type: ignore[method-assign]
        text = "the quick brown fox jumps over the lazy dog 0123456789"
        await pilot.press(*text)
        await pilot.pause()
        assert box.value == text
        assert layouts and not any(layouts)  # repainted at each key, never laid out
        assert box.scroll_x > 0  # the box follows the cursor past its width
        shown = "".join(segment.text for segment in box.render_line(0))
        assert "6789" in shown
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_x == 0
