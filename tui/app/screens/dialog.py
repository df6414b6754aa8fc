"""The frame every dialog of the reader shares: centred, bordered, titled in the border.

A dialog screen composes its parts inside ``self.frame(title, keys)`` and
sets only what differs in its own CSS: the frame's width (``Screen > .dialog``)
and its parts. Every dialog's result is ``None`` when it is cancelled.
A dialog closes once (:class:`~tui.app.screens.closing.ClosesOnce`).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import OptionList

from tui.app.resize import SteadySize
from tui.app.screens.closing import ClosesOnce


class DialogScreen(ClosesOnce, SteadySize, ModalScreen[ScreenResultType]):
    """A modal screen holding one centred frame (the ``dialog`` class)."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen > .dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    DialogScreen .dialog--buttons {
        height: auto;
        align-horizontal: right;
    }
    DialogScreen .dialog--buttons Button {
        margin-left: 1;
    }
    """

    def frame(self, title: str, keys: str = "", *, scroll: bool = False) -> Vertical:
        """The frame to compose the dialog in: ``title`` on its top border, ``keys`` below.

        ``scroll``: the whole dialog scrolls when the terminal is too short for it.
        """
        frame = (VerticalScroll if scroll else Vertical)(classes="dialog")
        frame.border_title = title
        frame.border_subtitle = keys
        return frame

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[arg-type]

    def action_focus_next(self) -> None:
        self.focus_next()

    def action_focus_previous(self) -> None:
        self.focus_previous()


def tab_on_arrival(scope: str) -> list[Binding]:
    """``tab`` and ``shift+tab`` for a dialog whose keys come in bursts (tmux, a fast typist).

    Textual hands each key to the widget in focus as it arrives, but runs a binding
    only once the key has bubbled up to the App: the keys typed after a plain ``tab``
    went to the widget it was leaving (a note's "s" to a list of tags, where it
    settled the claim; a file name to a list of formats, where it was lost). As
    priority bindings they move the focus as they arrive, before the keys after them.
    """
    return [
        Binding("tab", "focus_next", show=False, priority=True, id=f"{scope}.focus_next"),
        Binding(
            "shift+tab", "focus_previous", show=False, priority=True, id=f"{scope}.focus_previous"
        ),
    ]


def move_highlight(options: OptionList, delta: int) -> None:
    """The list's highlight one option down (``delta`` > 0) or up: its cursor keys, as a
    dialog's own bindings (its text box has the focus, or a burst moved it there)."""
    if delta > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()
