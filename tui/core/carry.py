"""Linked documents: a claim's counterpart in another document, and tags carried to it.

Two versions of one article (000 and 001 in the seeds) state most facts twice.
Given a claim's matches in the other open documents (:func:`tui.core.similar.find_similar`
hits, best first), this module decides, without Textual and without the store
(the caller hands labels in):

- the **counterpart** of a claim in another document: its best ``same`` match
  there, else its best ``related`` one (:func:`counterpart`); the reader's
  linked panes mark it and, when following, move there;
- the **tags that carry across**: a claim nobody tagged that is the ``same``-band
  counterpart of a tagged claim shows "tagged in 000 disputed" until someone tags
  it (:func:`carry_tags`); only the band ``same`` carries, a ``related`` match may
  state another fact;
- what **differs** between a claim and its best match, as the inspector says it
  ("001 says 14 where this says 12", :func:`differs_line`), from the matcher's
  ``differs`` (:mod:`tui.core.match.differs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tui.core.match import RELATED, SAME, Difference
from tui.core.model import Claim

ClaimKey = tuple[str, int]
"""A claim by document id and index (claims of a document loaded again are new objects)."""


class Hit(Protocol):
    """What this module reads of a match (:class:`tui.core.similar.SimilarHit` has it)."""

    @property
    def claim(self) -> Claim: ...
    @property
    def score(self) -> float: ...
    @property
    def band(self) -> str: ...
    @property
    def differs(self) -> tuple[Difference, ...]: ...


def key_of(claim: Claim) -> ClaimKey:
    return (claim.doc.id, claim.index)


def ranked(hits: Iterable[Hit]) -> list[Hit]:
    """``same`` before ``related``, then by score, best first (stable for equal scores)."""
    order = {SAME: 0, RELATED: 1}
    return sorted(hits, key=lambda hit: (order.get(hit.band, 2), -hit.score))


def counterpart(hits: Iterable[Hit], doc_id: str) -> Hit | None:
    """The best match of a claim in document ``doc_id``: ``same`` band first, else ``related``."""
    found = ranked(hit for hit in hits if hit.claim.doc.id == doc_id)
    return found[0] if found else None


def best_match(hits: Iterable[Hit]) -> Hit | None:
    """The best match in any other document (``same`` first): the one the inspector compares."""
    found = ranked(hits)
    return found[0] if found else None


def differs_line(hits: Iterable[Hit], short_id: Callable[[Claim], str]) -> str:
    """What the best match says otherwise: ``001 says 14 where this says 12; …`` (or ``""``)."""
    best = best_match(hits)
    if best is None or not best.differs:
        return ""
    where = short_id(best.claim)
    return "; ".join(difference.describe(where) for difference in best.differs)


@dataclass(frozen=True, slots=True)
class Source:
    """A tagged claim whose tag carries: its document's short id and the team's label."""

    short_id: str
    label: str
    claim: ClaimKey


@dataclass(frozen=True, slots=True)
class Carried:
    """The tags carried to one untagged claim from its counterparts in other documents."""

    sources: tuple[Source, ...]

    @property
    def label(self) -> str | None:
        """The label carried when every source agrees, else ``None`` (they disagree)."""
        labels = {source.label for source in self.sources}
        return next(iter(labels)) if len(labels) == 1 else None

    def describe(self) -> str:
        """``tagged in 000 disputed``; ``tagged in 000 disputed, 002 sourced`` when they differ."""
        if self.label is not None:
            where = ", ".join(dict.fromkeys(source.short_id for source in self.sources))
            return f"tagged in {where} {self.label}"
        parts = dict.fromkeys(f"{source.short_id} {source.label}" for source in self.sources)
        return "tagged in " + ", ".join(parts)


def carry_tags(
    tagged: Iterable[tuple[Claim, str]],
    matches: Mapping[ClaimKey, Sequence[Hit]],
    *,
    is_tagged: Callable[[Claim], bool],
    short_id: Callable[[Claim], str],
) -> dict[ClaimKey, Carried]:
    """The claims that show a tag carried from another document, by claim.

    ``tagged``: claims with the team's label (a contested claim has none and carries
    nothing); ``matches``: each tagged claim's hits in the other documents.
    Each tagged claim carries to its ``same``-band counterpart in each other
    document, when nobody tagged that counterpart (``is_tagged``); once someone
    does, the carried tag is gone. Sources come in the order of ``tagged``.
    """
    carried: dict[ClaimKey, list[Source]] = {}
    for claim, label in tagged:
        hits = matches.get(key_of(claim), ())
        for doc_id in dict.fromkeys(hit.claim.doc.id for hit in hits):
            if doc_id == claim.doc.id:
                continue
            best = counterpart(hits, doc_id)
            if best is None or best.band != SAME or is_tagged(best.claim):
                continue
            source = Source(short_id(claim), label, key_of(claim))
            carried.setdefault(key_of(best.claim), []).append(source)
    return {key: Carried(tuple(sources)) for key, sources in carried.items()}
