"""Reading and saving a document's annotations, safely, from any number of processes.

Every change is one read-modify-write under an exclusive lock: the file is
read again, the change applied record by record over what is on disk now, and
the result written atomically. Two analysts (or an analyst and a script)
tagging the same document therefore never lose each other's tags. A file that
does not parse is never written: its document is read-only until it is fixed.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path

from tui.core.anchoring import Anchor, Anchored, anchor_records
from tui.core.atomic import (
    DurabilityError,
    LockError,
    locked,
    remove_stale_temps,
    write_atomic,
)
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


class SaveError(OSError):
    """A save that failed; ``filename`` is the annotation file that was not written."""

    def __init__(self, path: Path, reason: str, *, written: bool = False) -> None:
        super().__init__(0, reason, str(path))
        self.path = path
        self.reason = reason
        self.written = written
        """The new file is in place, but may not survive a crash (the folder sync failed)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Conflict(Exception):
    """The claim's record changed on disk since the caller read it; nothing was written.

    ``base`` is the record the caller started from (``None``: untagged) and
    ``on_disk`` what the file holds now (``None``: untagged), so an editor
    can show both versions and let the analyst choose.
    """

    def __init__(self, claim: Claim, base: Annotation | None, on_disk: Annotation | None) -> None:
        super().__init__(f"{claim.doc.id}:{claim.number} changed on disk since it was read")
        self.claim = claim
        self.base = base
        self.on_disk = on_disk


ANY = object()
"""``set(base=ANY)``: save whatever the claim holds now."""


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
        """A record quoting ``claim`` now, keeping ``base``'s unknown keys.

        Its ``updated`` stamp is later than ``base``'s even if the clock is
        behind the one that stamped ``base``, so "newest wins" keeps it.
        """
        text = claim.doc.text
        stamp = now()
        if base is not None and base.updated is not None and base.updated >= stamp:
            stamp = base.updated + timedelta(seconds=1)
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
            updated=stamp,
            extra=dict(base.extra) if base else {},
        )

    def set(
        self,
        claim: Claim,
        label: str | None,
        *,
        note: str | None = None,
        sources: Iterable[str] | None = None,
        base: Annotation | object | None = ANY,
    ) -> Change:
        """Tag ``claim`` (``label=None`` clears it); unchanged note and sources are kept.

        The record is read, decided on and written under one lock, so a note
        saved by another process a moment earlier is kept, never replaced by
        the one this process saw. Pass ``base`` (the record the caller showed,
        or ``None`` for "untagged") to save only if the claim still holds it:
        otherwise ``Conflict`` is raised with both versions and nothing is written.
        """
        keep_sources = list(sources) if sources is not None else None

        def decide(state: DocumentAnnotations) -> Change:
            anchored = state.get(claim)
            current = anchored.record if anchored else None
            if base is not ANY and current != base:
                raise Conflict(claim, base if isinstance(base, Annotation) else None, current)
            removed = (current,) if current else ()
            if label is None:
                return Change(claim.doc.id, removed, ())
            record = self.make_record(
                claim,
                label,
                note=note if note is not None else (current.note if current else ""),
                sources=keep_sources
                if keep_sources is not None
                else (current.sources if current else ()),
                base=current,
            )
            return Change(claim.doc.id, removed, (record,))

        return self._transact(claim.doc, decide)

    def attach(self, orphan: Annotation, claim: Claim) -> Change:
        """Re-attach an orphaned record to ``claim``, keeping its label, note and sources."""

        def decide(state: DocumentAnnotations) -> Change:
            found = next((a.record for a in state.anchored if a.record == orphan), None)
            if found is None:
                raise Conflict(claim, orphan, None)  # someone re-attached or removed it already
            current = state.get(claim)
            record = self.make_record(
                claim, orphan.label, note=orphan.note, sources=orphan.sources, base=orphan
            )
            removed = (found, current.record) if current else (found,)
            return Change(claim.doc.id, removed, (record,))

        return self._transact(claim.doc, decide)

    def apply(self, doc: Document, change: Change) -> DocumentAnnotations:
        """Write ``change`` (an undo or redo) over what is on disk now, under the lock.

        Where the disk holds a record newer than the one the change replaces
        (another process changed it since), the newer one is kept.
        """
        self._transact(doc, lambda state: change, merge_newer=True)
        return self.load(doc)

    def _transact(
        self,
        doc: Document,
        decide: Callable[[DocumentAnnotations], Change],
        *,
        merge_newer: bool = False,
    ) -> Change:
        """Read the file, ``decide`` the change on it and write it, all under the lock.

        ``decide`` sees the document as it is on disk now and returns the
        change; its records are replaced exactly (``merge_newer``: merged
        record by record, newest wins, for a change decided earlier).
        Raises ``ReadOnlyDocument`` for a file that does not parse and
        ``SaveError`` (an ``OSError`` naming the annotation file) when the
        save fails.
        """
        path = self.path_for(doc)
        try:
            with locked(self.lock_path):
                try:
                    stored = read(path)
                except AnnotationFileError as error:
                    self._cache[doc.id] = DocumentAnnotations(doc, path, error=error)
                    raise ReadOnlyDocument(error.path, error.reason, error.line) from None
                state = self._anchor(doc, path, stored)
                self._cache[doc.id] = state
                change = decide(state)
                if not change.removed and not change.added:
                    return change  # nothing to save: do not create an empty file
                if stored is None:
                    stored = AnnotationFile(document=doc.path.name)
                if merge_newer:
                    stored.records = merge(stored.records, change)
                else:
                    gone = {id(r) for r in change.removed}
                    kept = [r for r in stored.records if id(r) not in gone]
                    stored.records = kept + list(change.added)
                stored.sha256 = doc.sha256
                self._write(path, stored.dumps())
        except LockError as error:
            if error.errno in (errno.ELOOP, errno.EINVAL):  # the lock file itself is wrong
                raise SaveError(path, f"{error.filename} {error.strerror}") from None
            raise SaveError(path, f"cannot be written ({error.strerror})") from None
        except DurabilityError as error:
            self._cache.pop(doc.id, None)
            raise SaveError(
                path,
                f"written, but its folder could not be synced ({error.strerror})",
                written=True,
            ) from None
        except OSError as error:
            if isinstance(error, SaveError):
                raise
            self._cache.pop(doc.id, None)
            raise SaveError(path, error.strerror or str(error)) from None
        self._cache[doc.id] = self._anchor(doc, path, stored)
        return change

    def _write(self, path: Path, text: str) -> None:
        """Save one annotation file; call with the lock held."""
        remove_stale_temps(path.parent, suffix=".toml")
        write_atomic(path, text)
        ignore = self.folder / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            write_atomic(ignore, GITIGNORE)


GITIGNORE = """\
# Written by factcheck: the lock and unfinished saves never belong in git.
.lock
.*.tmp
"""


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
