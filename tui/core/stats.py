"""Counting what has been reviewed, per document and label, and anchor health."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tui.core.anchoring import Anchor
from tui.core.model import LABELS
from tui.core.store import DocumentAnnotations
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

    @property
    def reviewed(self) -> int:
        return sum(self.labels.values())

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.claims if self.claims else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "doc": self.doc_id,
            "title": self.title,
            "claims": self.claims,
            "reviewed": self.reviewed,
            "labels": {label: self.labels.get(label, 0) for label in LABELS},
            "anchors": {a.value: self.anchors.get(a.value, 0) for a in Anchor},
            "orphans": self.orphans,
            "changed_since_annotated": self.changed,
            "error": self.error,
        }


def document_stats(state: DocumentAnnotations) -> DocumentStats:
    doc = state.doc
    stats = DocumentStats(doc.id, doc.title, len(doc.claims), changed=state.changed_since_annotated)
    if state.error is not None:
        stats.error = str(state.error)
    for anchored in state.anchored:
        stats.anchors[anchored.status.value] += 1
        if anchored.claim is not None:
            stats.labels[anchored.record.label] += 1
        else:
            record = anchored.record
            stats.orphans.append(
                {"id": record.id, "label": record.label, "quote": record.quote, "note": record.note}
            )
    return stats


def corpus_stats(workspace: Workspace) -> list[DocumentStats]:
    return [document_stats(workspace.store.load(doc)) for doc in workspace.corpus]
