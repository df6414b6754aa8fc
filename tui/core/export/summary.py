"""Everything an export shows, gathered once so that every format tells the same story.

Documents come in corpus order and annotations by position (orphans last), so
the same annotations always give the same bytes: exports diff cleanly. Nothing
here reads the clock; the only dates are the records' own ``updated`` stamps
and a date the caller asks for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tui.core.agreement import Agreement, measure
from tui.core.anchoring import Anchor, Anchored
from tui.core.display import display
from tui.core.export.matches import Match, cross_document_matches
from tui.core.labels import label_names
from tui.core.metadata import Metadata, document_metadata
from tui.core.model import Claim, Document
from tui.core.records import Annotation, AnnotationFileError, read
from tui.core.search import SearchIndex
from tui.core.store import DocumentAnnotations
from tui.core.team import STATUSES, AnalystTag, ClaimTeam, Status
from tui.core.workspace import Workspace


def iso_time(value: datetime | None) -> str | None:
    """``2026-11-22T10:15:00Z``: the stamp as UTC, to the second."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(value: Any) -> str | None:
    """A date given as a ``date``, ``datetime`` or ISO string, as ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return iso_time(value)[:10]  # type: ignore[index]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Entry:
    """One annotation record and where it sits in the current text."""

    doc_id: str
    record: Annotation
    anchor: Anchor
    claim: Claim | None
    start: int
    end: int

    @property
    def id(self) -> str:
        return self.record.id or (self.claim.id if self.claim else "")

    @property
    def label(self) -> str:
        return self.record.label

    @property
    def text(self) -> str:
        """The claim as the article says it now (the stored quote for an orphan)."""
        return self.claim.text if self.claim else self.record.quote

    @property
    def number(self) -> int | None:
        return self.claim.number if self.claim else None

    @property
    def orphan(self) -> bool:
        return self.claim is None


@dataclass
class DocSummary:
    doc: Document
    title: str
    url: str | None
    entries: list[Entry] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    """Top-level keys of the annotation file this version does not use itself."""
    metadata: Metadata = field(default_factory=Metadata)
    """Where the article came from (``tui.core.metadata.document_metadata``)."""
    error: str | None = None
    changed: bool = False
    teams: list[ClaimTeam] = field(default_factory=list)
    """The team's view of every claim someone tagged, in reading order."""

    @property
    def id(self) -> str:
        return self.doc.id

    def entry_of(self, tag: AnalystTag) -> Entry | None:
        """The export entry of one analyst's tag."""
        record = tag.anchored.record
        return next((e for e in self.entries if e.record is record), None)

    @property
    def statuses(self) -> dict[str, int]:
        """Claims per team status (``unreviewed`` counts every claim nobody tagged)."""
        counts = Counter(team.status.value for team in self.teams)
        counts[Status.UNREVIEWED.value] = self.claims - len(self.teams)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def contested(self) -> list[ClaimTeam]:
        return [team for team in self.teams if team.contested]

    @property
    def claims(self) -> int:
        return len(self.doc.claims)

    @property
    def anchored(self) -> list[Entry]:
        return [e for e in self.entries if not e.orphan]

    @property
    def orphans(self) -> list[Entry]:
        return [e for e in self.entries if e.orphan]

    @property
    def labels(self) -> dict[str, int]:
        """Claims per team label: a verdict's or an agreed one (contested claims have none)."""
        counts = Counter(team.label for team in self.teams if team.label)
        return {label: counts.get(label, 0) for label in label_names()}

    @property
    def anchors(self) -> dict[str, int]:
        counts = Counter(e.anchor.value for e in self.entries)
        return {a.value: counts.get(a.value, 0) for a in Anchor}

    @property
    def reviewed(self) -> int:
        """Claims at least one analyst tagged."""
        return len(self.teams)

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.claims if self.claims else 0.0


@dataclass
class Summary:
    corpus: str
    documents: list[DocSummary]
    matches: list[Match] | None
    """``None`` when cross-document matching was not available or not asked for."""
    stray_files: list[str] = field(default_factory=list)
    """Annotation files whose article is not in this corpus (listed, never hidden)."""
    date: str | None = None
    analyst: str | None = None
    """The name to credit where a record names no analyst."""
    url_base: str | None = None

    @property
    def entries(self) -> list[Entry]:
        return [e for d in self.documents for e in d.entries]

    @property
    def analysts(self) -> list[str]:
        return sorted({self.analyst_of(e) for e in self.entries} - {""}, key=str.casefold)

    def analyst_of(self, entry: Entry) -> str:
        return entry.record.analyst or self.analyst or ""

    @property
    def last_updated(self) -> datetime | None:
        stamps = [e.record.updated for e in self.entries if e.record.updated is not None]
        return max(stamps) if stamps else None

    @property
    def claims(self) -> int:
        return sum(d.claims for d in self.documents)

    @property
    def reviewed(self) -> int:
        return sum(d.reviewed for d in self.documents)

    @property
    def labels(self) -> dict[str, int]:
        return {label: sum(d.labels[label] for d in self.documents) for label in label_names()}

    @property
    def orphans(self) -> list[Entry]:
        return [e for d in self.documents for e in d.orphans]

    @property
    def statuses(self) -> dict[str, int]:
        return {s: sum(d.statuses[s] for d in self.documents) for s in STATUSES}

    def agreement(self) -> Agreement:
        """Agreement over every claim two analysts or more tagged (names as shown)."""
        ratings = {
            (doc.id, team.claim.index): {
                display(t.analyst or self.analyst or ""): t.label for t in team.tags
            }
            for doc in self.documents
            for team in doc.teams
        }
        return measure(ratings, categories=label_names(), document_of=lambda unit: unit[0])

    @property
    def empty(self) -> bool:
        """No annotation at all: every format says so rather than looking broken."""
        return not self.entries


def _entry(doc: Document, anchored: Anchored) -> Entry:
    record = anchored.record
    if anchored.claim is None or anchored.start is None or anchored.end is None:
        return Entry(doc.id, record, anchored.status, None, record.start, record.end)
    return Entry(doc.id, record, anchored.status, anchored.claim, anchored.start, anchored.end)


def _file_meta(state: DocumentAnnotations) -> dict[str, Any]:
    """The annotation file's own top-level keys (``url``, ``author``…), if it parses."""
    if state.error is not None:
        return {}
    try:
        stored = read(state.path)
    except AnnotationFileError:
        return {}
    return dict(stored.extra) if stored else {}


def document_summary(state: DocumentAnnotations, annotations: Path | None = None) -> DocSummary:
    """``annotations``: the folder that may hold a format 1 file with the article's metadata."""
    doc = state.doc
    metadata = document_metadata(doc, annotations or state.path.parent)
    summary = DocSummary(
        doc,
        title=metadata.title or doc.title,
        url=metadata.url,
        meta=_file_meta(state),
        metadata=metadata,
        changed=state.changed_since_annotated,
    )
    if state.error is not None:
        error = state.error
        where = f"{error.path.name}, line {error.line}" if error.line else error.path.name
        summary.error = f"{where}: {error.reason}"
    entries = [_entry(doc, a) for a in state.anchored]
    entries.sort(key=lambda e: (e.orphan, e.start, e.end, e.id, e.record.analyst))
    summary.entries = entries
    summary.teams = state.teams
    return summary


def _corpus_name(workspace: Workspace) -> str:
    roots = workspace.corpus.roots
    names = [root.name or root.resolve().name for root in roots]
    return ", ".join(names) or "corpus"


def _stray_files(workspace: Workspace) -> list[str]:
    folder = workspace.store.folder
    if not folder.is_dir() or not any(root.is_dir() for root in workspace.corpus.roots):
        return []
    ids = {doc.id for doc in workspace.corpus}
    return sorted(p.name for p in folder.glob("*.toml") if p.stem not in ids)


def _tagged_claims(documents: list[DocSummary]) -> list[Claim]:
    return [e.claim for d in documents for e in d.anchored if e.claim is not None]


def summarize(
    workspace: Workspace,
    *,
    matches: bool = True,
    date: Any = None,
    analyst: str | None = None,
    url_base: str | None = None,
    index: SearchIndex | None = None,
) -> Summary:
    """Gather what every export format shows; ``matches=False`` skips the cross-document part."""
    day = iso_date(date) if date is not None else None
    if date is not None and day is None:
        raise ValueError(f"{date!r} is not a date (YYYY-MM-DD)")
    folder = workspace.store.folder
    documents = [document_summary(workspace.store.load(doc), folder) for doc in workspace.corpus]
    return Summary(
        corpus=_corpus_name(workspace),
        documents=documents,
        matches=cross_document_matches(workspace, _tagged_claims(documents), index)
        if matches
        else None,
        stray_files=_stray_files(workspace),
        date=day,
        analyst=analyst.strip() if analyst and analyst.strip() else None,
        url_base=url_base.strip() if url_base and url_base.strip() else None,
    )


def export_path_default(workspace: Workspace, extension: str) -> Path:
    """``exports/factcheck-summary.<ext>`` beside the annotations folder."""
    return workspace.store.folder.parent / "exports" / f"factcheck-summary{extension}"
