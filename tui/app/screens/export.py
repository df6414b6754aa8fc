"""The export dialog: choose a format and a file; the file is written atomically.

Dismissed with the written path (the caller notifies), or ``None`` when
cancelled. A failure (a folder given as the file, no permission, a bad
option) is shown in the dialog and the dialog stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.app.screens.dialog import DialogScreen, tab_on_arrival
from tui.app.widgets.text_box import TextBox
from tui.core.display import display
from tui.core.export import (
    DEFAULT_FORMAT,
    FORMATS,
    default_path,
    with_format_extension,
    write_export,
)
from tui.core.export.output import is_stream
from tui.core.workspace import Workspace

if TYPE_CHECKING:
    from tui.core.search import SearchIndex


class FormatChoice(RadioSet):
    """The formats: arrows move, ``space`` chooses, ``enter`` chooses and exports.

    Focused first, so the dialog's first keys pick a format (``E`` ``↓`` ``enter``
    writes the second format) instead of typing over the selected path. Its keys are
    handled as the list is handed them, not as bindings, which run only once a key has
    bubbled up: keys come in bursts (tmux, a fast typist), and after a ``tab`` typed at
    once the path box has the focus, so ``↓ space tab`` moved after it chose, or lost
    the ``space`` (a box in focus keeps printable keys from the bindings).
    """

    inherit_bindings = False

    def _on_key(self, event: Key) -> None:
        action = _FORMAT_KEYS.get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        getattr(self, f"action_{action}")()

    @dataclass
    class Chosen(Message):
        """``enter`` on a format: export in it now."""

        fmt: str

    def action_choose_and_export(self) -> None:
        highlighted = self._selected
        if highlighted is None:
            highlighted = next((i for i, b in enumerate(self.query(RadioButton)) if b.value), 0)
        button = list(self.query(RadioButton))[highlighted]
        self.post_message(self.Chosen((button.id or "").removeprefix("export-format-")))


_FORMAT_KEYS = {
    "down": "next_button",
    "right": "next_button",
    "up": "previous_button",
    "left": "previous_button",
    "space": "toggle_button",
    "enter": "choose_and_export",
}


class ExportScreen(DialogScreen[Path | None]):
    """Export a summary of the annotations to a file."""

    DEFAULT_CSS = """
    ExportScreen > .dialog {
        width: 76;
    }
    ExportScreen #export-formats {
        width: 100%;
        height: auto;
    }
    ExportScreen #export-path {
        width: 100%;
        margin-top: 1;
    }
    ExportScreen #export-error {
        color: $error;
        height: auto;
        min-height: 1;
    }
    """

    # tab moves to the path as it arrives (tab_on_arrival); the format list takes its
    # own keys as they come (FormatChoice).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.write"),
        *tab_on_arrival("export"),
    ]
    AUTO_FOCUS = "#export-formats"

    def __init__(
        self,
        workspace: Workspace,
        *,
        fmt: str = DEFAULT_FORMAT,
        analyst: str | None = None,
        url_base: str | None = None,
        index: SearchIndex | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.index = index
        """The reader's search index, reused for the cross-document matches."""
        self.fmt = fmt if fmt in FORMATS else DEFAULT_FORMAT
        self.analyst = analyst
        self.url_base = url_base
        self._filled = str(default_path(workspace, self.fmt))
        """The path the dialog put in the box (its extension follows the format)."""

    def compose(self) -> ComposeResult:
        with self.frame(
            "Export a summary", "↑↓ format · enter export · tab file · escape cancel", scroll=True
        ):
            with FormatChoice(id="export-formats"):
                for form in FORMATS.values():
                    yield RadioButton(
                        form.title, value=form.name == self.fmt, id=f"export-format-{form.name}"
                    )
            yield TextBox(
                self._filled,
                placeholder="file to write",
                select_on_focus=False,
                id="export-path",
            )
            yield Static("", id="export-error", markup=False)
            with Horizontal(classes="dialog--buttons"):
                yield Button("Cancel", id="export-cancel")
                yield Button("Export", variant="primary", id="export-write")

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    def show_error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Content(display(message)))

    @on(RadioSet.Changed, "#export-formats")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.choose((event.pressed.id or "").removeprefix("export-format-"))

    @on(FormatChoice.Chosen)
    def _format_chosen(self, event: FormatChoice.Chosen) -> None:
        event.stop()
        self.choose(event.fmt)
        self.action_export()

    def choose(self, new: str) -> None:
        """Export in ``new``; the path's extension follows if it was the old format's.

        What was typed after the path the dialog filled in stays after it: in a burst
        (``↓ space tab -b`` at once) the box takes ``-b`` before the choice reaches here.
        """
        if new not in FORMATS or new == self.fmt:
            return
        old, self.fmt = self.fmt, new
        # Follow the extension only if the user kept the old format's one.
        text = self.path_input.value.strip()
        filled = self._filled
        after = text[len(filled) :] if filled and text.startswith(filled) else ""
        base = text[: len(text) - len(after)]
        renamed = with_format_extension(Path(base), old, new) if base else None
        if renamed is not None:
            self._filled = str(renamed)
            self.path_input.value = self._filled + after
            self.path_input.action_end()  # tab then typing goes on from the end
        self.show_error("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def _submit(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_export(self) -> None:
        text = self.path_input.value.strip()
        if not text:
            self.show_error("Give a file to write.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.show_error(f"{path} is a folder; give a file name.")
            return
        if is_stream(path):  # the terminal is the reader's; a FIFO would block it
            self.show_error(f"{path} is not a file; use factcheck export to write to a stream.")
            return
        try:
            write_export(
                self.workspace,
                self.fmt,
                path,
                analyst=self.analyst,
                url_base=self.url_base,
                index=self.index,
            )
        except OSError as error:
            self.show_error(f"Cannot write {path}: {error.strerror or error}; nothing was written.")
            return
        except ValueError as error:
            self.show_error(f"Cannot export: {error}.")
            return
        self.dismiss(path)
