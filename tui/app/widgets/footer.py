"""The key bar: Textual's Footer, not redrawn while a dialog covers its screen."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that redraws its keys only while its screen is on top.

    Textual's Footer recomposes every key on each bindings signal of its
    screen, and opening a dialog sends one (the focused pane is blurred): at
    160x45 the reader's covered Footer took ~25 ms of the reader's thread
    while the first search of a ``/`` ran. Coming back to the screen sends the
    signal again, so the keys are drawn then, as they are at that moment.
    """

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and not self.screen.is_active:
            return
        super().bindings_changed(screen)
