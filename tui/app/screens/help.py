"""The ``?`` help screen: every key, grouped, with how tagging behaves."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from tui.app.screens.dialog import DialogScreen
from tui.core.display import display

INTRO = (
    "Tag the highlighted claim with one key; the cursor then moves to the next claim. "
    "Every change is saved at once, and u undoes it step by step, on disk too. "
    "Quitting never asks: there is nothing left to save. Each article opens at its first "
    "unreviewed claim; a note needs a label (the editor asks for one)."
)


class HelpScreen(DialogScreen[None]):
    """A list of keys; any of escape, ? or q closes it."""

    DEFAULT_CSS = """
    HelpScreen > .dialog {
        width: 84;
        border-title-color: $text;
    }
    HelpScreen Static {
        width: 100%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "cancel", "Close", id="help.close"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]], annotations: str = "") -> None:
        """``rows``: (group, keys, what they do), in display order."""
        super().__init__()
        self.rows = list(rows)
        self.annotations = annotations

    def compose(self) -> ComposeResult:
        with self.frame("Keys", "escape to close", scroll=True):
            yield HelpText(self.render_help, id="help-text")

    def render_help(self, width: int = 80) -> Content:
        """The help for ``width`` cells: a description that wraps stays right of its keys."""
        column = max((len(keys) for _group, keys, _what in self.rows), default=8) + 2
        room = max(width - column - 2, 20)
        parts: list[Content] = [Content(INTRO), Content("")]
        group = None
        for row_group, keys, what in self.rows:
            if row_group != group:
                if group is not None:
                    parts.append(Content(""))
                parts.append(Content.styled(row_group, "bold $text-accent"))
                group = row_group
            lines = textwrap.wrap(display(what), room) or [""]
            parts.append(Content.assemble(("  " + keys.ljust(column), "bold"), lines[0]))
            parts += [Content(" " * (column + 2) + line) for line in lines[1:]]
        if self.annotations:
            parts += [
                Content(""),
                Content.assemble(("Annotations: ", "bold"), display(self.annotations)),
            ]
        return Content("\n").join(parts)


class HelpText(Static):
    """The help's text, wrapped again for the width it is given (a narrow terminal)."""

    def __init__(self, render_for: Callable[[int], Content], *, id: str) -> None:
        super().__init__(id=id)
        self.render_for = render_for

    def render(self) -> Content:
        return self.render_for(self.size.width or 80)

    def on_resize(self) -> None:
        self.refresh(layout=True)
