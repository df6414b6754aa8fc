"""A screen that neither lays itself out nor repaints while an opaque screen covers it.

Textual counts the screen under the top one as current, since it may show
through a translucent dialog: it goes on laying itself out as its widgets
change, and hands the regions it repainted to the top screen, which repaints
them over itself. Under an opaque screen (the ``/`` search) nothing of it
shows, yet with start-up's work still changing the reader (its panes' sizes and
scroll bars, the inspector) each change was a layout of the reader (~5 ms) and
a repaint of the whole search screen (~10 ms, 19 KB to the terminal), three or
four times while ``/`` pressed at start-up waited for its first results
(traced). Covered so, the screen keeps what it has to do until it is in front
again, when Textual lays it out and paints it (its layout and repaint flags are
left set, and a screen brought back to front is refreshed whole).
"""

from __future__ import annotations

from textual.app import ScreenStackError
from textual.screen import Screen


class RestsWhenCovered:
    """Mixed into a :class:`Screen` (before it): not current under an opaque screen."""

    @property
    def is_current(self) -> bool:
        assert isinstance(self, Screen)
        try:
            top = self.app.screen
        except ScreenStackError:
            return False
        if top is self:
            return True
        return not covers(top) and super().is_current  # type: ignore[misc]


def covers(screen: Screen) -> bool:
    """Whether nothing under ``screen`` shows: its own background is opaque."""
    return screen.styles.background.a == 1
