"""JSON: the same data as the other formats, grouped by document, with counts.

``format`` is the version of this layout: a consumer checks it and a later
version that changes the layout raises it.
"""

from __future__ import annotations

import json
from typing import Any

from tui.core.display import json_escape
from tui.core.export.summary import DocSummary, Entry, Summary, iso_time
from tui.core.labels import label_names

FORMAT = 2
"""2: one annotation per analyst (with ``verdict``), team statuses per document and claim."""


def dumps(data: Any) -> str:
    """Indented UTF-8 JSON, exact, and safe to print to a terminal.

    ``json`` escapes C0 controls; DEL, C1 (``\\x9b`` is a CSI to some) and the
    invisible characters (bidi overrides, zero-width spaces) are escaped too
    (:func:`tui.core.display.json_escape`): the same data once parsed.
    """
    return json_escape(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def entry_json(summary: Summary, entry: Entry) -> dict[str, Any]:
    record = entry.record
    return {
        "id": entry.id,
        "claim": entry.number,
        "label": entry.label,
        "verdict": bool(record.verdict),
        "start": entry.start,
        "end": entry.end,
        "text": entry.claim.text if entry.claim else None,
        "quote": record.quote,
        "note": record.note,
        "sources": [s for s in record.sources if s.strip()],
        "analyst": summary.analyst_of(entry) or None,
        "updated": iso_time(record.updated),
        "anchor": entry.anchor.value,
    }


def document_json(summary: Summary, doc: DocSummary) -> dict[str, Any]:
    return {
        "doc": doc.id,
        "file": doc.doc.path.name,
        "title": doc.title,
        "url": doc.url,
        "author": doc.metadata.author.name if doc.metadata.author else None,
        "published": doc.metadata.published.isoformat() if doc.metadata.published else None,
        "site": doc.metadata.site,
        "claims": doc.claims,
        "reviewed": doc.reviewed,
        "labels": doc.labels,
        "statuses": doc.statuses,
        "contested": [team.claim.id for team in doc.contested],
        "anchors": doc.anchors,
        "orphans": len(doc.orphans),
        "changed_since_annotated": doc.changed,
        "error": doc.error,
        "annotations": [entry_json(summary, e) for e in doc.entries],
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    matches = None
    if summary.matches is not None:
        matches = [
            {
                "labels_disagree": match.disagree,
                "labels": match.labels,
                "claims": [
                    {
                        "doc": occ.doc_id,
                        "id": occ.claim.id,
                        "claim": occ.claim.number,
                        "label": occ.label,
                        "text": occ.claim.text,
                    }
                    for occ in match.occurrences
                ],
                "conflicts": [
                    {
                        "here": {"doc": c.a.doc_id, "id": c.a.claim.id},
                        "there": {"doc": c.b.doc_id, "id": c.b.claim.id},
                        "differs": [d.as_json() for d in c.differs],
                    }
                    for c in match.conflicts
                ],
            }
            for match in summary.matches
        ]
    return {
        "format": FORMAT,
        "corpus": summary.corpus,
        "date": summary.date,
        "last_updated": iso_time(summary.last_updated),
        "analysts": summary.analysts,
        "totals": {
            "documents": len(summary.documents),
            "claims": summary.claims,
            "reviewed": summary.reviewed,
            "annotations": len(summary.entries),
            "orphans": len(summary.orphans),
            "labels": {label: summary.labels[label] for label in label_names()},
            "statuses": summary.statuses,
        },
        "documents": [document_json(summary, d) for d in summary.documents],
        "matches": matches,
        "stray_files": summary.stray_files,
    }


def render(summary: Summary) -> str:
    return dumps(summary_json(summary))
