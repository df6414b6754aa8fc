"""The note editor: a label, a multi-line note and a list of source URLs for one claim.

Saving needs a label: a note on an unreviewed claim is a review, so the
editor asks for one (the claim's label is preselected when it has one).
Saving with no label and nothing written simply closes the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, RadioButton, RadioSet, Static, TextArea

from tui.app.keys import key_label
from tui.app.screens.dialog import DialogScreen
from tui.app.widgets.pane import fit
from tui.core.labels import all_labels, label_names, names_text
from tui.core.model import Claim
from tui.core.records import Annotation
from tui.core.text import clean_line, strip_controls


@dataclass(frozen=True)
class NoteResult:
    label: str
    note: str
    sources: list[str]


def parse_sources(text: str) -> list[str]:
    """One source per line; blank lines dropped, duplicates kept once, in order."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = clean_line(line).strip()
        if line:
            seen.setdefault(line, None)
    return list(seen)


class NoteScreen(DialogScreen[NoteResult | None]):
    """Edit the note and sources of ``claim``; ``ctrl+s`` saves, ``escape`` cancels."""

    DEFAULT_CSS = """
    NoteScreen > .dialog {
        width: 90;
    }
    NoteScreen #note-claim {
        color: $text-muted;
        height: auto;
        max-height: 3;
    }
    NoteScreen .note--caption {
        color: $text-muted;
        margin-top: 1;
    }
    NoteScreen RadioSet {
        layout: horizontal;
        width: 100%;
        height: auto;
        border: none;
    }
    NoteScreen RadioSet:blur > RadioButton.-selected > .toggle--label {
        background: transparent;
    }
    NoteScreen #note-text {
        height: 6;
        min-height: 3;
    }
    NoteScreen #note-sources {
        height: 4;
        min-height: 3;
    }
    NoteScreen #note-error {
        color: $text-error;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]
    AUTO_FOCUS = "#note-text"

    def __init__(
        self,
        claim: Claim,
        record: Annotation | None,
        *,
        short_id: str = "",
        label_keys: dict[str, list[str]] | None = None,
    ) -> None:
        """``label_keys``: the keys that pick each label (the reader's tag keys as mapped)."""
        super().__init__()
        self.claim = claim
        self.record = record
        self.short_id = short_id or claim.doc.id
        self.label_keys = label_keys or {
            label.value: [label.key, label.alias] for label in all_labels()
        }
        # Label keys reach these only when no text box has focus (the label row, a button).
        picks = [
            Binding(key, f"pick('{label}')", label, show=False, id=f"note.{label}")
            for label, keys in self.label_keys.items()
            for key in keys
        ]
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(picks)])
        # An untagged claim needs a label first: start on the label row, so `e d`
        # then typing writes a disputed claim's note (picking moves on to the note).
        self.AUTO_FOCUS = "#note-text" if record is not None else "#note-label"

    def compose(self) -> ComposeResult:
        record = self.record
        title = f"Note · {self.short_id}:{self.claim.number}"
        with self.frame(title, "ctrl+s save · escape cancel", scroll=True):
            yield Static(Content(fit(clean_line(self.claim.text), 240)), id="note-claim")
            keys = " ".join(key_label(keys[0]) for keys in self.label_keys.values() if keys)
            yield Static(
                f"Label ({keys} here, or arrows and space; a pick moves on to the note)",
                classes="note--caption",
            )
            with RadioSet(id="note-label"):
                for label in label_names():
                    yield RadioButton(
                        label,
                        value=record is not None and record.label == label,
                        id=f"label-{label}",
                    )
            yield Static("Note", classes="note--caption")
            yield TextArea(
                strip_controls(record.note) if record else "", id="note-text", soft_wrap=True
            )
            yield Static("Sources, one URL per line", classes="note--caption")
            yield TextArea(
                "\n".join(map(clean_line, record.sources)) if record else "",
                id="note-sources",
                soft_wrap=False,
            )
            yield Static("", id="note-error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Cancel", id="note-cancel")
                yield Button("Save", variant="primary", id="note-save")

    @property
    def label(self) -> str | None:
        pressed = self.query_one("#note-label", RadioSet).pressed_button
        return pressed.id.removeprefix("label-") if pressed and pressed.id else None

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        note = self.query_one("#note-text", TextArea).text.strip()
        sources = parse_sources(self.query_one("#note-sources", TextArea).text)
        label = self.label
        if label is None:
            if not note and not sources:
                self.dismiss(None)
                return
            self.query_one("#note-error", Static).update(
                Content(f"Choose a label for this claim first ({names_text()}).")
            )
            self.query_one("#note-label", RadioSet).focus()
            return
        self.dismiss(NoteResult(label, note, sources))

    def action_pick(self, label: str) -> None:
        self.query_one(f"#label-{label}", RadioButton).value = True
        self.query_one("#note-text", TextArea).focus()

    @on(Button.Pressed, "#note-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
