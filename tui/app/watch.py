"""Noticing annotation files changed by another process while the reader shows them.

The store re-reads and merges a file under its lock on every save, so nothing
is ever lost; but what the panes draw comes from the store's cache, which
another process (``factcheck tag``, a second reader, a hand edit) makes stale.
The reader therefore remembers the stamp of each open document's file as it
last read or wrote it, and compares it now and then (a few ``stat`` calls: one
per open document, never the whole corpus).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tui.core.model import Document
from tui.core.store import AnnotationStore, DocumentAnnotations

Stamp = tuple[int, int, int] | None
"""(inode, mtime in ns, size) of a file; ``None`` when there is no file."""


def file_stamp(path: Path) -> Stamp:
    """What changes whenever ``path`` is written.

    Saves are atomic (a new file renamed over the old one), so the inode
    differs after every save, even two in one clock tick that keep the size.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # unreadable folder: a stable stamp, so no reload loop
        return (-1, -1, error.errno or 0)
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class AnnotationWatch:
    """The stamps of the watched documents' files, as this process last saw them."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self._seen: dict[str, Stamp] = {}

    def load(self, doc: Document) -> DocumentAnnotations:
        """Read ``doc``'s annotations afresh and watch its file from now on.

        The stamp is taken before the read: a save landing in between makes
        the next check see a change (one reload too many, never one too few).
        """
        self._seen[doc.id] = file_stamp(self.store.path_for(doc))
        return self.store.load(doc, refresh=True)

    def watching(self, doc: Document) -> bool:
        return doc.id in self._seen

    def changed(self, doc: Document) -> bool:
        """The file differs from what this process last read or wrote."""
        return doc.id in self._seen and file_stamp(self.store.path_for(doc)) != self._seen[doc.id]

    def saved(self, doc: Document) -> None:
        """After a save of our own: the file now holds what the store's cache holds.

        The store releases its lock only after the new file is renamed and
        synced; another writer would have to read, write and ``fsync`` its own
        save within the microseconds before this ``stat`` to go unnoticed.
        """
        if doc.id in self._seen:
            self._seen[doc.id] = file_stamp(self.store.path_for(doc))

    def keep_only(self, doc_ids: Iterable[str]) -> None:
        """Stop watching documents no pane shows (reopened, they are read afresh)."""
        keep = set(doc_ids)
        for doc_id in [d for d in self._seen if d not in keep]:
            del self._seen[doc_id]
