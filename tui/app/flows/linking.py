"""``F``: the other panes follow the cursor to the current claim's match (linked panes).

The marks, the moves and the carried tags are :mod:`tui.app.linked`'s; this flow
turns following on and off and says so, naming what follows or why nothing can.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.flows import flow

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen


@flow("follow")
def follow(reader: ReaderScreen) -> None:
    """Toggle following; the pane titles say which panes follow."""
    on = reader.linked.toggle_follow()
    key = reader.keymap.first("follow")
    if not on:
        message = f"The other panes stay where they are ({key} to follow again)."
    elif len(reader.views) < 2:
        opener = reader.keymap.first("open-document")
        message = (
            f"Following: open another article ({opener}) and it follows this one ({key}: stop)."
        )
    else:
        message = f"The other panes follow the cursor to its match ({key}: stop)."
    reader.notify(message, timeout=3, markup=False)
