"""The team's view of a claim: every analyst's tag, the status and the one label shown.

docs/format.md, "Status of a claim": a claim nobody tagged is *unreviewed*;
one that every analyst who tagged it gave the same label is *tagged*; one
they disagree on is *contested*; one with a verdict is *settled*. The
claim's label (shown in the reader, ``claims``, search filters, exports) is
the verdict's label, else the agreed label, else none: a contested claim is
never resolved by whoever wrote last.

Pure functions over anchored records; ``DocumentAnnotations.team(claim)``
is the usual way in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.core.anchoring import Anchored
from tui.core.model import Claim

if TYPE_CHECKING:
    from datetime import datetime


class Status(StrEnum):
    UNREVIEWED = "unreviewed"
    TAGGED = "tagged"
    CONTESTED = "contested"
    SETTLED = "settled"


STATUSES: tuple[str, ...] = tuple(status.value for status in Status)


@dataclass(frozen=True)
class AnalystTag:
    """One analyst's tag on a claim, as the team sees it."""

    analyst: str
    label: str
    note: str
    sources: tuple[str, ...]
    updated: datetime | None
    verdict: bool
    anchored: Anchored
    own_label: str = ""
    """On a verdict: the label its analyst had tagged the claim with before (their rating)."""

    @classmethod
    def of(cls, anchored: Anchored) -> AnalystTag:
        record = anchored.record
        return cls(
            analyst=record.analyst,
            label=record.label,
            note=record.note,
            sources=tuple(record.sources),
            updated=record.updated,
            verdict=record.verdict,
            anchored=anchored,
            own_label=record.own_label,
        )

    @property
    def overruled_own(self) -> str:
        """On a verdict that overrules its reviewer's own earlier tag: that tag, else ``""``."""
        return self.own_label if self.verdict and self.own_label != self.label else ""

    def to_json(self) -> dict[str, object]:
        return {
            "analyst": self.analyst,
            "label": self.label,
            "verdict": self.verdict,
            "own_label": self.own_label or None,
            "note": self.note or None,
            "sources": list(self.sources),
            "updated": self.updated.isoformat().replace("+00:00", "Z") if self.updated else None,
            "anchor": self.anchored.status.value,
        }


@dataclass(frozen=True)
class ClaimTeam:
    """Every analyst's tag on one claim, its status and the label the team shows."""

    claim: Claim
    tags: tuple[AnalystTag, ...]
    """One per analyst, in analyst-name order."""
    status: Status
    label: str | None
    verdict: AnalystTag | None
    """The newest verdict, which settles the claim; ``None`` if nobody gave one."""

    @property
    def labels(self) -> dict[str, str]:
        """``{analyst: label}``, as ``claims --json`` prints it."""
        return {tag.analyst: tag.label for tag in self.tags}

    @property
    def analysts(self) -> list[str]:
        return [tag.analyst for tag in self.tags]

    @property
    def contested(self) -> bool:
        return self.status is Status.CONTESTED

    def of(self, analyst: str) -> AnalystTag | None:
        return next((tag for tag in self.tags if tag.analyst == analyst), None)

    @property
    def newest(self) -> AnalystTag | None:
        return max(self.tags, key=_when, default=None)


def _when(tag: AnalystTag) -> tuple[bool, datetime | str]:
    return (tag.updated is not None, tag.updated or "")


def claim_team(claim: Claim, anchored: Iterable[Anchored]) -> ClaimTeam:
    """The team's view of ``claim`` from the records anchored on it (one per analyst)."""
    tags = tuple(sorted((AnalystTag.of(a) for a in anchored), key=lambda t: t.analyst))
    verdicts = [tag for tag in tags if tag.verdict]
    verdict = max(verdicts, key=_when) if verdicts else None
    labels = {tag.label for tag in tags}
    if verdict is not None:
        status, label = Status.SETTLED, verdict.label
    elif not tags:
        status, label = Status.UNREVIEWED, None
    elif len(labels) == 1:
        status, label = Status.TAGGED, tags[0].label
    else:
        status, label = Status.CONTESTED, None
    return ClaimTeam(claim, tags, status, label, verdict)
