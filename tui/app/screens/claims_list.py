"""Every claim of the corpus in one list: sorted by check-worthiness (or status, label,
document, analyst), narrowed as you type, enter jumps to the claim in the reader.

The rows come from the core (``tui.core.claim_list``); this screen only draws
them and answers keys. Dismissed with the chosen claim, or ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app.resize import SteadySize
from tui.app.screens.closing import ClosesOnce
from tui.app.widgets.claim_table import ClaimTable
from tui.app.widgets.footer import KeyFooter
from tui.app.widgets.text_box import TextBox
from tui.core.claim_list import ClaimRow, Order, filter_rows, sort_rows
from tui.core.model import Claim
from tui.core.progress import plural

ORDERS = tuple(Order)
HINT = "type to filter · label:disputed status:contested analyst:NAME doc:000"


class ClaimsListScreen(ClosesOnce, SteadySize, Screen[Claim | None]):
    """The corpus's claims; the cursor keys move while you type."""

    DEFAULT_CSS = """
    ClaimsListScreen #claims-head {
        height: 1;
        padding: 0 1;
        color: $foreground-muted;
    }
    ClaimsListScreen Input {
        margin: 0 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="claims.close"),
        Binding("ctrl+s", "next_order", "Sort", id="claims.sort"),
        Binding("enter", "choose", "Jump", id="claims.jump", priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("pagedown", "page(1)", show=False, priority=True),
        Binding("pageup", "page(-1)", show=False, priority=True),
    ]
    AUTO_FOCUS = "#claims-filter"

    def __init__(
        self,
        rows: Sequence[ClaimRow],
        *,
        short_ids: dict[str, str] | None = None,
        order: Order = Order.CHECKWORTHY,
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        self.order = order
        self.query_text = ""
        self._short_ids = short_ids or {}

    def compose(self) -> ComposeResult:
        yield TextBox(placeholder=HINT, id="claims-filter")
        yield Static(id="claims-head", markup=False)
        yield ClaimTable(self._shown(), short_ids=self._short_ids, id="claims-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._update_head()

    @property
    def table(self) -> ClaimTable:
        return self.query_one(ClaimTable)

    def _shown(self) -> list[ClaimRow]:
        return sort_rows(filter_rows(self.rows, self.query_text), self.order)

    def _refill(self) -> None:
        self.table.set_rows(self._shown())
        self._update_head()

    def _update_head(self) -> None:
        shown = len(self.table.rows)
        count = (
            f"{shown:,} of {plural(len(self.rows), 'claim')}"
            if self.query_text
            else plural(shown, "claim")
        )
        self.query_one("#claims-head", Static).update(
            f"{count} · sorted by {self.order.value} (ctrl+s to change) · "
            "score  mark (S D O x, ? contested, ✓ settled)  document  analysts  claim"
        )

    @on(Input.Changed, "#claims-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._refill()

    def action_next_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._refill()

    def action_move(self, delta: int) -> None:
        self.table.action_move(delta)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_choose(self) -> None:
        row = self.table.current
        if row is not None:
            self.dismiss(row.claim)

    @on(ClaimTable.Chosen)
    def _chosen(self, event: ClaimTable.Chosen) -> None:
        self.dismiss(event.row.claim)

    def action_close(self) -> None:
        self.dismiss(None)
