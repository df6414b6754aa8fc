"""Annotation files other processes change while the reader runs: another analyst, a git pull.

The open documents' files are checked every few seconds (one ``stat`` each,
:class:`~tui.app.watch.AnnotationWatch`) and before any change is decided on,
so a tag is never written over one made elsewhere that the screen has not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.model import Document
from tui.core.store import DocumentAnnotations

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen


class DiskChanges:
    """The reader's view of its documents' annotation files as they are on disk now."""

    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader

    def poll(self) -> list[Document]:
        """Reload the open documents whose annotation file changed on disk; returns them."""
        reader = self.reader
        changed = reader.watch.changed_among(view.doc for view in reader.views)
        for doc in changed:
            self.reload(doc)
        return changed

    def fresh(self, doc: Document) -> DocumentAnnotations:
        """``doc``'s annotations as on disk now, before a change is decided on."""
        reader = self.reader
        if not reader.watch.watching(doc):  # no pane shows it (an undo after closing)
            state = reader.store.load(doc, refresh=True)
            reader.live_index.sync(doc)
            return state
        if reader.watch.changed(doc):
            self.reload(doc)
        return reader.store.load(doc)

    def reload(self, doc: Document) -> None:
        """Read ``doc``'s file again and repaint all that shows it."""
        reader = self.reader
        notice = reader.watch.reload(doc, reader.short_id(doc))
        reader.document_changed(doc)
        if notice is not None:
            reader.notify(notice.text, severity=notice.severity, markup=False)
