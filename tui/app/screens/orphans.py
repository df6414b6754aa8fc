"""Orphaned annotations of the open documents: re-attach one to the current claim, or leave it.

An orphan is a stored tag whose quote is no longer found in the article (the
article was edited). It stays in its file untouched until someone decides:
``enter`` moves it onto the claim under the cursor, keeping label, note and
sources; ``escape`` leaves everything as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.dialog import DialogScreen
from tui.app.widgets.pane import fit
from tui.core.anchoring import Anchored
from tui.core.display import display, display_fixed
from tui.core.model import Claim, Document


@dataclass(frozen=True)
class Orphan:
    doc: Document
    short_id: str
    anchored: Anchored


class OrphansScreen(DialogScreen[Orphan | None]):
    """Pick an orphan to re-attach to ``claim``; dismissed with it, or ``None``."""

    DEFAULT_CSS = """
    OrphansScreen > .dialog {
        width: 100;
    }
    OrphansScreen #orphans-target {
        height: auto;
        color: $text-muted;
    }
    OrphansScreen OptionList {
        height: auto;
        max-height: 20;
        min-width: 10;
        margin-top: 1;
    }
    OrphansScreen #orphans-empty {
        margin: 1 0;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Leave", id="orphans.leave"),
    ]

    def __init__(
        self, orphans: Sequence[Orphan], claim: Claim | None, *, claim_label: str = ""
    ) -> None:
        super().__init__()
        self.orphans = list(orphans)
        self.claim = claim
        self.claim_label = claim_label

    def compose(self) -> ComposeResult:
        title = f"Orphaned annotations · {len(self.orphans)}"
        with self.frame(title, "enter re-attach · escape leave"):
            if self.claim is not None:
                target = Content.assemble(
                    "Re-attach to ",
                    (self.claim_label, "bold"),
                    f" “{fit(display_fixed(self.claim.text), 160)}”",
                )
            else:
                target = Content("No claim is selected: open a document first.")
            yield Static(target, id="orphans-target")
            if self.orphans:
                yield OptionList(*self._options(), id="orphans-list")
            else:
                yield Static(
                    "No orphaned annotations in the open documents: every tag found its text.",
                    id="orphans-empty",
                )

    def _options(self) -> list[Option]:
        options = []
        for i, orphan in enumerate(self.orphans):
            record = orphan.anchored.record
            quote = fit(display_fixed(record.quote), 400)
            lines = [
                Content.assemble(
                    (f"{orphan.short_id} ", "bold"),
                    (f"{record.label}  ", "$text-warning"),
                    f"“{quote}”",
                )
            ]
            if record.note:
                lines.append(
                    Content.assemble(
                        ("  note: ", "$foreground-muted"), fit(display(record.note), 400)
                    )
                )
            options.append(Option(Content("\n").join(lines), id=str(i)))
        return options

    @on(OptionList.OptionSelected, "#orphans-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.orphans[int(event.option.id or 0)])
