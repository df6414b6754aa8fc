"""The search index's life in a running reader: pending, building, ready or failed.

Claims are indexed once, in a worker thread (:meth:`LiveIndex.build`); every
document's notes follow at once (:meth:`LiveIndex.load_notes`, from the notes
cache: only files changed since the last run are parsed), and then document
by document (:meth:`LiveIndex.sync`) as the store reads or writes them, so
``/`` finds any note as it is on disk now, whether or not a pane shows it.
"""

from __future__ import annotations

import threading
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from tui.core.corpus import Corpus
from tui.core.model import Document
from tui.core.store import AnnotationStore

if TYPE_CHECKING:
    from tui.core.match import Aliases
    from tui.core.search import SearchIndex


class IndexState(Enum):
    PENDING = "pending"
    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"


class LiveIndex:
    """One corpus's search index, built once, with notes kept in step with the store."""

    def __init__(self, corpus: Corpus, store: AnnotationStore) -> None:
        self.corpus = corpus
        self.store = store
        self.state = IndexState.PENDING
        self.error: BaseException | None = None
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._notes: dict[str, dict[int, str]] | None = None
        """Per document id, the notes the index holds by claim index (``None``: not
        loaded yet, :meth:`load_notes`)."""
        self._notes_lock = threading.Lock()
        self._missed: set[Document] = set()
        """Documents synced while the notes were loading: synced again after."""

    @property
    def index(self) -> SearchIndex | None:
        """The index when ready, else ``None`` (never blocks)."""
        return self._index if self.state is IndexState.READY else None

    @cached_property
    def aliases(self) -> Aliases:
        """The alias table matching uses: the shipped one with the project's
        ``aliases.toml`` over it, or the shipped one alone when the project's cannot
        be read (:attr:`alias_problem` then says why, for the reader to tell)."""
        from tui.core.match import AliasError, load_aliases

        try:
            return load_aliases(self.store.folder)
        except AliasError as error:
            self.alias_problem = f"{error}; matching uses the shipped alias table."
            return load_aliases()

    alias_problem = ""

    @property
    def notes_loaded(self) -> bool:
        return self._notes is not None

    def build(self) -> SearchIndex | None:
        """Build the index once (any thread); a second caller waits for the first.

        Returns ``None`` when building failed (``error`` says why).
        """
        with self._lock:
            if self.state in (IndexState.PENDING, IndexState.BUILDING):
                self.state = IndexState.BUILDING
                from tui.core.search import SearchIndex

                try:
                    self._index = SearchIndex.build(self.corpus)
                except Exception as error:  # a bug or a pathological corpus: say so, go on
                    self.error = error
                    self.state = IndexState.FAILED
                else:
                    self.state = IndexState.READY
        return self.index

    def invalidate(self) -> None:
        """A document was loaded again or added: the index must be built afresh (:meth:`build`)."""
        with self._lock:
            self.state = IndexState.PENDING
            self._index = None
            self._notes = None

    def load_notes(self) -> SearchIndex | None:
        """The index (built first if need be) with every document's notes (any thread, once).

        A document synced meanwhile (a note just written) is synced again after,
        so the index never keeps a note older than the store's.
        """
        index = self.build()
        if index is None:
            return None
        with self._notes_lock:
            if self._notes is None:
                from tui.core.search.notes_cache import notes_of

                found = notes_of(self.corpus, self.store)
                notes: dict[str, dict[int, str]] = {}
                for claim, text in found:
                    notes.setdefault(claim.doc.id, {})[claim.index] = text
                index.set_notes(found)
                self._notes = notes
                missed, self._missed = self._missed, set()
                for doc in missed:
                    self.sync(doc)
        return index

    def sync(self, doc: Document) -> None:
        """Make the index hold ``doc``'s notes as the store has them now (read or just written).

        Only the notes that differ are handed over (the index re-indexes its
        notes on the next search); a cleared or orphaned record has no note
        here, so its note leaves the index.
        """
        indexed, index = self._notes, self._index
        if indexed is None or index is None:
            if self._notes_lock.locked():
                self._missed.add(doc)  # loading: synced once loaded
            return
        notes = {
            i: anchored.record.note
            for i, anchored in self.store.load(doc).by_claim.items()
            if anchored.record.note
        }
        before = indexed.get(doc.id, {})
        if notes == before:
            return
        for i, note in notes.items():
            if before.get(i) != note:
                index.set_note(doc.claims[i], note)
        for i in before.keys() - notes.keys():
            index.set_note(doc.claims[i], None)
        if notes:
            indexed[doc.id] = notes
        else:
            indexed.pop(doc.id, None)
