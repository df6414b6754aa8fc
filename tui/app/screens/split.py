"""The ``S`` dialog: the claim's words, a cut between two of them chosen with left and right.

The claim is shown whole, wrapped, with a ``│`` where the cut falls: the
first part dimmed, the second bold. ``←`` ``→`` move the cut one word (``home``
``end``: to the first and last place), ``enter`` splits there. The result is
the offset in the document where the second claim starts.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from tui.app.look import MUTED
from tui.app.screens.dialog import DialogScreen
from tui.core.display import display
from tui.core.model import Claim

_WORD = re.compile(r"\S+")


def cut_points(claim: Claim) -> list[int]:
    """Document offsets where a second claim could start: every word but the first."""
    return [claim.start + m.start() for m in _WORD.finditer(claim.text)][1:]


def default_cut(claim: Claim, points: list[int]) -> int:
    """After the first sentence-like end inside the claim (``.`` ``!`` ``?`` ``:`` ``;``), else
    the middle: where a wrong boundary most often hides."""
    text = claim.doc.text
    for i, point in enumerate(points):
        before = text[claim.start : point].rstrip()
        if before and before[-1] in ".!?:;":
            return i
    return len(points) // 2


class SplitScreen(DialogScreen[int | None]):
    """Choose where ``claim`` splits; dismissed with the document offset, or ``None``."""

    DEFAULT_CSS = """
    SplitScreen > .dialog {
        width: 90;
    }
    SplitScreen #split-claim {
        height: auto;
        margin: 1 0;
    }
    SplitScreen #split-parts {
        height: auto;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="split.cancel"),
        Binding("left", "move(-1)", "Word left", show=False, id="split.left"),
        Binding("right", "move(1)", "Word right", show=False, id="split.right"),
        Binding("home", "move(-1000000)", "First", show=False, id="split.first"),
        Binding("end", "move(1000000)", "Last", show=False, id="split.last"),
        Binding("enter", "split", "Split", id="split.split"),
    ]

    def __init__(self, claim: Claim, label: str) -> None:
        super().__init__()
        self.claim = claim
        self.label = label
        self.points = cut_points(claim)
        self.cut = default_cut(claim, self.points)

    def compose(self) -> ComposeResult:
        keys = "← → move the cut one word · enter split here · escape cancel"
        with self.frame(f"Split claim {display(self.label)}", keys):
            yield Static(self._claim(), id="split-claim")
            yield Static(self._parts(), id="split-parts")

    @property
    def offset(self) -> int:
        return self.points[self.cut]

    def _claim(self) -> Content:
        text, start, end = self.claim.doc.text, self.claim.start, self.claim.end
        return Content.assemble(
            (display(text[start : self.offset].rstrip()), MUTED),
            (" │ ", "bold $text-accent"),
            (display(text[self.offset : end]), "bold"),
        )

    def _parts(self) -> str:
        first = len(_WORD.findall(self.claim.doc.text[self.claim.start : self.offset]))
        second = len(self.points) + 1 - first
        return f"{first} words | {second} words · the second part becomes a claim of its own"

    def action_move(self, step: int) -> None:
        self.cut = min(max(self.cut + step, 0), len(self.points) - 1)
        self.query_one("#split-claim", Static).update(self._claim())
        self.query_one("#split-parts", Static).update(self._parts())

    def action_split(self) -> None:
        self.dismiss(self.offset)
