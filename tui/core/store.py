"""Reading and saving annotations, safely, from any number of processes and analysts.

Each analyst writes only their own file, ``annotations/<analyst slug>/<doc>.toml``
(docs/format.md, "Annotation files"), so analysts never overwrite each other,
on one machine or through git. Every change is read, decided and written under
one exclusive lock: the files are read again, the caller's decision made on what
they hold now, and the result written atomically, so a note another process
saved a moment ago is never replaced by one this process saw earlier. A file
that does not parse is never written: its document is read-only for its analyst
(for everyone, if it is the shared format 1 file) until it is fixed.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from tui.core.anchoring import Anchored, anchor_records
from tui.core.atomic import (
    DurabilityError,
    LockError,
    ignore_in_git,
    locked,
    remove_stale_temps,
    write_atomic,
)
from tui.core.changes import ANY, Change, Conflict, ReadOnlyDocument, SaveError, merge
from tui.core.document_annotations import DocumentAnnotations
from tui.core.folder import (
    Loaded,
    Stamp,
    analyst_folders,
    file_stamp,
    legacy_path,
    load_files,
    stamps_by_document,
)
from tui.core.folder import own_path as _own_path
from tui.core.model import Claim, Document
from tui.core.records import CLEARED, CONTEXT, Annotation, AnnotationFile, epoch, stamp_after

__all__ = [
    "ANY",
    "AnnotationStore",
    "Change",
    "Conflict",
    "DocumentAnnotations",
    "ReadOnlyDocument",
    "SaveError",
    "merge",
]


class AnnotationStore:
    """The ``annotations/`` folder: every analyst's files; this store writes ``analyst``'s."""

    def __init__(self, folder: Path, analyst: str = "") -> None:
        self.folder = Path(folder)
        self.analyst = analyst
        self._cache: dict[str, DocumentAnnotations] = {}
        self._cache_lock = threading.Lock()
        """Held to put a state in the cache: a read (the search's threads read too)
        never puts back a state older than one a save put there meanwhile."""
        self._folders: list[Path] | None = None

    def path_for(self, doc: Document) -> Path:
        """Where this analyst's tags on ``doc`` go (the format 1 file when no analyst is set)."""
        if not self.analyst:
            return legacy_path(self.folder, doc.id)
        return _own_path(self.folder, self.analyst, doc.id)

    def legacy_path(self, doc: Document) -> Path:
        """The format 1 file of ``doc``: read, never written."""
        return legacy_path(self.folder, doc.id)

    @property
    def lock_path(self) -> Path:
        return self.folder / ".lock"

    def analyst_folders(self, *, rescan: bool = False) -> list[Path]:
        if rescan or self._folders is None:
            self._folders = analyst_folders(self.folder)
        return self._folders

    def listed_stamps(self) -> dict[str, tuple[tuple[Path, Stamp], ...]]:
        """:meth:`stamp` of every document some file may hold tags on, one listing a folder:
        no lookup of the paths a document has no file at (most, on a big corpus)."""
        folders = [self.folder, *self.analyst_folders(rescan=True)]
        own = _own_path(self.folder, self.analyst, "-").parent if self.analyst else None
        if own is not None and own not in folders:
            folders.append(own)  # a link, not a real folder: stamp() tries it too
        return stamps_by_document(folders)

    def files_for(self, doc: Document, *, rescan: bool = True) -> list[Path]:
        """Every file that may hold tags on ``doc``: format 1, each analyst's, and ours.

        ``rescan=False`` trusts the analysts' folders as last listed (a caller
        visiting every document lists them once first).
        """
        paths = [self.legacy_path(doc)]
        paths += [folder / f"{doc.id}.toml" for folder in self.analyst_folders(rescan=rescan)]
        if self.analyst and self.path_for(doc) not in paths:
            paths.append(self.path_for(doc))
        return paths

    def stamp(self, doc: Document, *, rescan: bool = True) -> tuple[tuple[Path, Stamp], ...]:
        """What changes when any analyst's file of ``doc`` is written, added or removed."""
        stamps = ((path, file_stamp(path)) for path in self.files_for(doc, rescan=rescan))
        return tuple((path, stamp) for path, stamp in stamps if stamp is not None)

    def label_of(self, claim: Claim) -> str | None:
        """The team's label on ``claim``: what search filters and similar compare."""
        return self.load(claim.doc).label(claim)

    def status_of(self, claim: Claim) -> str:
        """The claim's status for the team: unreviewed, tagged, contested or settled."""
        return self.load(claim.doc).status(claim).value

    def load(self, doc: Document, *, refresh: bool = False) -> DocumentAnnotations:
        """The document's annotations, read once and cached until changed.

        The cache holds for this very ``Document``: a document loaded again
        (its text may have changed) is anchored afresh. ``refresh`` also looks
        for analysts' folders that appeared since.
        """
        cached = self._cache.get(doc.id)
        if not refresh and cached is not None and cached.doc is doc:
            return cached
        loaded = load_files(self.folder, doc.id, self.analyst_folders(rescan=refresh))
        state = self._build(doc, loaded)
        with self._cache_lock:
            now = self._cache.get(doc.id)
            if not refresh and now is not cached and now is not None and now.doc is doc:
                return now  # put there while we read: as new as ours, or newer (a save)
            self._cache[doc.id] = state
        return state

    def _build(self, doc: Document, loaded: Loaded) -> DocumentAnnotations:
        own = self.path_for(doc) if self.analyst else None
        anchored: list[Anchored] = []
        for analyst in loaded.analysts():
            anchored += anchor_records(doc, loaded.records_of(analyst))
        own_file = loaded.by_path.get(own) if own else None
        return DocumentAnnotations(
            doc,
            self.path_for(doc),
            anchored,
            error=(loaded.errors.get(own) if own else None) or loaded.legacy_error,
            stored_sha256=loaded.sha256,
            analyst=self.analyst,
            warnings=[error for path, error in loaded.errors.items() if path != own],
            own_records=list(own_file.records) if own_file else [],
        )

    def make_record(
        self,
        claim: Claim,
        label: str,
        *,
        note: str = "",
        sources: Iterable[str] = (),
        base: Annotation | None = None,
        verdict: bool = False,
        own_label: str = "",
    ) -> Annotation:
        """A record of this analyst's quoting ``claim`` now, keeping ``base``'s unknown keys.

        Its ``updated`` stamp is later than ``base``'s even if the clock is
        behind the one that stamped ``base``, so "newest wins" keeps it.
        """
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
            analyst=self.analyst,
            updated=stamp_after(base),
            extra=dict(base.extra) if base else {},
            verdict=verdict,
            own_label=own_label if verdict else "",
        )

    def set(
        self,
        claim: Claim,
        label: str | None,
        *,
        note: str | None = None,
        sources: Iterable[str] | None = None,
        base: Annotation | object | None = ANY,
        verdict: bool = False,
    ) -> Change:
        """Tag ``claim`` as this analyst (``label=None`` clears your tag).

        A note or sources not given are kept from your current tag. Your
        record is read, decided on and written under one lock, so a note
        saved by another process a moment earlier is kept. Pass ``base`` (the
        record the caller showed, or ``None`` for "untagged") to save only if
        your tag is still that: otherwise ``Conflict`` is raised with both
        versions and nothing is written.

        ``verdict=True`` saves the tag as your verdict, which settles the
        claim for the team. Any other save of your tag (a plain retag, a note
        edit) writes no verdict: pass ``verdict=True`` again to keep one;
        ``Change.withdrew_verdict`` says when a save dropped it. A verdict keeps
        the label you had tagged the claim with as its ``own_label``.
        """
        keep_sources = list(sources) if sources is not None else None

        def decide(state: DocumentAnnotations) -> Change:
            anchored = state.mine(claim)
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
                verdict=verdict,
                own_label=current.own_rating if current else "",
            )
            return Change(claim.doc.id, removed, (record,))

        return self._transact(claim.doc, decide)

    def attach(self, orphan: Annotation, claim: Claim) -> Change:
        """Re-attach an orphaned record to ``claim``, keeping its label, note and sources.

        Your own orphan moves; another analyst's is copied as your tag (their
        file is theirs: the orphan stays in it).
        """

        def decide(state: DocumentAnnotations) -> Change:
            found = next((a.record for a in state.anchored if a.record == orphan), None)
            if found is None:
                raise Conflict(claim, orphan, None)  # re-attached or removed meanwhile
            current = state.mine(claim)
            if found.analyst != self.analyst:
                record = self.make_record(
                    claim, found.label, note=found.note, sources=found.sources, base=current
                )
                return Change(claim.doc.id, (current.record,) if current else (), (record,))
            record = self.make_record(
                claim,
                orphan.label,
                note=orphan.note,
                sources=orphan.sources,
                base=orphan,
                verdict=orphan.verdict,
                own_label=orphan.own_label,
            )
            removed = (found, current.record) if current else (found,)
            return Change(claim.doc.id, removed, (record,))

        return self._transact(claim.doc, decide)

    def apply(self, doc: Document, change: Change) -> DocumentAnnotations:
        """Write ``change`` (an undo or redo) to your file over what is on disk now.

        Where the file holds a record newer than the one the change replaces
        (another process of yours changed it since), the newer one is kept.
        """
        self._transact(doc, lambda state: change, undo=True)
        return self.load(doc)

    def _transact(
        self, doc: Document, decide: Callable[[DocumentAnnotations], Change], *, undo: bool = False
    ) -> Change:
        """Read the files, ``decide`` the change on them and write it, all under the lock.

        ``decide`` sees the document as it is on disk now and returns the
        change, whose records may come from the format 1 file; they are
        turned into a change of this analyst's own file (``undo``: the change
        is of that file already, and merged newest-wins). Raises
        ``ReadOnlyDocument`` for a file that does not parse and ``SaveError``
        (an ``OSError`` naming the annotation file) when the save fails.
        """
        path = self.path_for(doc)
        if not self.analyst:
            raise SaveError(path, "no analyst name to save under (give --analyst NAME)")
        try:
            with locked(self.lock_path):
                loaded = load_files(self.folder, doc.id, self.analyst_folders(rescan=True))
                state = self._build(doc, loaded)
                with self._cache_lock:
                    self._cache[doc.id] = state
                if state.error is not None:
                    error = state.error
                    raise ReadOnlyDocument(error.path, error.reason, error.line)
                stored = loaded.by_path.get(path) or AnnotationFile(doc.path.name)
                if stored.analyst and stored.analyst != self.analyst:
                    raise SaveError(
                        path,
                        f"holds the tags of {stored.analyst!r}, whose name folds to the same "
                        f"folder as {self.analyst!r}; tag under another --analyst name",
                    )
                change = decide(state)
                if not undo:
                    change = self._own_change(loaded, stored, change)
                if not change.removed and not change.added:
                    return change  # nothing to save: do not create an empty file
                if undo:
                    records = merge(stored.records, change)
                else:
                    gone = {id(r) for r in change.removed}
                    records = [r for r in stored.records if id(r) not in gone]
                    records += change.added
                stored = replace(
                    stored, records=records, sha256=doc.sha256, analyst=self.analyst, format=2
                )
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
        except SaveError:
            raise
        except OSError as error:
            self._cache.pop(doc.id, None)
            raise SaveError(path, error.strerror or str(error)) from None
        if path.parent not in self.analyst_folders():
            self.analyst_folders(rescan=True)  # our first save made our folder
        loaded.by_path[path] = stored
        loaded.files[self.analyst] = stored
        state = self._build(doc, loaded)
        with self._cache_lock:
            self._cache[doc.id] = state
        return change

    def _own_change(self, loaded: Loaded, stored: AnnotationFile, change: Change) -> Change:
        """``change`` as a change of this analyst's own file.

        A removed record that lives in the format 1 file cannot be deleted
        there (it is never rewritten): a "cleared" record with a newer stamp
        hides it instead. Your own records with the key of an added one are
        replaced by it.
        """
        own_ids = {id(r) for r in stored.records}
        new_keys = {r.key for r in change.added}
        removed = [r for r in change.removed if id(r) in own_ids]
        removed += [
            r for r in stored.records if r.key in new_keys and all(r is not x for x in removed)
        ]
        legacy = (
            [r for r in loaded.legacy.records if r.analyst == self.analyst] if loaded.legacy else []
        )
        hidden = []
        for key in sorted({r.key for r in change.removed} - new_keys):
            older = [r for r in legacy if r.key == key]
            if older:
                newest = max(older, key=lambda r: r.updated or epoch())
                hidden.append(
                    replace(
                        newest,
                        label=CLEARED,
                        note="",
                        sources=[],
                        verdict=False,
                        own_label="",
                        extra={},
                        updated=stamp_after(newest),
                    )
                )
        return Change(change.doc_id, tuple(removed), (*change.added, *hidden))

    def _write(self, path: Path, text: str) -> None:
        """Save one annotation file; call with the lock held."""
        remove_stale_temps(path.parent, suffix=".toml")
        write_atomic(path, text)
        ignore_in_git(self.folder, GITIGNORE)


GITIGNORE = """\
# Written by factcheck: the lock and unfinished saves never belong in git.
.lock
.*.tmp
"""
