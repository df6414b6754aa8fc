"""The ``O`` document picker: title, progress and size of every article; type to filter.

Its last row is always "Add a web page…": chosen, the dialog is dismissed with
:data:`ADD_PAGE` and the filter text (a URL typed there is taken along).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.app.screens.dialog import DialogScreen, move_highlight
from tui.app.widgets.text_box import TextBox
from tui.core.display import display
from tui.core.model import Document

ADD_PAGE = "add-page"
"""The option id (and result) of the "Add a web page…" row."""


@dataclass(frozen=True)
class AddPage:
    """The result when "Add a web page…" was chosen; ``typed``: the filter text then."""

    typed: str = ""


@dataclass(frozen=True)
class DocumentRow:
    doc: Document
    short_id: str
    tagged: int
    size: int
    """Size of the text in characters."""
    is_open: bool = False


def human_size(chars: int) -> str:
    if chars < 1000:
        return f"{chars} chars"
    if chars < 1_000_000:
        return f"{chars / 1000:.0f}k chars"
    return f"{chars / 1_000_000:.1f}M chars"


class OpenDocumentScreen(DialogScreen[Document | AddPage | None]):
    """Pick a document; dismissed with it, :class:`AddPage`, or ``None`` on escape."""

    DEFAULT_CSS = """
    OpenDocumentScreen > .dialog {
        width: 110;
    }
    OpenDocumentScreen OptionList {
        height: auto;
        max-height: 24;
        min-width: 10;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="open.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="open.down"),
        Binding("up", "move(-1)", "Up", show=False, id="open.up"),
    ]
    AUTO_FOCUS = "#open-filter"

    def __init__(self, rows: Sequence[DocumentRow], add_key: str = "") -> None:
        super().__init__()
        self.rows = list(rows)
        self.add_key = add_key
        self._shown: list[DocumentRow] = list(self.rows)

    def compose(self) -> ComposeResult:
        title = f"Open a document · {len(self.rows)}"
        with self.frame(title, "type to filter · enter open · escape cancel"):
            yield TextBox(placeholder="filter by id or title", id="open-filter")
            yield OptionList(*self._options(self.rows), id="open-list")

    def _options(self, rows: Sequence[DocumentRow]) -> list[Option]:
        id_width = max((len(row.short_id) for row in self.rows), default=3)
        options = []
        for row in rows:
            progress = f"{row.tagged}/{len(row.doc.claims)}".rjust(9)
            prompt = Content.assemble(
                (row.short_id.ljust(id_width), "bold"),
                (progress, "$text-success" if row.tagged else "$foreground-muted"),
                (human_size(row.size).rjust(13), "$foreground-muted"),
                ("  ● " if row.is_open else "    ", "$text-accent"),
                display(row.doc.title),
            )
            options.append(Option(prompt, id=row.doc.id))
        key = f"  ({self.add_key})" if self.add_key else ""
        add = Content.assemble(
            ("+ Add a web page…", "bold $text-accent"), (key, "$foreground-muted")
        )
        options.append(Option(add, id=ADD_PAGE))
        return options

    @on(Input.Changed, "#open-filter")
    def _filter(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        self._shown = [
            row
            for row in self.rows
            if all(w in f"{row.doc.id} {row.doc.title}".casefold() for w in words)
        ]
        option_list = self.query_one("#open-list", OptionList)
        option_list.set_options(self._options(self._shown))
        option_list.highlighted = 0  # a document, else "Add a web page…" (a URL typed)

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one("#open-list", OptionList), delta)

    @on(Input.Submitted, "#open-filter")
    def _submit(self) -> None:
        option_list = self.query_one("#open-list", OptionList)
        index = option_list.highlighted
        if index is None:
            index = 0
        if index < len(self._shown):
            self.dismiss(self._shown[index].doc)
        else:
            self.dismiss(AddPage(self.query_one("#open-filter", Input).value.strip()))

    @on(OptionList.OptionSelected, "#open-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == ADD_PAGE:
            self.dismiss(AddPage(self.query_one("#open-filter", Input).value.strip()))
            return
        self.dismiss(next(row.doc for row in self.rows if row.doc.id == event.option.id))
