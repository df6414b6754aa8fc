"""How far the analysts agree: percent, Krippendorff's α, Gwet's AC1, Cohen's κ.

Everything works on a plain structure, ``units → {analyst: label}``, so it
needs neither the store nor the corpus: a unit is any hashable key (the
command line uses ``(document id, claim id)``). A unit counts when at least
two analysts rated it; the others carry no information about agreement
(docs/format.md, "Agreement").

Formulas: Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
nominal metric with missing ratings; Gwet, "Handbook of Inter-Rater
Reliability" (2014), AC1 for several raters with missing ratings; Cohen
(1960) for a pair. A figure that is undefined (no pairable unit, or a
single label everywhere so that chance agreement is total) is ``None``,
never a made-up 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

Ratings = Mapping[Hashable, Mapping[str, str]]
"""``unit → {analyst: label}``; a missing analyst is a missing rating."""


def pairable(ratings: Ratings) -> dict[Hashable, Mapping[str, str]]:
    """The units that at least two analysts rated."""
    return {unit: by for unit, by in ratings.items() if len(by) >= 2}


def restrict(ratings: Ratings, analysts: Iterable[str]) -> dict[Hashable, dict[str, str]]:
    """The ratings of ``analysts`` only (units left with none are dropped)."""
    keep = set(analysts)
    result: dict[Hashable, dict[str, str]] = {}
    for unit, by in ratings.items():
        kept = {analyst: label for analyst, label in by.items() if analyst in keep}
        if kept:
            result[unit] = kept
    return result


def _value_counts(ratings: Ratings) -> list[Counter[str]]:
    """Per pairable unit, how many analysts gave each label."""
    return [Counter(by.values()) for by in ratings.values() if len(by) >= 2]


def percent_agreement(ratings: Ratings) -> float | None:
    """The share of agreeing pairs of analysts, averaged over units, 0–100.

    With two analysts it is the share of units they labelled alike.
    """
    units = _value_counts(ratings)
    if not units:
        return None
    return 100.0 * sum(_unit_agreement(counts) for counts in units) / len(units)


def _unit_agreement(counts: Counter[str]) -> float:
    raters = sum(counts.values())
    return sum(n * (n - 1) for n in counts.values()) / (raters * (raters - 1))


def krippendorff_alpha(ratings: Ratings) -> float | None:
    """Nominal Krippendorff's α over the pairable units; missing ratings allowed.

    α = 1 − D_o / D_e from the coincidence matrix: each unit with m values
    adds every ordered pair of its values with weight 1 / (m − 1).
    """
    units = _value_counts(ratings)
    matched = 0.0  # the coincidence matrix's diagonal, summed
    totals: Counter[str] = Counter()
    for counts in units:
        values = sum(counts.values())
        matched += sum(n * (n - 1) for n in counts.values()) / (values - 1)
        totals.update(counts)
    n = sum(totals.values())
    expected = n * n - sum(count * count for count in totals.values())
    if not n or not expected:
        return None
    return 1.0 - (n - 1) * (n - matched) / expected


def gwet_ac1(ratings: Ratings, categories: Iterable[str] = ()) -> float | None:
    """Gwet's AC1 over the pairable units.

    Chance agreement is Σ π_k (1 − π_k) / (q − 1), which stays small when one
    label dominates, so AC1 stays near the raw agreement where κ and α fall.
    ``categories`` is the scale (q counts it and every label seen).
    """
    units = _value_counts(ratings)
    if not units:
        return None
    observed = sum(_unit_agreement(counts) for counts in units) / len(units)
    shares: Counter[str] = Counter()
    for counts in units:
        raters = sum(counts.values())
        for label, n in counts.items():
            shares[label] += n / raters
    scale = set(categories) | set(shares)
    if len(scale) < 2:
        return 1.0 if observed == 1.0 else None
    pi = {label: shares[label] / len(units) for label in scale}
    chance = sum(p * (1 - p) for p in pi.values()) / (len(scale) - 1)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def cohen_kappa(ratings: Ratings, a: str, b: str) -> float | None:
    """Cohen's κ of analysts ``a`` and ``b`` over the units both rated."""
    pairs = _pairs(ratings, a, b)
    if not pairs:
        return None
    observed = sum(x == y for x, y in pairs) / len(pairs)
    left = Counter(x for x, _ in pairs)
    right = Counter(y for _, y in pairs)
    chance = sum(left[k] * right[k] for k in left) / (len(pairs) ** 2)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def _pairs(ratings: Ratings, a: str, b: str) -> list[tuple[str, str]]:
    return [(by[a], by[b]) for by in ratings.values() if a in by and b in by]


def label_alpha(ratings: Ratings, label: str) -> float | None:
    """α for one label against the rest: do the analysts agree on *this* label?"""
    binary = {
        unit: {analyst: str(value == label) for analyst, value in by.items()}
        for unit, by in ratings.items()
    }
    return krippendorff_alpha(binary)


@dataclass(frozen=True)
class Confusion:
    """Two analysts' labels side by side: ``counts[(label_a, label_b)]``."""

    a: str
    b: str
    labels: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    @property
    def units(self) -> int:
        return sum(self.counts.values())

    def cell(self, label_a: str, label_b: str) -> int:
        return self.counts.get((label_a, label_b), 0)


def confusion(ratings: Ratings, a: str, b: str, labels: Sequence[str] = ()) -> Confusion:
    """The confusion table of ``a`` (rows) against ``b`` (columns)."""
    pairs = _pairs(ratings, a, b)
    seen = {x for pair in pairs for x in pair}
    order = tuple(labels) + tuple(sorted(seen - set(labels)))
    return Confusion(a, b, order, dict(Counter(pairs)))


@dataclass(frozen=True)
class PairAgreement:
    a: str
    b: str
    units: int
    percent: float | None
    kappa: float | None


@dataclass(frozen=True)
class DocumentAgreement:
    doc: str
    units: int
    percent: float | None
    alpha: float | None


@dataclass(frozen=True)
class Agreement:
    """Every figure of ``factcheck agree`` (the JSON shape is in docs/format.md)."""

    analysts: tuple[str, ...]
    units: int
    percent: float | None
    alpha: float | None
    ac1: float | None
    pairs: tuple[PairAgreement, ...] = ()
    labels: dict[str, float | None] = field(default_factory=dict)
    documents: tuple[DocumentAgreement, ...] = ()

    def to_json(self, digits: int = 6) -> dict[str, Any]:
        def num(value: float | None) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "analysts": list(self.analysts),
            "units": self.units,
            "percent": num(self.percent),
            "alpha": num(self.alpha),
            "ac1": num(self.ac1),
            "pairs": [
                {"a": p.a, "b": p.b, "units": p.units, "percent": num(p.percent),
                 "kappa": num(p.kappa)}
                for p in self.pairs
            ],
            "labels": {label: num(value) for label, value in self.labels.items()},
            "documents": [
                {"doc": d.doc, "units": d.units, "percent": num(d.percent), "alpha": num(d.alpha)}
                for d in self.documents
            ],
        }  # fmt: skip


def measure(
    ratings: Ratings,
    *,
    categories: Sequence[str] = (),
    document_of: Callable[[Hashable], str] | None = None,
) -> Agreement:
    """All the figures at once; ``document_of`` maps a unit to its document."""
    units = pairable(ratings)
    analysts = tuple(sorted({analyst for by in ratings.values() for analyst in by}))
    pairs = []
    for a, b in combinations(analysts, 2):
        both = {unit: {a: by[a], b: by[b]} for unit, by in units.items() if a in by and b in by}
        pairs.append(
            PairAgreement(a, b, len(both), percent_agreement(both), cohen_kappa(both, a, b))
        )
    seen = {label for by in units.values() for label in by.values()}
    labels = {
        label: label_alpha(units, label) for label in (*categories, *sorted(seen - set(categories)))
    }
    documents: list[DocumentAgreement] = []
    if document_of is not None:
        grouped: dict[str, dict[Hashable, Mapping[str, str]]] = {}
        for unit, by in units.items():
            grouped.setdefault(document_of(unit), {})[unit] = by
        for doc in sorted(grouped):
            part = grouped[doc]
            documents.append(
                DocumentAgreement(doc, len(part), percent_agreement(part), krippendorff_alpha(part))
            )
    return Agreement(
        analysts=analysts,
        units=len(units),
        percent=percent_agreement(units),
        alpha=krippendorff_alpha(units),
        ac1=gwet_ac1(units, categories),
        pairs=tuple(pairs),
        labels=labels,
        documents=tuple(documents),
    )
