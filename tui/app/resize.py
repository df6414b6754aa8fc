"""Screens that do not lay themselves out again for a resize to the size they have.

Textual 8 delivers a new screen up to three ``Resize`` events of the size it
was first laid out at, right after its first frame (the app's, the driver's and
the screen stack's), and each one lays out and repaints the whole screen: at
160x45 with an article open, ~20 ms each while a key typed at start-up waits
(``python bench/reader_search.py``). A size the screen has not been laid out
at is laid out as before; the breakpoint classes and the screen's own
``on_resize`` follow every resize as before.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen


class SteadySize:
    """Mixed into a :class:`Screen` (before it): no layout for a resize to the size laid out."""

    def _screen_resized(self, size: Size) -> None:
        assert isinstance(self, Screen)
        if self.is_attached and size == self._compositor.size:
            return
        super()._screen_resized(size)  # type: ignore[misc]
