"""The ``V`` review screen: every analyst's tag on a claim side by side, settled by a verdict.

Each analyst's label, note, sources and time are listed (the claim's team view
from the core, :class:`tui.core.team.ClaimTeam`). ``enter`` settles the claim
with the highlighted analyst's tag, note and sources; a label key (as mapped)
settles it with that label and the note written below (else the note and
sources of the highlighted tag if it gave that label, else of the first that
did). The screen only decides: it is dismissed with a :class:`Verdict`
for the reader to save through the core's editor (undoable), or ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.keys import KeyMap
from tui.app.look import MUTED, label_part
from tui.app.screens.dialog import DialogScreen, move_highlight, tab_on_arrival
from tui.app.widgets.text_box import TextBox
from tui.core.display import display, display_fixed
from tui.core.labels import all_labels
from tui.core.model import Claim
from tui.core.team import AnalystTag, ClaimTeam

NOTE_PLACEHOLDER = "the verdict's note (empty: the chosen tag's)"


@dataclass(frozen=True)
class Verdict:
    """What the reviewer decided: the claim's label, note and sources from now on."""

    label: str
    note: str
    sources: list[str]


def tag_option(tag: AnalystTag, index: int) -> Option:
    """One analyst's tag: who, label, when; the note and sources whole below."""
    when = tag.updated.strftime("%Y-%m-%d %H:%M") if tag.updated else ""
    parts: list[str | tuple[str, str]] = [
        (display(tag.analyst), "bold"),
        "  ",
        label_part(tag.label),
        (f"  {when}", MUTED),
    ]
    if tag.verdict:
        parts.append(("  verdict", "bold $text-success"))
        if tag.overruled_own:
            parts.append((f"  (own tag {tag.overruled_own})", MUTED))
    parts.append(f"\n  {display(tag.note, multiline=True)}" if tag.note else ("\n  no note", MUTED))
    for source in tag.sources:
        parts.append((f"\n  ↗ {display(source)}", MUTED))
    return Option(Content.assemble(*parts), id=f"tag-{index}")


class ReviewScreen(DialogScreen[Verdict | None]):
    """Settle one claim: pick an analyst's tag, or give a label (and a note) of your own."""

    DEFAULT_CSS = """
    ReviewScreen > .dialog {
        width: 110;
        max-height: 90%;
    }
    ReviewScreen #review-claim {
        height: auto;
        max-height: 8;
        padding: 0 0 1 0;
    }
    ReviewScreen #review-tags {
        height: auto;
        max-height: 1fr;
    }
    ReviewScreen #review-note {
        margin-top: 1;
    }
    """

    # tab moves to the note box as it arrives (tab_on_arrival). The list's moves are the
    # screen's too: a "down" handed to the list before that tab still moves it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="review.cancel"),
        *tab_on_arrival("review"),
        Binding("down", "move(1)", show=False, id="review.down"),
        Binding("up", "move(-1)", show=False, id="review.up"),
    ]
    AUTO_FOCUS = "#review-tags"

    def __init__(self, team: ClaimTeam, short_id: str, keymap: KeyMap | None = None) -> None:
        super().__init__()
        self.team = team
        self.short_id = short_id
        self.keymap = keymap or KeyMap()
        self._label_keys = {
            key: label for label, keys in self.keymap.label_keys().items() for key in keys
        }

    @property
    def claim(self) -> Claim:
        return self.team.claim

    def compose(self) -> ComposeResult:
        labels = " ".join(self.keymap.first(f"tag-{label.value}") for label in all_labels())
        hint = f"↑↓ choose · enter settle with it · {labels} settle as · tab note · escape cancel"
        with self.frame(f"Review {self.short_id}:{self.claim.number}", hint):
            status = self.team.status.value
            yield Static(
                Content.assemble(
                    (f"{self.short_id}:{self.claim.number}  ", "bold"),
                    (status, "bold $text-warning" if self.team.contested else MUTED),
                    "\n",
                    display_fixed(self.claim.text),
                ),
                id="review-claim",
            )
            yield OptionList(
                *(tag_option(tag, i) for i, tag in enumerate(self.team.tags)), id="review-tags"
            )
            yield TextBox(placeholder=NOTE_PLACEHOLDER, id="review-note")

    def on_key(self, event: events.Key) -> None:
        """A label key (as mapped) settles, unless the note field is being typed in."""
        label = self._label_keys.get(event.key)
        if label is None or isinstance(self.focused, Input):
            return
        event.stop()
        event.prevent_default()
        self.settle(label)

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one("#review-tags", OptionList), delta)

    @property
    def highlighted(self) -> AnalystTag | None:
        index = self.query_one("#review-tags", OptionList).highlighted
        return self.team.tags[index] if index is not None and self.team.tags else None

    def settle(self, label: str | None = None) -> None:
        """Dismiss with ``label`` (else the highlighted tag's), with a note and sources.

        These come from the tag settled with: the highlighted one if it gave that label,
        else the first that did, else none (a verdict "sourced" never carries the note
        and sources of a "disputed" tag, which argue the other way).
        """
        chosen = self.highlighted
        label = label or (chosen.label if chosen else None)
        if label is None:
            return
        if chosen is None or chosen.label != label:
            chosen = next((tag for tag in self.team.tags if tag.label == label), None)
        typed = self.query_one("#review-note", Input).value.strip()
        note = typed or (chosen.note if chosen else "")
        sources = list(chosen.sources) if chosen else []
        self.dismiss(Verdict(label, note, sources))

    @on(OptionList.OptionSelected, "#review-tags")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.settle()

    @on(Input.Submitted, "#review-note")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.settle()
