"""Noticing annotation files changed by another process while the reader shows them.

The store re-reads and merges a file under its lock on every save, so nothing
is ever lost; but what the panes draw comes from the store's cache, which
another process (``factcheck tag``, a second reader, a hand edit) makes stale.
The reader therefore remembers the stamp of each open document's files (every
analyst's) as it last read or wrote them, and compares them now and then (a few
``stat`` calls per open document, never the whole corpus).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core import metadata
from tui.core.display import display
from tui.core.model import Document
from tui.core.store import AnnotationStore, DocumentAnnotations

Stamp = object
"""What ``AnnotationStore.stamp`` gives: it changes when any analyst's file of
the document is written, added or removed (saves are atomic renames, so the
inode differs after every save, even two in one clock tick)."""


@dataclass(frozen=True)
class Notice:
    """What to tell the analyst after a reload (the screen shows it as a toast)."""

    text: str
    severity: str = "information"


class AnnotationWatch:
    """The stamps of the watched documents' files, as this process last saw them."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self._seen: dict[str, Stamp] = {}
        self._texts: dict[str, Stamp] = {}

    def load(self, doc: Document) -> DocumentAnnotations:
        """Read ``doc``'s annotations afresh and watch its file from now on.

        The stamp is taken before the read: a save landing in between makes
        the next check see a change (one reload too many, never one too few).
        """
        self._seen[doc.id] = self.store.stamp(doc)
        self._texts.setdefault(doc.id, text_stamp(doc))
        return self.store.load(doc, refresh=True)

    def watching(self, doc: Document) -> bool:
        return doc.id in self._seen

    def changed(self, doc: Document) -> bool:
        """The file differs from what this process last read or wrote."""
        return doc.id in self._seen and self.store.stamp(doc) != self._seen[doc.id]

    def saved(self, doc: Document) -> None:
        """After a save of our own: the file now holds what the store's cache holds.

        The store releases its lock only after the new file is renamed and
        synced; another writer would have to read, write and ``fsync`` its own
        save within the microseconds before this ``stat`` to go unnoticed.
        """
        if doc.id in self._seen:
            self._seen[doc.id] = self.store.stamp(doc)

    def keep_only(self, doc_ids: Iterable[str]) -> None:
        """Stop watching documents no pane shows (reopened, they are read afresh)."""
        keep = set(doc_ids)
        for doc_id in [d for d in self._seen if d not in keep]:
            del self._seen[doc_id]
            self._texts.pop(doc_id, None)

    def changed_among(self, docs: Iterable[Document]) -> list[Document]:
        """Of the documents shown now, those whose files changed; the rest are no longer watched."""
        shown = list({doc.id: doc for doc in docs}.values())
        self.keep_only(doc.id for doc in shown)
        return [doc for doc in shown if self.changed(doc)]

    def texts_changed_among(self, docs: Iterable[Document]) -> list[Document]:
        """Of the watched documents in ``docs``, those whose text or metadata file changed
        since first watched (or :meth:`text_read`): two ``stat`` calls per document."""
        shown = {doc.id: doc for doc in docs if doc.id in self._texts}
        return [doc for doc in shown.values() if text_stamp(doc) != self._texts[doc.id]]

    def text_read(self, doc: Document) -> None:
        """``doc`` was read again (or that failed and was said): its files as they are now."""
        self._texts[doc.id] = text_stamp(doc)

    def reload(self, doc: Document, name: str) -> Notice | None:
        """Read ``doc`` afresh; what to say if it became read-only (or writable again)."""
        was_read_only = self.store.load(doc).read_only
        state = self.load(doc)
        if state.error is not None and not was_read_only:
            return Notice(
                f"{display(name)} is read-only now: {display(str(state.error))}", "warning"
            )
        if state.error is None and was_read_only:
            return Notice(f"{display(name)} can be tagged again: its file reads fine.")
        return None


def _stat(path: os.PathLike[str] | str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def text_stamp(doc: Document) -> Stamp:
    """What changes when ``doc``'s text, or its metadata file (the team's corrected claim
    boundaries), is written: an editor's save and ``git pull`` alike."""
    return (_stat(doc.path), _stat(metadata.path_for(doc.path, doc.id)))
