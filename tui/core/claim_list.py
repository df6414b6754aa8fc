"""The whole corpus as one list of claims: sorted, filtered as you type.

What the reader's claims list screen shows, kept here so that it is tested
without a screen and stays fast at 70,000 claims: a row holds only what the
list draws and sorts by, a filter is a few substring tests on a folded copy
of the text, and sorting is one key function per order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tui.core.labels import label_names
from tui.core.model import Claim
from tui.core.store import AnnotationStore
from tui.core.triage import Scorer


class Order(StrEnum):
    CHECKWORTHY = "check-worthiness"
    STATUS = "status"
    LABEL = "label"
    DOCUMENT = "document"
    ANALYST = "analyst"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    score: int
    status: str
    label: str | None
    analysts: tuple[str, ...]
    folded: str
    """Text, document id, label, status and analysts, case-folded: what a search reads."""

    @property
    def doc_id(self) -> str:
        return self.claim.doc.id


def make_row(claim: Claim, score: int, status: str, label: str | None, analysts: Sequence[str]):
    folded = " ".join([claim.text, claim.doc.id, label or "", status, *analysts]).casefold()
    return ClaimRow(claim, score, status, label, tuple(analysts), folded)


def corpus_rows(docs: Iterable, store: AnnotationStore, scorer: Scorer) -> list[ClaimRow]:
    """A row for every claim of ``docs``, in reading order."""
    rows = []
    for doc in docs:
        state = store.load(doc)
        for claim in doc.claims:
            team = state.team(claim)
            rows.append(
                make_row(
                    claim,
                    scorer.worth(claim).score,
                    team.status.value,
                    team.label,
                    team.analysts,
                )
            )
    return rows


_STATUS_RANK = {
    status: i for i, status in enumerate(("contested", "unreviewed", "tagged", "settled"))
}

_KEYS: dict[Order, Callable[[ClaimRow], object]] = {
    Order.CHECKWORTHY: lambda row: -row.score,
    # Contested first: what needs a decision, then what nobody has looked at.
    Order.STATUS: lambda row: (_STATUS_RANK.get(row.status, 99), -row.score),
    Order.LABEL: lambda row: (_label_rank(row.label), -row.score),
    Order.DOCUMENT: lambda row: (row.doc_id, row.claim.index),
    Order.ANALYST: lambda row: (
        row.analysts[0].casefold() if row.analysts else "\uffff",
        -row.score,
    ),
}


def _label_rank(label: str | None) -> int:
    names = label_names()
    return names.index(label) if label in names else len(names)


def sort_rows(rows: Sequence[ClaimRow], order: Order) -> list[ClaimRow]:
    """Rows in ``order``; ties keep the order they came in (reading order)."""
    return sorted(rows, key=_KEYS[order])  # type: ignore[arg-type]


def filter_rows(rows: Sequence[ClaimRow], query: str) -> list[ClaimRow]:
    """Rows whose text, document, label, status or analysts hold every word of ``query``.

    ``label:disputed``, ``status:contested``, ``analyst:ann`` and ``doc:000``
    narrow to that field.
    """
    words = query.casefold().split()
    if not words:
        return list(rows)
    tests: list[Callable[[ClaimRow], bool]] = []
    for word in words:
        field, sep, value = word.partition(":")
        if sep and value and field in _FIELD_TESTS:
            tests.append(_FIELD_TESTS[field](value))
        else:
            tests.append(lambda row, w=word: w in row.folded)
    return [row for row in rows if all(test(row) for test in tests)]


_FIELD_TESTS: dict[str, Callable[[str], Callable[[ClaimRow], bool]]] = {
    "label": lambda v: lambda row: (row.label or "none") == v,
    "status": lambda v: lambda row: row.status == v,
    "analyst": lambda v: lambda row: any(v in a.casefold() for a in row.analysts),
    "doc": lambda v: lambda row: row.doc_id.casefold().startswith(v),
}
