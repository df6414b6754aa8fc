"""The reader's work after its first paint: what may wait until the article is on screen.

The search index is built, then every note put in it, in a thread, and the
modules ``/`` and the index's arrival need are imported there too (the search
dialog, then the matcher for carried tags: ~20 ms each), so the reader's
thread does not import them with keys waiting. What only the reader shows
waits until it is in front: the Footer, the analyst's name and the progress
count (a dialog opened at start-up, ``/``, covers the Footer, and its keys
waited ~50 ms behind mounting it, finding the analyst and the Footer's own
update when the dialog's bindings came in), and the matcher's import with the
index's arrival (:class:`IndexBuilt`: "also in", links and carried tags), which
took the processor from the dialog's first search (traced: ~20 ms of it).
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from typing import TYPE_CHECKING

from tui.app.flows import get_flow
from tui.app.messages import IndexBuilt
from tui.app.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen


class StartUp:
    """Started by the reader after its first paint (:meth:`begin`)."""

    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader
        self.started = asyncio.Event()
        """Set once the index worker has begun."""
        self._waiting = False
        """Set after the first paint until the Footer, analyst and counting are started."""
        self._lock = threading.Lock()
        self._built_unsaid = False
        """The index is built and its notes are in, but the reader was covered: the
        matcher's import and :class:`IndexBuilt` wait for :meth:`resume`."""

    async def begin(self) -> None:
        """The index worker at once; the rest now if the reader is in front, else on resume."""
        reader = self.reader
        self._waiting = True  # before the worker, which reads it
        reader.run_worker(self._build_index, thread=True, group="index", exit_on_error=False)
        self.started.set()
        if reader.is_active:
            await self.resume()

    async def resume(self) -> None:
        """The reader is in front (again): start what waited for it, once."""
        with self._lock:
            waiting, self._waiting = self._waiting, False
            unsaid, self._built_unsaid = self._built_unsaid, False
        reader = self.reader
        if waiting:
            reader.ensure_analyst()
            await reader.mount(KeyFooter())
            reader.refresh_bindings()  # the Footer draws its keys on the next bindings signal
            reader.chunked.count_progress()
        if unsaid:
            reader.run_worker(self._say_built, thread=True, group="index", exit_on_error=False)

    def _build_index(self) -> None:
        """In a thread (``post_message`` is thread-safe)."""
        live = self.reader.live_index
        live.build()
        live.load_notes()
        get_flow("search")
        importlib.import_module("tui.app.screens.search")
        with self._lock:
            if self._waiting:  # covered (by "/" at start-up, say): resume says it
                self._built_unsaid = True
                return
        self._say_built()

    def _say_built(self) -> None:
        """In a thread: the matcher imported, then the index's arrival told to the reader."""
        importlib.import_module("tui.core.carry")
        self.reader.post_message(IndexBuilt())
