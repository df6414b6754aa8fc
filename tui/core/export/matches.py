"""Tagged claims found in other documents: the groups, and the details in which they conflict.

One search per tagged claim (``find_similar`` over one index, built once per
export or handed in by the reader), so the cost follows the work done, not
the size of the corpus. Claims are grouped by the ``same`` band (states the
same fact) and by ``related`` matches that give another number, date or
polarity: a report of the same event with another figure is what a
fact-checker wants to see beside the claim, and the matcher scores such a
pair lower (docs/format.md, "Exports").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tui.core.match import Difference
from tui.core.match.tokens import NAME
from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import SAME, find_similar
from tui.core.workspace import Workspace

MATCH_LIMIT = 10
Key = tuple[int, int]
"""A claim's place: (document in corpus order, claim index)."""


@dataclass(frozen=True)
class Occurrence:
    doc_id: str
    claim: Claim
    label: str | None
    family: tuple[int, int] = (0, 0)
    """Occurrences with the same family state the same fact (linked by ``same`` matches)."""


@dataclass(frozen=True)
class Conflict:
    """Two claims of one fact that disagree in details: ``here`` is ``a``, ``there`` is ``b``."""

    a: Occurrence
    b: Occurrence
    differs: tuple[Difference, ...]

    def sentences(self) -> list[str]:
        """ "001 says 14 where this says 12", one per detail, from ``a``'s side."""
        return [d.describe(self.b.doc_id) for d in self.differs]


@dataclass
class Match:
    """One claim found in several documents."""

    occurrences: list[Occurrence]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.occurrences[0].claim.text

    @property
    def labels(self) -> list[str]:
        return sorted({o.label for o in self.occurrences if o.label})

    @property
    def disagree(self) -> bool:
        return len(self.labels) > 1

    def same_as(self, claim: Claim) -> list[Occurrence]:
        """The other occurrences that state the same fact as ``claim`` (its ``same`` family)."""
        place = (claim.doc.id, claim.index)
        mine = next((o for o in self.occurrences if (o.doc_id, o.claim.index) == place), None)
        if mine is None:
            return []
        return [o for o in self.occurrences if o.family == mine.family and o is not mine]


def _telling(differs: tuple[Difference, ...]) -> bool:
    """A ``related`` match worth showing: it gives another number, date or polarity.

    Measured on the seeds: ``related`` pairs that differ only by a name are
    mostly two claims on one topic ("the West" / "Russia"), not one fact.
    """
    return any(d.kind != NAME for d in differs)


class _Groups:
    """Union-find over claim keys (the smaller key is the root, so groups come out in order)."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def root(self, k: Key) -> Key:
        parent = self.parent
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(self, a: Key, b: Key) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cross_document_matches(
    workspace: Workspace, tagged: list[Claim], index: SearchIndex | None = None
) -> list[Match]:
    """Groups of claims in several documents, holding at least one of the ``tagged`` claims.

    Groups where the labels disagree come first, then in corpus order.
    """
    tagged = list({(c.doc.id, c.index): c for c in tagged}.values())  # one search per claim
    if not tagged:
        return []
    label_of: Callable[[Claim], str | None] = workspace.store.label_of
    order = {doc.id: i for i, doc in enumerate(workspace.corpus)}

    def key(claim: Claim) -> Key:
        return (order.get(claim.doc.id, len(order)), claim.index)

    groups, families = _Groups(), _Groups()
    claims: dict[Key, Claim] = {}
    pairs: dict[tuple[Key, Key], tuple[Difference, ...]] = {}
    if index is None:
        index = SearchIndex.build(workspace.corpus)
    for claim in tagged:
        for hit in find_similar(index, claim, limit=MATCH_LIMIT, label_of=label_of):
            differs = tuple(getattr(hit, "differs", ()))
            if hit.claim.doc.id == claim.doc.id or not (hit.band == SAME or _telling(differs)):
                continue
            a, b = key(claim), key(hit.claim)
            claims[a], claims[b] = claim, hit.claim
            groups.join(a, b)
            if hit.band == SAME:
                families.join(a, b)
            if differs and (b, a) not in pairs:
                pairs[(a, b)] = differs
    members: dict[Key, list[Key]] = {}
    for k in sorted(claims):
        members.setdefault(groups.root(k), []).append(k)
    occurrence = {
        k: Occurrence(c.doc.id, c, label_of(c), families.root(k)) for k, c in claims.items()
    }
    matches = []
    for keys in members.values():
        if len({claims[k].doc.id for k in keys}) < 2:
            continue
        inside = set(keys)
        conflicts = [
            Conflict(occurrence[a], occurrence[b], differs)
            for (a, b), differs in sorted(pairs.items())
            if a in inside
        ]
        matches.append(Match([occurrence[k] for k in keys], conflicts))
    matches.sort(key=lambda m: (not m.disagree, key(m.occurrences[0].claim)))
    return matches


__all__ = ["Conflict", "Match", "Occurrence", "cross_document_matches"]
