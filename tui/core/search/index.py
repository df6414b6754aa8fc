"""The corpus-wide search index: every claim, and every note an analyst wrote.

Claims are indexed once (their text never changes while the corpus is open);
notes change as analysts write, so they live in a second, small index that is
rebuilt on the next search after :meth:`SearchIndex.set_note` or
:meth:`SearchIndex.set_notes`. Searching is safe from a worker thread while the
reader's thread updates notes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.core.model import Claim
from tui.core.normalize import fold, term_spans
from tui.core.search.claims_view import CorpusClaims, doc_ranges
from tui.core.search.persist import terms_for
from tui.core.search.query import CONTESTED, NO_LABEL, Query, parse_query
from tui.core.search.rank import Scored, make_groups, rank
from tui.core.search.terms import TermIndex

if TYPE_CHECKING:
    from tui.core.corpus import Corpus
    from tui.core.store import AnnotationStore

LabelOf = Callable[[Claim], "str | None"]
ClaimFilter = Callable[[Claim], bool]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A claim that matched a query (its text or its note), with its score."""

    claim: Claim
    score: float
    """0–100: the share of the query matched, typos and completions counting less."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Matched words, as offsets into ``claim.text`` (into ``note`` for a note hit)."""
    field: str = "claim"
    """``"claim"`` when the claim's text matched, ``"note"`` when its note did."""
    note: str | None = None
    """The note that matched, for a note hit."""


class SearchIndex:
    """Fuzzy search over the claims of a corpus and the notes on them."""

    def __init__(self, claims: Sequence[Claim], terms: TermIndex) -> None:
        self.claims = claims
        """Every claim, by position (claims of one document together, in order)."""
        self.terms = terms
        self._doc_ranges: dict[str, tuple[int, int]] = {}
        self._doc_order: list[str] = []
        for doc_id, lo, hi in doc_ranges(claims):
            if doc_id in self._doc_ranges:  # not together: keep the span holding all
                lo = self._doc_ranges[doc_id][0]
            else:
                self._doc_order.append(doc_id)
            self._doc_ranges[doc_id] = (lo, hi)
        self._folded_ids: list[tuple[str, str]] | None = None
        self._notes: dict[tuple[str, int], tuple[Claim, str]] = {}
        self._note_index: tuple[list[tuple[Claim, str]], TermIndex] | None = None
        self._lock = threading.Lock()

    @classmethod
    def build(cls, corpus: Corpus, store: AnnotationStore | None = None) -> SearchIndex:
        """Index every claim of ``corpus``, and the notes in ``store`` if given."""
        claims = CorpusClaims(corpus.documents)
        index = cls(claims, terms_for(claims.documents))
        if store is not None:
            index.refresh_notes(corpus, store)
        return index

    # Notes -----------------------------------------------------------------

    def refresh_notes(self, corpus: Corpus, store: AnnotationStore) -> None:
        """Read every document's notes from ``store`` (e.g. after files changed on disk)."""
        from tui.core.search.notes_cache import notes_of

        self.set_notes(notes_of(corpus, store))

    def set_notes(self, notes: Iterable[tuple[Claim, str]]) -> None:
        """Replace every note (pairs of claim and note text)."""
        with self._lock:
            self._notes = {(c.doc.id, c.index): (c, text) for c, text in notes if text}
            self._note_index = None

    def set_note(self, claim: Claim, note: str | None) -> None:
        """One claim's note changed (``None`` or ``""`` when it was removed)."""
        with self._lock:
            key = (claim.doc.id, claim.index)
            if note:
                self._notes[key] = (claim, note)
            else:
                self._notes.pop(key, None)
            self._note_index = None

    def _notes_index(self) -> tuple[list[tuple[Claim, str]], TermIndex]:
        with self._lock:
            if self._note_index is None:
                notes = list(self._notes.values())
                self._note_index = (notes, TermIndex.build(text for _, text in notes))
            return self._note_index

    # Searching ---------------------------------------------------------------

    def doc_range(self, doc_id: str) -> tuple[int, int]:
        """Positions of a document's claims in :attr:`claims` (empty if unknown)."""
        return self._doc_ranges.get(doc_id, (0, 0))

    def _doc_ids(self, prefixes: tuple[str, ...]) -> set[str]:
        """The documents a ``doc:`` filter names: each value an exact id, else a prefix."""
        found: set[str] = set()
        if self._folded_ids is None:
            self._folded_ids = [(fold(doc_id), doc_id) for doc_id in self._doc_order]
        folded = self._folded_ids
        for prefix in prefixes:
            exact = [doc_id for f, doc_id in folded if f == prefix]
            found.update(exact or (doc_id for f, doc_id in folded if f.startswith(prefix)))
        return found

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        label_of: LabelOf | None = None,
        docs: Iterable[str] | None = None,
        status_of: LabelOf | None = None,
    ) -> list[SearchHit]:
        """Claims (and notes) matching ``query``, best first; raise ``QueryError``.

        ``docs`` (exact document ids) restricts the search like ``doc:`` does,
        for callers holding ids that need no parsing (they may hold spaces).
        """
        parsed = parse_query(query)
        filtered = parsed.labels is not None or parsed.statuses is not None
        if limit <= 0 or (parsed.empty and not filtered and not parsed.docs):
            return []
        ranges = None
        if parsed.docs or docs is not None:
            allowed = self._doc_ids(parsed.docs) if parsed.docs else set(self._doc_ranges)
            if docs is not None:
                allowed &= set(docs)
            ranges = sorted(self._doc_ranges[d] for d in allowed if d in self._doc_ranges)
            if not ranges:
                return []
        accept = _label_filter(parsed, label_of, status_of)
        if parsed.empty:
            return self._filter_only(ranges, accept, limit)
        pool = limit + 50
        claims = self.claims

        def accept_claim(item: int) -> bool:
            return accept is None or accept(claims[item])

        scored = rank(
            self.terms,
            parsed,
            make_groups(self.terms, parsed),
            pool=pool,
            text_of=claims.text if isinstance(claims, CorpusClaims) else lambda i: claims[i].text,
            accept=accept_claim if accept else None,
            ranges=ranges,
        )
        best: dict[int, SearchHit] = {}
        for s in scored[:limit]:
            claim = claims[s.item]
            best[s.item] = SearchHit(claim, s.score, spans_of(claim.text, s.matched))
        for s, claim, note in self._search_notes(parsed, ranges, accept, pool):
            position = self._position(claim)
            if position not in best or s.score > best[position].score:
                best[position] = SearchHit(claim, s.score, spans_of(note, s.matched), "note", note)
        ordered = sorted(best.items(), key=lambda pair: (-pair[1].score, pair[0]))
        return [hit for _, hit in ordered[:limit]]

    def _position(self, claim: Claim) -> int:
        return self._doc_ranges.get(claim.doc.id, (0, 0))[0] + claim.index

    def _search_notes(
        self,
        parsed: Query,
        ranges: list[tuple[int, int]] | None,
        accept: ClaimFilter | None,
        pool: int,
    ) -> list[tuple[Scored, Claim, str]]:
        notes, index = self._notes_index()
        if not notes:
            return []
        allowed = {self.claims[lo].doc.id for lo, hi in ranges if hi > lo} if ranges else None

        def accept_note(item: int) -> bool:
            claim = notes[item][0]
            if allowed is not None and claim.doc.id not in allowed:
                return False
            return accept is None or accept(claim)

        scored = rank(
            index,
            parsed,
            make_groups(index, parsed),
            pool=pool,
            text_of=lambda item: notes[item][1],
            accept=accept_note,
        )
        return [(s, notes[s.item][0], notes[s.item][1]) for s in scored]

    def _filter_only(
        self, ranges: list[tuple[int, int]] | None, accept: ClaimFilter | None, limit: int
    ) -> list[SearchHit]:
        hits = []
        for lo, hi in ranges if ranges is not None else [(0, len(self.claims))]:
            for claim in self.claims[lo:hi]:
                if accept is None or accept(claim):
                    hits.append(SearchHit(claim, 100.0))
                    if len(hits) >= limit:
                        return hits
        return hits


def spans_of(text: str, matched: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` whose terms are in ``matched``, merged, in order."""
    spans = sorted((start, end) for term, start, end in term_spans(text) if term in matched)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _label_filter(
    parsed: Query, label_of: LabelOf | None, status_of: LabelOf | None = None
) -> ClaimFilter | None:
    """A predicate for ``label:`` and ``status:`` filters.

    Without ``label_of`` every claim is unlabeled; without ``status_of`` a
    claim's status is "tagged" if it has a label, else "unreviewed".
    """
    labels, statuses = parsed.labels, parsed.statuses
    if labels is None and statuses is None:
        return None

    def label(claim: Claim) -> str:
        return (label_of(claim) if label_of else None) or NO_LABEL

    def status(claim: Claim) -> str:
        found = status_of(claim) if status_of else None
        return found or ("unreviewed" if label(claim) == NO_LABEL else "tagged")

    def accept(claim: Claim) -> bool:
        if labels is not None and label(claim) not in labels:
            return CONTESTED in labels and status(claim) == CONTESTED and _status_ok(claim)
        return _status_ok(claim)

    def _status_ok(claim: Claim) -> bool:
        return statuses is None or status(claim) in statuses

    return accept
