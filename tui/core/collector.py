"""Pausing Python's cyclic garbage collector around work that makes no cyclic garbage.

Loading a corpus, building the search index and comparing two articles make
thousands to hundreds of thousands of lists, tuples and dicts that all survive
(documents, postings, readings, alignments). Each allocation counts towards
the collector's next pass, and every so often a pass is a full one over the
whole heap, which finds nothing: a third of the index build at 100k claims,
~20% of a comparison (measured).
Paused, one pass after the work replaces the many during it.

Not for short work in a reader's thread: the pass put off then runs at the next
allocation of whichever thread comes first, the screen's included (``similar``
was tried: 0.97x, with its collections moved to the end of each look-up).

The collector's switch is process-wide. Nested or concurrent pauses end with it
enabled, as long as it was enabled before the first: each pause re-enables it only
if it found it enabled.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
