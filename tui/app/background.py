"""The reader's work done a little at a time between keys: counting the corpus' progress.

Reading every annotation file of a big corpus for the header's progress would
keep keys waiting for seconds. It is done here in chunks of :data:`CHUNK`
documents, each chunk on a timer (:func:`between_keys`), so the event loop
reads the terminal between two chunks. (Notes go into the search index in its
own thread: :meth:`tui.core.live_index.LiveIndex.load_notes`.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.core.progress import Progress

CHUNK = 25
"""Annotation files read per step."""

PAUSE = 0.002
"""Seconds between two chunks: time for the loop to read and handle the keys typed meanwhile."""

Schedule = Callable[..., Any]


WAIT = 0.2
"""Seconds a chunk waits while a dialog is in front of the reader, before it looks again."""


def between_keys(
    set_timer: Callable[[float, Callable[[], Any]], Any],
    in_front: Callable[[], bool] = lambda: True,
) -> Schedule:
    """Schedule ``callback(*args)`` on a timer of the screen's, while ``in_front()``.

    Not ``call_later``: a screen handles the messages in its queue one after the
    other without yielding, so chunks queued that way ran back to back and a
    key typed meanwhile waited for all of them (0.6 s at 1,000 annotated articles).
    And not while a dialog is in front (``/`` at start-up): its keys and its
    search waited 0.1 s behind the chunks the counting ran meanwhile.
    """

    def schedule(callback: Callable[..., Any], *args: Any) -> None:
        def run() -> None:
            if in_front():
                callback(*args)
            else:
                set_timer(WAIT, run)

        set_timer(PAUSE, run)

    return schedule


class ChunkedWork:
    """Progress counting, a chunk per turn of the event loop."""

    def __init__(
        self,
        progress: Progress,
        schedule: Schedule,
        *,
        on_counted: Callable[[], None],
    ) -> None:
        self.progress = progress
        self.schedule = schedule
        self.on_counted = on_counted
        self._counting = False

    def count_progress(self) -> None:
        """Count the corpus; ``on_counted`` is called once every document is counted."""
        if self.progress.complete:
            self.on_counted()
            return
        if not self._counting:
            self._counting = True
            self.schedule(self._count_some)

    def _count_some(self) -> None:
        if self.progress.count_some(CHUNK):
            self._counting = False
            self.on_counted()
        else:
            self.schedule(self._count_some)
