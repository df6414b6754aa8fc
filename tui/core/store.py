"""Reading and saving a document's annotations, safely, from any number of processes.

Every change is one read-modify-write under an exclusive lock: the file is
read again, the change applied record by record over what is on disk now, and
the result written atomically. Two analysts (or an analyst and a script)
tagging the same document therefore never lose each other's tags. A file that
does not parse is never written: its document is read-only until it is fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tui.core.anchoring import Anchor, Anchored, anchor_records
from tui.core.atomic import locked, write_atomic
from tui.core.model import Claim, Document
from tui.core.records import CONTEXT, Annotation, AnnotationFile, AnnotationFileError, now, read


@dataclass
class DocumentAnnotations:
    """A document's records as anchored on its current text."""

    doc: Document
    path: Path
    anchored: list[Anchored] = field(default_factory=list)
    error: AnnotationFileError | None = None
    stored_sha256: str = ""

    @property
    def read_only(self) -> bool:
        return self.error is not None

    @property
    def changed_since_annotated(self) -> bool:
        """The article's text differs from the one the file was last saved against."""
        return bool(self.stored_sha256) and self.stored_sha256 != self.doc.sha256

    @cached_property
    def by_claim(self) -> dict[int, Anchored]:
        return {a.claim.index: a for a in self.anchored if a.claim is not None}

    @property
    def orphans(self) -> list[Anchored]:
        return [a for a in self.anchored if a.status is Anchor.ORPHAN]

    def get(self, claim: Claim) -> Anchored | None:
        return self.by_claim.get(claim.index)

    def label(self, claim: Claim) -> str | None:
        anchored = self.by_claim.get(claim.index)
        return anchored.record.label if anchored else None

    @property
    def tagged(self) -> int:
        return len(self.by_claim)


@dataclass(frozen=True)
class Change:
    """What one edit did, so that it can be undone exactly."""

    doc_id: str
    removed: tuple[Annotation, ...]
    added: tuple[Annotation, ...]

    def inverse(self) -> Change:
        return Change(self.doc_id, self.added, self.removed)


class ReadOnlyDocument(AnnotationFileError):
    """Raised when asked to change a document whose annotation file does not parse."""


class AnnotationStore:
    """The ``annotations/`` folder: one TOML file per annotated document."""

    def __init__(self, folder: Path, analyst: str = "") -> None:
        self.folder = Path(folder)
        self.analyst = analyst
        self._cache: dict[str, DocumentAnnotations] = {}

    def path_for(self, doc: Document) -> Path:
        return self.folder / f"{doc.id}.toml"

    @property
    def lock_path(self) -> Path:
        return self.folder / ".lock"

    def label_of(self, claim: Claim) -> str | None:
        """The label on ``claim`` now: what search filters and similar compare."""
        return self.load(claim.doc).label(claim)

    def load(self, doc: Document, *, refresh: bool = False) -> DocumentAnnotations:
        """The document's annotations, read once and cached until changed.

        The cache holds for this very ``Document``: a document loaded again
        (its text may have changed) is anchored afresh.
        """
        cached = self._cache.get(doc.id)
        if not refresh and cached is not None and cached.doc is doc:
            return cached
        path = self.path_for(doc)
        try:
            stored = read(path)
        except AnnotationFileError as error:
            state = DocumentAnnotations(doc, path, error=error)
        else:
            state = self._anchor(doc, path, stored)
        self._cache[doc.id] = state
        return state

    def _anchor(
        self, doc: Document, path: Path, stored: AnnotationFile | None
    ) -> DocumentAnnotations:
        if stored is None:
            return DocumentAnnotations(doc, path)
        return DocumentAnnotations(
            doc, path, anchor_records(doc, stored.records), stored_sha256=stored.sha256
        )

    def make_record(
        self,
        claim: Claim,
        label: str,
        *,
        note: str = "",
        sources: Iterable[str] = (),
        base: Annotation | None = None,
    ) -> Annotation:
        """A record quoting ``claim`` now, keeping ``base``'s unknown keys."""
        text = claim.doc.text
        return Annotation(
            id=claim.id,
            label=label,
            quote=claim.text,
            prefix=text[max(0, claim.start - CONTEXT) : claim.start],
            suffix=text[claim.end : claim.end + CONTEXT],
            start=claim.start,
            end=claim.end,
            note=note,
            sources=list(sources),
            analyst=self.analyst or (base.analyst if base else ""),
            updated=now(),
            extra=dict(base.extra) if base else {},
        )

    def set(
        self,
        claim: Claim,
        label: str | None,
        *,
        note: str | None = None,
        sources: Iterable[str] | None = None,
    ) -> Change:
        """Tag ``claim`` (``label=None`` clears it); unchanged note and sources are kept."""
        state = self.load(claim.doc)
        current = state.get(claim)
        removed = (current.record,) if current else ()
        if label is None:
            added: tuple[Annotation, ...] = ()
        else:
            base = current.record if current else None
            record = self.make_record(
                claim,
                label,
                note=note if note is not None else (base.note if base else ""),
                sources=sources if sources is not None else (base.sources if base else ()),
                base=base,
            )
            added = (record,)
        change = Change(claim.doc.id, removed, added)
        self.apply(claim.doc, change)
        return change

    def attach(self, orphan: Annotation, claim: Claim) -> Change:
        """Re-attach an orphaned record to ``claim``, keeping its label, note and sources."""
        state = self.load(claim.doc)
        current = state.get(claim)
        record = self.make_record(
            claim, orphan.label, note=orphan.note, sources=orphan.sources, base=orphan
        )
        removed = (orphan, current.record) if current else (orphan,)
        change = Change(claim.doc.id, removed, (record,))
        self.apply(claim.doc, change)
        return change

    def apply(self, doc: Document, change: Change) -> DocumentAnnotations:
        """Write ``change`` over what is on disk now, under the lock, atomically."""
        state = self.load(doc)
        if state.error is not None:
            raise ReadOnlyDocument(state.error.path, state.error.reason, state.error.line)
        if not change.removed and not change.added:
            return state  # nothing to save: do not create an empty file
        path = self.path_for(doc)
        with locked(self.lock_path):
            try:
                stored = read(path)
            except AnnotationFileError as error:
                self._cache[doc.id] = DocumentAnnotations(doc, path, error=error)
                raise ReadOnlyDocument(error.path, error.reason, error.line) from None
            if stored is None:
                stored = AnnotationFile(document=doc.path.name)
            records = merge(stored.records, change)
            stored.records = records
            stored.sha256 = doc.sha256
            write_atomic(path, stored.dumps())
        state = self._anchor(doc, path, stored)
        self._cache[doc.id] = state
        return state


def merge(on_disk: list[Annotation], change: Change) -> list[Annotation]:
    """Apply ``change`` record by record over the records on disk now.

    Records the change does not touch are kept as they are on disk (another
    process may have written them). Where the disk holds a record newer than
    the one this change replaces, the newer one wins. Nothing else is ever
    dropped, not even a second record with the same key in a hand-edited file.
    """
    records = list(on_disk)

    def find(key: str) -> int | None:
        return next((i for i, r in enumerate(records) if r.key == key), None)

    for old in change.removed:
        i = find(old.key)
        if i is not None and not _newer(records[i], old):
            del records[i]
    for new in change.added:
        i = find(new.key)
        if i is None:
            records.append(new)
        elif not _newer(records[i], new):
            records[i] = new
    return records


def _newer(a: Annotation, b: Annotation) -> bool:
    return a.updated is not None and (b.updated is None or a.updated > b.updated)
