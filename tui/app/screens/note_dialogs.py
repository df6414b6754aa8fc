"""The note editor's two questions: a save that met a newer version on disk, unsaved changes.

Both sit over the editor, which stays open underneath with the analyst's text,
so whatever is answered nothing typed is lost unless the analyst says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from tui.app.screens.dialog import DialogScreen
from tui.core.records import Annotation
from tui.core.text import clean_line, strip_controls

Choice = Literal["mine", "theirs", "edit"]


@dataclass(frozen=True)
class Version:
    """A label, note and sources as one side of a conflict shows them."""

    label: str | None
    note: str
    sources: tuple[str, ...]

    @classmethod
    def of(cls, record: Annotation | None) -> Version:
        if record is None:
            return cls(None, "", ())
        return cls(record.label, record.note, tuple(record.sources))

    def describe(self) -> str:
        """Plain text (never markup): the label, the note, one source per line."""
        if self.label is None:
            return "untagged (no label, no note)"
        lines = [f"Label: {self.label}"]
        lines.append("Note: " + (strip_controls(self.note).strip() or "—"))
        lines += [f"Source: {clean_line(s)}" for s in self.sources] or ["Sources: —"]
        return "\n".join(lines)


class ConflictScreen(DialogScreen[Choice]):
    """Theirs (on disk now) beside yours; keep mine, take theirs, or edit on."""

    DEFAULT_CSS = """
    ConflictScreen > .dialog {
        width: 90;
    }
    ConflictScreen .conflict--side {
        height: auto;
        max-height: 8;
        margin-top: 1;
        border-left: thick $warning;
        padding-left: 1;
    }
    ConflictScreen #conflict-mine {
        border-left: thick $primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "Keep mine", id="note.conflict.mine"),
        Binding("t", "choose('theirs')", "Take theirs", id="note.conflict.theirs"),
        Binding("e,escape", "choose('edit')", "Back to editing", id="note.conflict.edit"),
    ]

    def __init__(self, ref: str, theirs: Version, mine: Version) -> None:
        super().__init__()
        self.ref = ref
        self.theirs = theirs
        self.mine = mine

    def compose(self) -> ComposeResult:
        with self.frame(
            f"Changed elsewhere · {self.ref}",
            "m keep mine · t take theirs · e back to editing",
            scroll=True,
        ):
            yield Static(
                Content(
                    f"{self.ref} was changed on disk while you edited it (another window, "
                    "or factcheck tag). Nothing is saved yet."
                )
            )
            yield Static(
                Content("On disk now (theirs)\n" + self.theirs.describe()),
                id="conflict-theirs",
                classes="conflict--side",
            )
            yield Static(
                Content("Yours (not saved)\n" + self.mine.describe()),
                id="conflict-mine",
                classes="conflict--side",
            )
            with Horizontal(classes="dialog--buttons"):
                yield Button("Back to editing", id="conflict-edit")
                yield Button("Take theirs", id="conflict-theirs-button")
                yield Button("Keep mine", variant="warning", id="conflict-mine-button")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#conflict-edit", Button))

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss("edit")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choices: dict[str, Choice] = {
            "conflict-edit": "edit",
            "conflict-theirs-button": "theirs",
            "conflict-mine-button": "mine",
        }
        self.dismiss(choices.get(event.button.id or "", "edit"))


class DiscardScreen(DialogScreen[bool]):
    """``escape`` with unsaved changes: discard them, or keep editing (the default)."""

    DEFAULT_CSS = """
    DiscardScreen > .dialog {
        width: 60;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,y", "discard", "Discard", id="note.discard"),
        Binding("k,n,escape", "keep", "Keep editing", id="note.keep"),
    ]

    def compose(self) -> ComposeResult:
        with self.frame("Unsaved note", "d discard · k or escape keep editing"):
            yield Static("Your changes to this note are not saved.")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Discard", variant="error", id="discard-discard")
                yield Button("Keep editing", variant="primary", id="discard-keep")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#discard-keep", Button))

    def action_discard(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard-discard")
