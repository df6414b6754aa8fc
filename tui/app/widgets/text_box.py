"""A one-line text box that repaints itself, not the whole screen, at each key typed."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TextBox(Input):
    """Textual's ``Input``, whose text's width does not lay the screen out again.

    ``Input`` sets its virtual size (its text's width) at every key, and a widget's
    virtual size is a layout reactive: each key typed laid out and repainted the
    whole screen behind it (~20 ms of a query typed into ``/`` at 160x45, traced).
    A box's own size never depends on its text (its width is its container's), and
    its scrolling reads the virtual size itself, so here a new virtual size repaints
    the box alone.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
