"""The reader's work after its first paint: what may wait until the article is on screen.

The search index is built (then every note put in it) in a thread, and the
modules the index's arrival and ``/`` need are imported there too (~70 ms
each: the matcher for carried tags, the search dialog), so the reader's
thread does not import them with keys waiting. The Footer, the analyst's name
and the progress count wait until the reader is in front: a dialog opened at
start-up (``/``) covers the Footer, and its keys waited ~50 ms behind
mounting it, finding the analyst and the Footer's own update when the
dialog's bindings came in.
"""

from __future__ import annotations

import asyncio
import importlib
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

    async def begin(self) -> None:
        """The index worker at once; the rest now if the reader is in front, else on resume."""
        reader = self.reader
        reader.run_worker(self._build_index, thread=True, group="index", exit_on_error=False)
        self.started.set()
        self._waiting = True
        if reader.is_active:
            await self.resume()

    async def resume(self) -> None:
        """The reader is in front (again): start what waited for it, once."""
        if self._waiting:
            self._waiting = False
            reader = self.reader
            reader.ensure_analyst()
            await reader.mount(KeyFooter())
            reader.refresh_bindings()  # the Footer draws its keys on the next bindings signal
            reader.chunked.count_progress()

    def _build_index(self) -> None:
        """In a thread (``post_message`` is thread-safe)."""
        live = self.reader.live_index
        live.build()
        importlib.import_module("tui.core.carry")
        self.reader.post_message(IndexBuilt())
        live.load_notes()
        get_flow("search")
        importlib.import_module("tui.app.screens.search")
