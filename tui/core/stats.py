"""Counting what has been reviewed, per document, label and status, and anchor health.

Counts are the team's: a claim is reviewed when any analyst tagged it, and
counted under its team label (the verdict's, else the agreed one); contested
claims have no label and are counted as contested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tui.core.anchoring import Anchor
from tui.core.labels import label_names
from tui.core.store import DocumentAnnotations
from tui.core.team import STATUSES, Status
from tui.core.workspace import Workspace


@dataclass
class DocumentStats:
    doc_id: str
    title: str
    claims: int
    labels: Counter[str] = field(default_factory=Counter)
    anchors: Counter[str] = field(default_factory=Counter)
    orphans: list[dict[str, object]] = field(default_factory=list)
    error: str | None = None
    changed: bool = False
    statuses: Counter[str] = field(default_factory=Counter)
    analysts: Counter[str] = field(default_factory=Counter)
    """Tags per analyst on this document."""
    warnings: list[str] = field(default_factory=list)
    """Other analysts' files that cannot be read."""

    @property
    def reviewed(self) -> int:
        return self.claims - self.statuses.get(Status.UNREVIEWED.value, 0)

    @property
    def contested(self) -> int:
        return self.statuses.get(Status.CONTESTED.value, 0)

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.claims if self.claims else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "doc": self.doc_id,
            "title": self.title,
            "claims": self.claims,
            "reviewed": self.reviewed,
            "labels": {label: self.labels.get(label, 0) for label in label_names()},
            "anchors": {a.value: self.anchors.get(a.value, 0) for a in Anchor},
            "statuses": {status: self.statuses.get(status, 0) for status in STATUSES},
            "analysts": dict(sorted(self.analysts.items())),
            "orphans": self.orphans,
            "changed_since_annotated": self.changed,
            "error": self.error,
            "warnings": self.warnings,
        }


def document_stats(state: DocumentAnnotations) -> DocumentStats:
    doc = state.doc
    stats = DocumentStats(doc.id, doc.title, len(doc.claims), changed=state.changed_since_annotated)
    if state.error is not None:
        stats.error = str(state.error)
    stats.warnings = [str(warning) for warning in state.warnings]
    for anchored in state.anchored:
        record = anchored.record
        stats.anchors[anchored.status.value] += 1
        stats.analysts[record.analyst] += 1
        if anchored.claim is None:
            stats.orphans.append(
                {
                    "id": record.id,
                    "label": record.label,
                    "quote": record.quote,
                    "note": record.note,
                    "analyst": record.analyst,
                }
            )
    teams = state.teams
    stats.statuses[Status.UNREVIEWED.value] = len(doc.claims) - len(teams)
    for team in teams:
        stats.statuses[team.status.value] += 1
        if team.label is not None:
            stats.labels[team.label] += 1
    return stats


def corpus_stats(workspace: Workspace) -> list[DocumentStats]:
    return [document_stats(workspace.store.load(doc)) for doc in workspace.corpus]
