"""The search index's life in a running reader: pending, building, ready or failed.

Claims are indexed once, in a worker thread (:meth:`LiveIndex.build`); notes
come from the store, which only the reader's own thread uses, and are handed
to the index document by document (:meth:`LiveIndex.sync`) as the store reads
or writes them, so ``/`` finds a note as it is on disk now.
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
        """Per document id, the notes the index holds by claim index (``None``: notes
        not tracked yet; :meth:`track_notes` starts it on the reader's thread)."""

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
    def tracking_notes(self) -> bool:
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

    def track_notes(self, docs: list[Document]) -> list[Document]:
        """Start keeping notes in step (reader thread); returns ``docs`` left to :meth:`sync`."""
        if self._notes is None and self.state is IndexState.READY:
            self._notes = {}
            return list(docs)
        return []

    def sync(self, doc: Document) -> None:
        """Make the index hold ``doc``'s notes as the store has them now (read or just written).

        Only the notes that differ are handed over (the index re-indexes its
        notes on the next search); a cleared or orphaned record has no note
        here, so its note leaves the index.
        """
        indexed, index = self._notes, self._index
        if indexed is None or index is None:
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
