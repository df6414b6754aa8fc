""" "Also in": the same claim in other documents, looked up once the cursor rests.

The lookup runs in a worker thread (a long claim may take a while) after the
cursor has rested ``SIMILAR_DELAY`` seconds, so moving fast never waits;
results are kept per claim, so coming back is instant. Each result holds the
best matches in any other document (the inspector's "Also in" and what differs)
and the matches in the other open panes (linked panes, :mod:`tui.app.linked`);
:meth:`AlsoInLookup.prefetch` finds a run of claims at once in the background.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from tui.app.widgets.inspector import AlsoIn
from tui.core.live_index import IndexState, LiveIndex
from tui.core.model import Claim

if TYPE_CHECKING:
    from tui.core.similar import SimilarHit

SIMILAR_DELAY = 0.12
"""Seconds the cursor must rest before "also in" is looked up."""
SIMILAR_MAX_CHARS = 5000
"""Longer "claims" (a pasted table, a runaway sentence) are not compared."""
LINKED_LIMIT = 6
"""Matches kept per claim in the other open panes."""
BEHIND_DIALOG_WAIT = 0.05
"""Seconds a lookup sleeps, while a dialog covers the reader, before it looks again."""
BEHIND_DIALOG_LIMIT = 30.0
"""Seconds a lookup waits behind a dialog at most (then it runs anyway)."""


@dataclass(frozen=True)
class Found:
    """What the lookup found for one claim."""

    also: list[SimilarHit]
    """The best matches in any other document (at most 3)."""
    linked: list[SimilarHit]
    """The matches in ``docs``, the other documents open when it was looked up."""
    docs: frozenset[str]


class AlsoInLookup:
    """Finds "also in" entries for the current claim; ``on_found(claim)`` when they arrive."""

    def __init__(
        self,
        host: Widget,
        live: LiveIndex,
        *,
        short_id: Callable[[Claim], str],
        current: Callable[[], Claim | None],
        on_found: Callable[[Claim], None],
        open_docs: Callable[[], frozenset[str]] = frozenset,
        in_front: Callable[[], bool] = lambda: True,
    ) -> None:
        """``open_docs``: the ids of the documents open in panes (linked panes match in them);
        ``in_front``: whether the reader is on screen (lookups wait while a dialog covers it:
        their threads slowed a search typed at start-up by a third)."""
        self.host = host
        self.in_front = in_front
        self.live = live
        self.short_id = short_id
        self.current = current
        self.on_found = on_found
        self.open_docs = open_docs
        self._cache: dict[tuple[str, int], Found] = {}
        self._timer: Timer | None = None
        self._busy: dict[str, tuple[list[Claim], Callable[[], None]] | None] = {}
        """Groups with a prefetch running, and the request waiting for it to end."""

    def entries(self, claim: Claim | None) -> tuple[list[AlsoIn] | None, str]:
        """What the inspector shows now: entries, or why there are none (starting a lookup)."""
        if claim is None:
            return None, ""
        if self.live.state is IndexState.FAILED:
            return None, "— (search index failed)"
        if self.live.state is not IndexState.READY:
            return None, "…"
        cached = self._cache.get((claim.doc.id, claim.index))
        if cached is None or cached.docs != self._docs_for(claim):
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.host.set_timer(SIMILAR_DELAY, partial(self._start, claim))
        if cached is None:
            return None, "…"
        from tui.core.match import RELATED  # imported by the lookup that filled the cache

        entries = [
            AlsoIn(self.short_id(h.claim), round(h.score), None, h.claim, h.band == RELATED)
            for h in cached.also
        ]
        return entries, "none found"

    def found(self, claim: Claim | None) -> Found | None:
        """What was found for ``claim`` with the panes open now (``None``: not yet; no lookup)."""
        if claim is None:
            return None
        cached = self._cache.get((claim.doc.id, claim.index))
        return cached if cached is not None and cached.docs == self._docs_for(claim) else None

    def missing(self, claims: Sequence[Claim]) -> list[Claim]:
        """Those of ``claims`` not found yet with the panes open now."""
        return [claim for claim in claims if self.found(claim) is None]

    def forget(self, doc_id: str) -> None:
        """``doc_id`` was loaded again: its claims (and numbers, and matches into it) differ."""
        self._cache.clear()

    def settle(self) -> None:
        """Look up the current claim now, on this thread (tests, snapshots, benchmarks)."""
        if self._timer is not None:
            self._timer.stop()
        claim = self.current()
        if claim is None or self.live.index is None:
            return
        if self.found(claim) is None:
            self._found(claim, self._find(claim, self._docs_for(claim)))

    def find_now(self, claims: Sequence[Claim]) -> None:
        """Find ``claims`` on this thread (tests, snapshots: see :meth:`prefetch`)."""
        for claim in self.missing(claims):
            self._cache[(claim.doc.id, claim.index)] = self._find(claim, self._docs_for(claim))

    def prefetch(
        self, claims: Sequence[Claim], done: Callable[[], None], *, group: str = "linked"
    ) -> bool:
        """Find ``claims`` in a worker thread, then call ``done()``; returns whether it will.

        One worker per ``group`` at a time: a call while one runs waits for it,
        and only the newest such call is kept (the claims near the cursor now).
        """
        if self.live.index is None:
            return False
        if group in self._busy:
            self._busy[group] = (list(claims), done)
            return True
        todo = [(claim, self._docs_for(claim)) for claim in self.missing(claims)]
        if not todo:
            return False
        self._busy[group] = None
        self.host.run_worker(
            partial(self._prefetch, todo, done, group),
            thread=True,
            group=f"prefetch-{group}",
            exit_on_error=False,
        )
        return True

    def _prefetch(
        self, todo: list[tuple[Claim, frozenset[str]]], done: Callable[[], None], group: str
    ) -> None:
        worker = get_current_worker()
        results = []
        try:
            for claim, docs in todo:
                self._wait_in_front(worker)
                if worker.is_cancelled:  # the app is closing
                    return
                results.append((claim, self._find(claim, docs)))
        finally:
            with suppress(RuntimeError):  # the app may be closing
                self.host.app.call_from_thread(self._prefetched, results, done, group)

    def _prefetched(
        self, results: list[tuple[Claim, Found]], done: Callable[[], None], group: str
    ) -> None:
        for claim, found in results:
            self._cache[(claim.doc.id, claim.index)] = found
        queued = self._busy.pop(group, None)
        done()
        if queued is not None and not self.prefetch(*queued, group=group):
            queued[1]()

    def _docs_for(self, claim: Claim) -> frozenset[str]:
        return self.open_docs() - {claim.doc.id}

    def _start(self, claim: Claim) -> None:
        if claim is not self.current():
            return
        self.host.run_worker(
            partial(self._worker, claim, self._docs_for(claim)),
            thread=True,
            group="similar",
            exclusive=True,
            exit_on_error=False,
        )

    def _worker(self, claim: Claim, docs: frozenset[str]) -> None:
        self._wait_in_front(get_current_worker())
        found = self._find(claim, docs)
        with suppress(RuntimeError):  # the app may be closing
            self.host.app.call_from_thread(self._found, claim, found)

    def _wait_in_front(self, worker: Worker[None]) -> None:
        """In a lookup's thread: sleep while a dialog covers the reader (not for ever)."""
        waited = 0.0
        while not self.in_front() and not worker.is_cancelled and waited < BEHIND_DIALOG_LIMIT:
            time.sleep(BEHIND_DIALOG_WAIT)
            waited += BEHIND_DIALOG_WAIT

    def _find(self, claim: Claim, docs: frozenset[str]) -> Found:
        """Claims of other documents like ``claim``; no store access (it runs in a thread)."""
        index = self.live.index
        if index is None or len(claim.text) > SIMILAR_MAX_CHARS:
            return Found([], [], docs)
        from tui.core.similar import find_similar

        aliases = self.live.aliases
        hits = find_similar(index, claim, limit=3, aliases=aliases)
        also = [hit for hit in hits if hit.claim.doc is not claim.doc]
        linked = (
            find_similar(index, claim, limit=LINKED_LIMIT, aliases=aliases, docs=set(docs))
            if docs
            else []
        )
        return Found(also, linked, docs)

    def _found(self, claim: Claim, found: Found) -> None:
        self._cache[(claim.doc.id, claim.index)] = found
        if claim is self.current():
            self.on_found(claim)
