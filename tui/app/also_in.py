""" "Also in": the same claim in other documents, looked up once the cursor rests.

The lookup runs in a worker thread (a long claim may take a while) after the
cursor has rested ``SIMILAR_DELAY`` seconds, so moving fast never waits;
results are kept per claim, so coming back is instant.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial

from textual.timer import Timer
from textual.widget import Widget

from tui.app.widgets.inspector import AlsoIn
from tui.core.live_index import IndexState, LiveIndex
from tui.core.model import Claim

SIMILAR_DELAY = 0.12
"""Seconds the cursor must rest before "also in" is looked up."""
SIMILAR_MAX_CHARS = 5000
"""Longer "claims" (a pasted table, a runaway sentence) are not compared."""

Found = list[tuple[Claim, int]]


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
    ) -> None:
        self.host = host
        self.live = live
        self.short_id = short_id
        self.current = current
        self.on_found = on_found
        self._cache: dict[tuple[str, int], Found] = {}
        self._timer: Timer | None = None

    def entries(self, claim: Claim | None) -> tuple[list[AlsoIn] | None, str]:
        """What the inspector shows now: entries, or why there are none (starting a lookup)."""
        if claim is None:
            return None, ""
        if self.live.state is IndexState.FAILED:
            return None, "— (search index failed)"
        if self.live.state is not IndexState.READY:
            return None, "…"
        cached = self._cache.get((claim.doc.id, claim.index))
        if cached is None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.host.set_timer(SIMILAR_DELAY, partial(self._start, claim))
            return None, "…"
        return [AlsoIn(self.short_id(other), score, None, other) for other, score in cached], (
            "none found"
        )

    def forget(self, doc_id: str) -> None:
        """``doc_id`` was loaded again: its claims (and their numbers) may differ."""
        self._cache = {key: found for key, found in self._cache.items() if key[0] != doc_id}

    def settle(self) -> None:
        """Look up the current claim now, on this thread (tests, snapshots, benchmarks)."""
        if self._timer is not None:
            self._timer.stop()
        claim = self.current()
        if claim is None or self.live.index is None:
            return
        if (claim.doc.id, claim.index) not in self._cache:
            self._found(claim, self._find(claim))

    def _start(self, claim: Claim) -> None:
        if claim is not self.current():
            return
        self.host.run_worker(
            partial(self._worker, claim),
            thread=True,
            group="similar",
            exclusive=True,
            exit_on_error=False,
        )

    def _worker(self, claim: Claim) -> None:
        found = self._find(claim)
        with suppress(RuntimeError):  # the app may be closing
            self.host.app.call_from_thread(self._found, claim, found)

    def _find(self, claim: Claim) -> Found:
        """Claims of other documents like ``claim``; no store access (it runs in a thread)."""
        index = self.live.index
        if index is None or len(claim.text) > SIMILAR_MAX_CHARS:
            return []
        from tui.core.similar import find_similar

        hits = find_similar(index, claim, limit=3, aliases=self.live.aliases)
        return [(hit.claim, round(hit.score)) for hit in hits if hit.claim.doc is not claim.doc]

    def _found(self, claim: Claim, found: Found) -> None:
        self._cache[(claim.doc.id, claim.index)] = found
        if claim is self.current():
            self.on_found(claim)
