"""Re-attaching stored annotations to a document that may have changed.

After the W3C Web Annotation TextQuote/TextPosition selectors, as Hypothesis
uses them. Each record is tried in order: the quote still at its offsets
(*exact*); the quote found elsewhere, the occurrence whose prefix and suffix
match best and that lies nearest (*moved*); a fuzzy match of at least
``FUZZY_MIN`` (*fuzzy*); otherwise *orphan*. Exact and moved records are
placed first, so a fuzzy match can never take a claim that a record still
matches exactly.

A record made by tagging a claim quotes that whole claim (its id is the
quote's claim id). Such a record only ever lands on a claim whose text *is*
the quote (exact, moved) or scores at least ``FUZZY_MIN`` against it (fuzzy):
finding its words inside some longer sentence is not enough, so a deleted
heading's tag never jumps onto a sentence that happens to contain the same
words. A record that quotes part of a sentence (written by hand or by a
script) may land on the claim its quote overlaps most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tui.core.claims import claim_id
from tui.core.model import Claim, Document
from tui.core.records import Annotation

FUZZY_MIN = 85.0
_WINDOW = 2000
"""How far from its old place a partial quote is looked for."""


class Anchor(StrEnum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHAN = "orphan"


@dataclass(frozen=True, slots=True)
class Anchored:
    """A record and where it sits in the current text (``claim`` is None for orphans)."""

    record: Annotation
    status: Anchor
    start: int | None = None
    end: int | None = None
    claim: Claim | None = None
    score: float = 100.0


def _context_score(text: str, record: Annotation, start: int, end: int) -> float:
    from rapidfuzz import fuzz  # not at import: a start with every tag exact never needs it

    scores = []
    if record.prefix:
        scores.append(fuzz.ratio(record.prefix, text[max(0, start - len(record.prefix)) : start]))
    if record.suffix:
        scores.append(fuzz.ratio(record.suffix, text[end : end + len(record.suffix)]))
    return sum(scores) / len(scores) if scores else 0.0


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _best(
    text: str, record: Annotation, spans: Iterable[tuple[int, int, float]]
) -> tuple[int, int, float] | None:
    """The span with the best (score, context, nearness); ``None`` if there is none."""
    return max(
        spans,
        key=lambda s: (s[2], _context_score(text, record, s[0], s[1]), -abs(s[0] - record.start)),
        default=None,
    )


def _attach(doc: Document, start: int, end: int, taken: set[int]) -> Claim | None:
    for claim, _ in doc.claims_overlapping(start, end):
        if claim.index not in taken:
            return claim
    return None


def quotes_whole_claim(record: Annotation) -> bool:
    """Whether the record was made by tagging a claim: its id is its quote's claim id."""
    return bool(record.id) and record.id.split("-")[0] == claim_id(record.quote)


def _place(doc: Document, start: int, end: int, taken: set[int], whole: bool) -> Claim | None:
    """The free claim a span found for a record lands on, if any."""
    if not whole:
        return _attach(doc, start, end, taken)
    claim = doc.claim_at(start)
    if claim is None or claim.index in taken or (claim.start, claim.end) != (start, end):
        return None
    return claim


def _fuzzy_spans(
    doc: Document, record: Annotation, free: list[Claim], whole: bool
) -> list[tuple[int, int, float]]:
    from rapidfuzz import fuzz, process

    quote = record.quote
    spans = [
        (claim.start, claim.end, score)
        for _, score, i in process.extract(
            quote,
            [c.text for c in free],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_MIN,
            limit=8,
        )
        for claim in (free[i],)
    ]
    if not spans and not whole and len(quote) >= 20:
        # A quote that is part of a sentence: align it near where it was.
        lo = max(0, record.start - _WINDOW)
        hi = min(len(doc.text), record.end + _WINDOW)
        found = fuzz.partial_ratio_alignment(quote, doc.text[lo:hi], score_cutoff=FUZZY_MIN)
        if found is not None:
            spans.append((lo + found.dest_start, lo + found.dest_end, found.score))
    return spans


def anchor_records(doc: Document, records: list[Annotation]) -> list[Anchored]:
    """Place every record on ``doc``; the result is in the order of ``records``.

    Every record comes back (orphans with no claim), and no two records share
    a claim.
    """
    text = doc.text
    result: list[Anchored | None] = [None] * len(records)
    whole = [quotes_whole_claim(record) for record in records]
    taken: set[int] = set()
    pending: list[int] = []
    for i, record in enumerate(records):
        quote = record.quote
        if quote and record.end <= len(text) and text[record.start : record.end] == quote:
            claim = _place(doc, record.start, record.end, taken, whole[i])
            if claim is not None:
                taken.add(claim.index)
                result[i] = Anchored(record, Anchor.EXACT, record.start, record.end, claim)
                continue
        pending.append(i)
    still: list[int] = []
    for i in pending:
        record = records[i]
        spans = [
            (s, s + len(record.quote), 100.0)
            for s in (_occurrences(text, record.quote) if record.quote else ())
            if _place(doc, s, s + len(record.quote), taken, whole[i]) is not None
        ]
        best = _best(text, record, spans)
        if best is None:
            still.append(i)
            continue
        claim = _place(doc, best[0], best[1], taken, whole[i])
        assert claim is not None
        taken.add(claim.index)
        result[i] = Anchored(record, Anchor.MOVED, best[0], best[1], claim)
    for i in still:
        record = records[i]
        free = [c for c in doc.claims if c.index not in taken]
        spans = _fuzzy_spans(doc, record, free, whole[i]) if record.quote else []
        best = _best(text, record, spans)
        claim = _attach(doc, best[0], best[1], taken) if best else None
        if best is None or claim is None:
            result[i] = Anchored(record, Anchor.ORPHAN, score=0.0)
            continue
        taken.add(claim.index)
        result[i] = Anchored(record, Anchor.FUZZY, best[0], best[1], claim, best[2])
    return [a for a in result if a is not None]
