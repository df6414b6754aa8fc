"""An inverted index of terms, and fuzzy expansion of a word against its vocabulary.

Scoring every claim against a query costs ~270 ms at 100k claims and ~2.6 s at
1M (measured, issue 4), so a query never touches claims that share no term
with it: each query word is first *expanded* to the vocabulary terms it may
mean (itself, a term within a typo or two, or, for the word being typed, a
longer term it begins), and only the claims holding those terms are read.

Expansion must not scan the whole vocabulary either (300k terms take ~20 ms
with rapidfuzz even with a distance cutoff). Within ``k`` edits a word keeps
either its beginning or its end intact (pigeonhole), so candidates come from
two binary searches, over the sorted terms and over the sorted reversed
terms, and rapidfuzz only checks those. A word the shortcut cannot place is
scanned against the whole vocabulary once; every expansion is cached.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.normalize import max_edits

MAX_EXPANSIONS = 32
"""Terms one query word may stand for; the closest and most frequent are kept."""
PREFIX_MIN = 3
"""A word being typed is completed only from this many letters on."""
_CACHE_SIZE = 8192
_END = "\U0010ffff"


@dataclass(frozen=True, slots=True)
class Expansion:
    """A vocabulary term a query word may stand for, and how closely."""

    term: int
    """Term id in the index's vocabulary."""
    sim: float
    """How close the term is to the query word: 1.0 exact, less for a typo or a completion."""


class TermIndex:
    """Which items (claims or notes, by position) hold which term.

    Term ids are the terms' ranks in sorted order, so the sorted vocabulary
    is :attr:`terms` itself and prefix search needs no second copy. An index
    is built (:meth:`build`, or :func:`tui.core.search.segments.merge` from
    per-document segments) or read back from the cache
    (:mod:`tui.core.search.persist`), where the postings stay views over the
    file's bytes until a query reads them.
    """

    def __init__(
        self,
        terms: list[str],
        postings: Sequence[Sequence[int]],
        lengths: Sequence[int],
        reversed_terms: list[str] | None = None,
        reversed_ids: Sequence[int] | None = None,
    ) -> None:
        self.terms = terms
        """Every term, sorted; a term's id is its position."""
        self.vocab: dict[str, int] = dict(zip(terms, range(len(terms)), strict=True))
        self.postings = postings
        """Item ids holding each term, ascending."""
        self.lengths = lengths
        """Number of terms of each item (capped at 65535), to prefer focused claims."""
        self._sorted = terms
        self._sorted_ids: Sequence[int] = range(len(terms))
        if reversed_terms is None or reversed_ids is None:
            backwards = [term[::-1] for term in terms]
            order = sorted(range(len(backwards)), key=backwards.__getitem__)
            reversed_terms = [backwards[i] for i in order]
            reversed_ids = array("I", order)
        self._reversed = reversed_terms
        """Every term spelt backwards, sorted (to find terms by their ending)."""
        self._reversed_ids = reversed_ids
        self._cache: dict[tuple[str, bool, bool], tuple[Expansion, ...]] = {}
        self._lock = threading.Lock()
        self._length: Callable[[int], int] | None = getattr(postings, "length", None)
        """A term's postings' length without making the postings (an index read back
        from the cache makes each a view of the file on demand)."""
        self._term_lengths: array | None = None

    @property
    def size(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, texts: Iterable[str]) -> TermIndex:
        """Index ``texts``; item ids are their positions."""
        from tui.core.search.segments import merge, segment

        return merge([segment(texts)])

    def df(self, tid: int) -> int:
        """How many items hold the term."""
        length = self._length
        return length(tid) if length is not None else len(self.postings[tid])

    def expand(
        self, word: str, *, fuzzy: bool = True, prefix: bool = False
    ) -> tuple[Expansion, ...]:
        """The terms ``word`` may stand for, closest first (cached)."""
        key = (word, fuzzy, prefix)
        found = self._cache.get(key)
        if found is None:
            found = self._expand(word, fuzzy, prefix)
            with self._lock:
                if len(self._cache) >= _CACHE_SIZE:
                    self._cache.clear()
                self._cache[key] = found
        return found

    def _expand(self, word: str, fuzzy: bool, prefix: bool) -> tuple[Expansion, ...]:
        best: dict[int, float] = {}
        exact = self.vocab.get(word)
        if exact is not None:
            best[exact] = 1.0
        # A number with a typo is another number: a different fact, never a match.
        k = max_edits(word) if fuzzy and not any(c.isdigit() for c in word) else 0
        if k:
            for tid, distance in self._neighbours(word, k, exact is None):
                sim = 1.0 - distance / max(len(word), len(self.terms[tid]))
                if sim > best.get(tid, 0.0):
                    best[tid] = sim
        if prefix and len(word) >= PREFIX_MIN:
            lo = bisect_left(self._sorted, word)
            hi = bisect_left(self._sorted, word + _END, lo)
            ids = sorted(
                (self._sorted_ids[i] for i in range(lo, hi)),
                key=lambda tid: -len(self.postings[tid]),
            )[:MAX_EXPANSIONS]
            for tid in ids:
                sim = 0.8 + 0.2 * len(word) / len(self.terms[tid])
                if sim > best.get(tid, 0.0):
                    best[tid] = sim
        ranked = sorted(best.items(), key=lambda pair: (-pair[1], -len(self.postings[pair[0]])))
        return tuple(Expansion(tid, round(sim, 4)) for tid, sim in ranked[:MAX_EXPANSIONS])

    def _neighbours(self, word: str, k: int, scan: bool) -> list[tuple[int, int]]:
        """Terms within ``k`` edits (OSA: a transposition is one edit) of ``word``.

        Candidates keep ``word``'s first part or its last part intact: every
        single edit does, and so do two edits on one side. With ``scan``, a
        word with no such candidate is checked against the whole vocabulary
        (edits on both sides, or no near term at all).
        """
        n = len(word)
        # Edits that spare word[:cut - 1] or word[cut:] (a transposition across
        # the cut touches both sides of it, hence the one-letter gap).
        cut = (n + 1) // 2
        head = word[: cut - 1]
        tail = word[cut:]
        candidates: set[int] = set()
        lo = bisect_left(self._sorted, head)
        hi = bisect_left(self._sorted, head + _END, lo)
        candidates.update(self._sorted_ids[lo:hi])
        backwards = tail[::-1]
        lo = bisect_left(self._reversed, backwards)
        hi = bisect_left(self._reversed, backwards + _END, lo)
        candidates.update(self._reversed_ids[lo:hi])
        terms = self.terms
        # The candidates within k letters of the word's length, in the set's order, by
        # iterators in C (a one-letter head brings a twentieth of the vocabulary).
        if self._term_lengths is None:
            self._term_lengths = array("I", map(len, terms))
        near_lengths = frozenset(range(n - k, n + k + 1))
        ids = list(candidates)
        near = list(
            compress(ids, map(near_lengths.__contains__, map(self._term_lengths.__getitem__, ids)))
        )
        found = process.extract(
            word, [terms[tid] for tid in near], scorer=OSA.distance, score_cutoff=k, limit=None
        )
        result = [(near[i], int(distance)) for _, distance, i in found if distance > 0]
        if not result and scan:
            found = process.extract(word, terms, scorer=OSA.distance, score_cutoff=k, limit=None)
            result = [(tid, int(distance)) for _, distance, tid in found if distance > 0]
        return result
