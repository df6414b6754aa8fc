"""What the human reports (Markdown and HTML) show, and in which order, before any markup.

Both formats tell the same story from these groupings; each escapes for its
own syntax. Strings returned here are plain text (not yet escaped).
"""

from __future__ import annotations

from tui.core.display import display
from tui.core.export.summary import DocSummary, Entry, Summary
from tui.core.progress import percent
from tui.core.team import AnalystTag, ClaimTeam

LABEL_ORDER = ("disputed", "sourced", "opinion", "skip")
"""Sections of decided claims: what needs attention first."""


def label_groups(summary: Summary, label: str) -> list[tuple[DocSummary, list[ClaimTeam]]]:
    """Per document (corpus order), the claims the team decided ``label``."""
    groups = [(d, [t for t in d.teams if t.label == label]) for d in summary.documents]
    return [(d, teams) for d, teams in groups if teams]


def contested_groups(summary: Summary) -> list[tuple[DocSummary, list[ClaimTeam]]]:
    return [(d, d.contested) for d in summary.documents if d.contested]


def speaking_entry(doc: DocSummary, team: ClaimTeam) -> Entry | None:
    """The tag a decided claim is shown with: the verdict's, else the newest agreeing one."""
    speaker = team.verdict if team.verdict is not None else team.newest
    return doc.entry_of(speaker) if speaker is not None else None


def other_note(tag: AnalystTag, entry: Entry) -> str:
    """Another analyst's note on a decided claim, shown beside the speaking tag's: any
    note that says something the shown one does not, whether its tag agreed or the
    verdict overrode it (a colleague who agreed and wrote why is never dropped; the
    newest agreeing tag speaks, and it may be the one without a note)."""
    note = tag.note.strip()
    return note if note and note != entry.record.note.strip() else ""


def tag_analyst(summary: Summary, analyst: str) -> str:
    return analyst or summary.analyst or ""


def problems(summary: Summary) -> list[str]:
    """Unreadable annotation files, changed articles, annotation files with no article."""
    lines = []
    for doc in summary.documents:
        if doc.error:
            lines.append(
                f"{display(doc.id)}: its annotation file cannot be read "
                f"({display(doc.error)}); its tags are not in this summary."
            )
        if doc.changed:
            lines.append(
                f"{display(doc.id)}: the article changed since it was annotated; "
                "its tags were re-anchored."
            )
    for name in summary.stray_files:
        lines.append(f"{display(name)}: an annotation file with no article in this corpus.")
    return lines


__all__ = [
    "LABEL_ORDER",
    "contested_groups",
    "label_groups",
    "percent",
    "problems",
    "speaking_entry",
    "tag_analyst",
]
