"""The "Add a web page…" dialog: a URL or a saved page's path, then progress, then the result.

The add itself (download, extraction, writing the files) is the core's
(:func:`tui.core.web.add.add_page`) and runs in a thread started by the flow
(:mod:`tui.app.flows.adding`); this screen only asks and shows: a progress
line while the page arrives, and the core's one-sentence reason when it fails
(the dialog stays open to correct the address).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, LoadingIndicator, Static

from tui.app.screens.dialog import DialogScreen
from tui.app.widgets.text_box import TextBox
from tui.core.display import display


def human_bytes(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


class AddPageScreen(DialogScreen[None]):
    """Ask for a page; ``start(screen, source)`` begins the add (the flow's worker)."""

    DEFAULT_CSS = """
    AddPageScreen > .dialog {
        width: 90;
    }
    AddPageScreen #add-status {
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    AddPageScreen #add-status.-error {
        color: $text-error;
    }
    AddPageScreen LoadingIndicator {
        height: 1;
        display: none;
    }
    AddPageScreen.-busy LoadingIndicator {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add-page.cancel"),
    ]
    AUTO_FOCUS = "#add-source"

    def __init__(self, start: Callable[[AddPageScreen, str], None], typed: str = "") -> None:
        super().__init__()
        self.start = start
        self.typed = typed
        self.busy = False
        self.cancelled = False
        """Escape was pressed while the page was on its way (the flow stops the download)."""

    def compose(self) -> ComposeResult:
        keys = "enter add · escape cancel"
        with self.frame("Add a web page", keys):
            yield TextBox(
                self.typed,
                placeholder="https://… or a saved page: ~/Downloads/article.html",
                id="add-source",
            )
            yield LoadingIndicator()
            yield Static(
                "The article's text and its title, author and date go into the corpus folder.",
                id="add-status",
                markup=False,
            )

    @on(Input.Submitted, "#add-source")
    def _submit(self, event: Input.Submitted) -> None:
        source = event.value.strip()
        if self.busy:
            return
        if not source:
            self.show_error("Give a web address (http or https) or the path of a saved .html page.")
            return
        if source.startswith("~"):
            from pathlib import Path

            source = str(Path(source).expanduser())
        self.busy = True
        self.add_class("-busy")
        self.query_one("#add-source", Input).disabled = True
        self.show_status(f"Adding {source}…")
        self.start(self, source)

    def show_status(self, text: str) -> None:
        status = self.query_one("#add-status", Static)
        status.remove_class("-error")
        status.update(display(text))

    def show_progress(self, received: int, total: int | None) -> None:
        """Told from the download as it goes (on the app's thread)."""
        of = f" of {human_bytes(total)}" if total else ""
        self.show_status(f"Downloading… {human_bytes(received)}{of}")

    def show_error(self, reason: str) -> None:
        """The add failed (nothing was written): say why and let the address be corrected."""
        self.busy = False
        self.remove_class("-busy")
        field = self.query_one("#add-source", Input)
        field.disabled = False
        field.focus()
        status = self.query_one("#add-status", Static)
        status.add_class("-error")
        status.update(display(reason))

    def action_cancel(self) -> None:
        self.cancelled = self.busy
        self.dismiss(None)
