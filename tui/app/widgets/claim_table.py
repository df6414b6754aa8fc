"""A list of claims drawn line by line (Textual's Line API), fast at 70,000 rows.

Only the visible lines are ever built, so mounting, moving the cursor and
replacing the rows after a key press cost the same for 100 claims or 100,000
(an OptionList takes seconds to fill at that size). Every text is cleaned
and drawn as plain segments: article text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.claim_list import ClaimRow
from tui.core.display import display_fixed
from tui.core.labels import is_label, letter


def mark(row: ClaimRow) -> str:
    """Two characters that read without colour: the label letter, ? contested, ✓ settled."""
    if row.status == "contested":
        return "? "
    if row.label is not None and is_label(row.label):
        mark = letter(row.label)
        return f"{mark}✓" if row.status == "settled" else f"{mark} "
    return "· "


class ClaimTable(ScrollView, can_focus=True):
    """Rows of claims: score, mark, document, analysts, text; one row has the cursor."""

    DEFAULT_CSS = """
    ClaimTable {
        height: 1fr;
    }
    ClaimTable > .claim-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ClaimTable > .claim-table--muted {
        color: $foreground-muted;
    }
    ClaimTable > .claim-table--high {
        color: $text-error;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-table--cursor",
        "claim-table--muted",
        "claim-table--high",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Chosen(Message):
        """Enter (or a click) on a row."""

        def __init__(self, row: ClaimRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, rows: Sequence[ClaimRow] = (), *, short_ids: dict[str, str] | None = None,
                 id: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id)
        self.rows: Sequence[ClaimRow] = rows
        self.short_ids = short_ids or {}
        self._id_width = max((len(v) for v in self.short_ids.values()), default=8)

    def set_rows(self, rows: Sequence[ClaimRow]) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    @property
    def current(self) -> ClaimRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self, cursor: int) -> None:
        if not self.rows:
            return
        top = self.scroll_offset.y
        height = max(self.scrollable_content_region.height, 1)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False)
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 1, 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row))

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.action_choose()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        muted = self.get_component_rich_style("claim-table--muted")
        high = self.get_component_rich_style("claim-table--high")
        if index == self.cursor:
            base = base + self.get_component_rich_style("claim-table--cursor")
            muted = high = Style()
        doc = self.short_ids.get(row.doc_id, row.doc_id)[: self._id_width].ljust(self._id_width)
        who = ",".join(row.analysts)[:12].ljust(12)
        segments = [
            Segment(f"{row.score:>3} ", base + (high if row.score >= 70 else Style())),
            Segment(mark(row), base),
            Segment(f" {doc} ", base + muted),
            Segment(f"{who} ", base + muted),
            Segment(display_fixed(row.claim.text), base),
        ]
        return Strip(segments).crop_extend(0, width, base)
