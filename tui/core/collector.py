"""Pausing Python's cyclic garbage collector around work that makes no cyclic garbage.

Building an index, comparing two articles or matching one claim against its
candidates makes hundreds of thousands of tuples, lists and dicts that all
survive (postings, readings, alignments). Each allocation counts towards the
collector's next pass, and every few hundred of those passes is a full one over
the whole heap, which at 100k claims finds nothing and takes a third of the
time (measured in each of the three). Paused, the passes that would have run
are not merely put off: one pass after the work replaces many.

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
