"""Segmenting many documents: from the claims cache, else across the machine's cores.

Segmenting is pure Python (~2.5 ms per 10 KB article, nupunkt most of it), so
a cold corpus of 5,000 articles keeps one core busy for ~12 s. When the
documents the cache does not hold add up to :data:`PARALLEL_MIN_CHARS` or
more, they are segmented in worker processes, one per core: each worker
returns, per chunk of texts, the same checked pack of their spans it writes
to the cache (:mod:`tui.core.claim_packs`), which this process reads as a
cache hit. Below that
size a pool would cost more to start than it saves. Any failure of the pool
falls back to segmenting here: parallelism is an optimisation only.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tui.core import cache as claim_cache
from tui.core import claim_packs
from tui.core.blocks import split_blocks
from tui.core.cache import Spans
from tui.core.claims import build_claims
from tui.core.model import Document

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

PARALLEL_MIN_CHARS = 2_000_000
"""Uncached text (~200 articles, ~0.5 s on one core) from which worker processes pay."""
_CHUNKS_PER_WORKER = 4


def segment_fresh(doc: Document) -> None:
    """What the segmenter draws for ``doc``, ignoring the cache."""
    doc.blocks = list(split_blocks(doc.text))
    doc.claims = build_claims(doc)


def segment_all(documents: Sequence[Document], *, workers: int | None = None) -> None:
    """Give every document its blocks and claims: cached, else segmented (in parallel if it pays).

    ``workers`` overrides the number of cores (1: never start processes).
    """
    if claim_packs.load_bundle(documents):
        return
    spans: dict[int, Spans] = {}
    missing: list[Document] = []
    for doc in claim_packs.load_packed(documents, spans):
        data = claim_cache.read_entry(doc)
        found = claim_cache.load_entry(doc, data) if data is not None else None
        if found:
            spans[id(doc)] = found
        else:
            missing.append(doc)
    cold = bool(missing)
    count = workers if workers is not None else _cores()
    if count > 1 and len(missing) > 1 and sum(len(d.text) for d in missing) >= PARALLEL_MIN_CHARS:
        missing = _segment_in_workers(missing, count, spans)
    for doc in missing:
        segment_fresh(doc)
        spans[id(doc)] = claim_cache.store(doc)
    if not cold:
        # Bundled on the first warm load: a cold one has enough to hold already.
        claim_packs.store_bundle(documents, [spans[id(doc)] for doc in documents])


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _segment_in_workers(
    documents: list[Document], workers: int, spans: dict[int, Spans]
) -> list[Document]:
    """Segment ``documents`` in ``workers`` processes (their spans into ``spans``, by
    document id); return the documents still to do here."""
    from concurrent.futures import ProcessPoolExecutor  # only for cold work: ~30 ms to import

    chunks = _chunks(documents, workers * _CHUNKS_PER_WORKER)
    left: list[Document] = []
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:  # the workers inherit the texts: only positions go through the pipe
        _INHERITED[:] = [(d.text, d.sha256) for chunk in chunks for d in chunk]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures: list[tuple[list[Document], Future[bytes]]] = []
            start = 0
            for chunk in chunks:
                if forked:
                    future = pool.submit(_work_inherited, start, start + len(chunk))
                else:
                    future = pool.submit(_work, [(d.text, d.sha256) for d in chunk])
                futures.append((chunk, future))
                start += len(chunk)
            for chunk, future in futures:
                try:
                    made = future.result()
                except Exception:  # a broken worker: these documents are done here
                    made = b""
                if not claim_packs.fill(chunk, made, spans):
                    left.extend(chunk)
    except (OSError, RuntimeError, ValueError):  # no processes on this system, or a shutdown
        return [doc for doc in documents if id(doc) not in spans]
    finally:
        _INHERITED.clear()
    return left


def _context() -> BaseContext:
    """``fork`` (cheap, inherits the imports) unless threads run, which it cannot copy safely."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _chunks(documents: list[Document], count: int) -> list[list[Document]]:
    """About ``count`` runs of documents of about equal text size, largest documents first."""
    ordered = sorted(documents, key=lambda d: -len(d.text))
    target = sum(len(d.text) for d in ordered) / max(count, 1)
    chunks: list[list[Document]] = []
    current: list[Document] = []
    size = 0
    for doc in ordered:
        current.append(doc)
        size += len(doc.text)
        if size >= target:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


_INHERITED: list[tuple[str, str]] = []
"""``(text, sha256)`` of the documents a forked pool works on, set before it forks."""


def _work_inherited(start: int, end: int) -> bytes:
    """In a forked worker: :func:`_work` on texts it inherited (no copy through a pipe)."""
    return _work(_INHERITED[start:end])


def _work(texts: Iterable[tuple[str, str]]) -> bytes:
    """In a worker: segment each ``(text, sha256)``; return (and cache) the pack of them all."""
    shas: list[str] = []
    made: list[Spans] = []
    for text, sha256 in texts:
        shas.append(sha256)
        made.append(claim_packs.segmented(text))
    return claim_packs.store_pack(shas, made)
