"""The claims' term index kept in the cache, so that a process need not build it.

Beside the claims cache (:mod:`tui.core.cache`), in
``$XDG_CACHE_HOME/factcheck/search-<code>/``:

* ``<corpus key>.idx``: the merged index of one corpus, read with one
  ``read`` whose postings stay views over the file's bytes until a query
  touches them (a warm one-shot ``factcheck search`` builds nothing);
* ``docs/<document key>.seg``: each document's segment, so that when one
  article changes the new index is merged from the others' segments and only
  that article is tokenised again.

Keys are hashes of what the entries depend on: a document's key of its text's
SHA-256 and its claims' ids (which hash the claims' text, so corrected claim
boundaries change it too), the corpus key of its documents' keys in order,
and the folder of the code that tokenises (every file of this package and
``normalize.py``): a change to any of them is a miss, never a stale index.
Notes and labels are not here: they are read fresh from the annotation files.
Any problem with the cache falls back to building; ``FACTCHECK_CACHE=0``
turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from array import array
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from tui.core import cache as claim_cache
from tui.core import normalize, packed
from tui.core.model import Document
from tui.core.search.segments import Segment, merge, segment
from tui.core.search.terms import TermIndex

KEEP_INDEXES = 6
"""Merged indexes kept per code version (the corpora used most recently)."""
_SEGMENT = "search-segment"
_INDEX = "search-index"


@cache
def _code_key() -> str:
    digest = hashlib.sha256(b"search cache 1")
    package = Path(__file__).parent
    for source in [*sorted(package.glob("*.py")), Path(normalize.__file__ or "")]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def folder() -> Path:
    return claim_cache.root() / f"search-{_code_key()}"


def document_key(doc: Document) -> str:
    digest = hashlib.sha256(doc.sha256.encode())
    digest.update(doc.claim_ids_text.encode())
    return digest.hexdigest()[:32]


def terms_for(documents: Sequence[Document]) -> TermIndex:
    """The term index of every claim of ``documents``, in order: from the cache if it can be."""
    if not claim_cache.enabled():
        return merge(segment(claim.text for claim in doc.claims) for doc in documents)
    keys = [document_key(doc) for doc in documents]
    digest = hashlib.sha256(_code_key().encode())
    for key in keys:
        digest.update(key.encode())
    corpus_key = digest.hexdigest()[:32]
    path = folder() / f"{corpus_key}.idx"
    found = packed.load(path, _INDEX, corpus_key)
    loaded = _index_from(found, sum(doc.claim_count for doc in documents)) if found else None
    if loaded is not None:
        _touch(path)  # recently used: kept by _prune
        return loaded
    index = merge(_segment_for(doc, key) for doc, key in zip(documents, keys, strict=True))
    if packed.dump(path, _INDEX, corpus_key, _index_sections(index)):
        _prune(path)
    return index


def _segment_for(doc: Document, key: str) -> Segment:
    path = folder() / "docs" / f"{key}.seg"
    found = packed.load(path, _SEGMENT, key)
    if found is not None:
        loaded = _segment_from(found, doc.claim_count)
        if loaded is not None:
            return loaded
    made = segment(claim.text for claim in doc.claims)
    packed.dump(
        path,
        _SEGMENT,
        key,
        {
            "terms": "\n".join(made.terms),
            "counts": made.counts,  # type: ignore[dict-item]
            "items": made.items,  # type: ignore[dict-item]
            "lengths": made.lengths,  # type: ignore[dict-item]
        },
    )
    return made


def _segment_from(found: packed.Loaded, size: int) -> Segment | None:
    try:
        text, counts, items, lengths = (found[k] for k in ("terms", "counts", "items", "lengths"))
        terms = text.split("\n") if text else []  # type: ignore[union-attr]
        if not (
            isinstance(text, str)
            and len(terms) == len(counts)
            and sum(counts) == len(items)  # type: ignore[arg-type]
            and len(lengths) == size
            and (not items or max(items) < size)  # type: ignore[type-var]
        ):
            return None
    except (KeyError, TypeError, ValueError):
        return None
    return Segment(terms, counts, items, lengths)  # type: ignore[arg-type]


def _index_sections(index: TermIndex) -> dict[str, packed.Section]:
    offsets = array("Q", [0])
    total = 0
    for postings in index.postings:
        total += len(postings)
        offsets.append(total)
    return {
        "terms": "\n".join(index.terms),
        "reversed": "\n".join(index._reversed),
        "reversed_ids": array("I", index._reversed_ids),
        "offsets": offsets,
        "postings": _concat(index.postings),
        "lengths": array("H", index.lengths),
    }


def _concat(postings: Sequence[Sequence[int]]) -> array:
    out = array("I")
    for p in postings:
        out.extend(p)
    return out


class _Postings(Sequence[memoryview]):
    """Each term's postings as a slice of the file's array, made when a query asks."""

    __slots__ = ("_items", "_offsets")

    def __init__(self, offsets: memoryview, items: memoryview) -> None:
        self._offsets = offsets
        self._items = items

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def length(self, tid: int) -> int:
        """``len(self[tid])`` without making the view (what rarity weights ask)."""
        return self._offsets[tid + 1] - self._offsets[tid]

    def __getitem__(self, tid):  # type: ignore[override]
        if isinstance(tid, slice):
            return [self[i] for i in range(*tid.indices(len(self)))]
        if tid < 0:
            tid += len(self)
        return self._items[self._offsets[tid] : self._offsets[tid + 1]]


def _index_from(found: packed.Loaded, size: int) -> TermIndex | None:
    """A loaded index, after the checks that keep a bad entry from ever raising later."""
    try:
        text, backwards = found["terms"], found["reversed"]
        reversed_ids, offsets, items, lengths = (
            found[k] for k in ("reversed_ids", "offsets", "postings", "lengths")
        )
        if not (isinstance(text, str) and isinstance(backwards, str)):
            return None
        terms = text.split("\n") if text else []
        reversed_terms = backwards.split("\n") if backwards else []
        count = len(terms)
        if not (
            len(reversed_terms) == count == len(reversed_ids) == len(offsets) - 1
            and len(lengths) == size
            and offsets[0] == 0
            and offsets[-1] == len(items)
            and (not count or max(reversed_ids) < count)  # type: ignore[type-var]
            and all(map(int.__le__, offsets[:-1], offsets[1:]))  # type: ignore[arg-type]
        ):
            return None
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    postings = _Postings(offsets, items)  # type: ignore[arg-type]
    return TermIndex(terms, postings, lengths, reversed_terms, reversed_ids)  # type: ignore[arg-type]


def _prune(keep: Path) -> None:
    """Remove all but the most recently used merged indexes (each is the size of a corpus's)."""
    packed.prune(keep, "*.idx", KEEP_INDEXES)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)
