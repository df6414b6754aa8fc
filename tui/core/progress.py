"""How much of the corpus is reviewed: tagged claims per document, counted lazily.

Reading every annotation file may take a while on a large corpus, so the count
fills in a few documents at a time (:meth:`Progress.count_some`); until every
document is counted, :meth:`Progress.text` says only how many articles there are.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.corpus import Corpus
from tui.core.model import Document
from tui.core.store import AnnotationStore


def plural(count: int, word: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class Progress:
    """Tagged claims per document, as the store has them."""

    def __init__(
        self,
        corpus: Corpus,
        store: AnnotationStore,
        *,
        on_read: Callable[[Document], None] | None = None,
    ) -> None:
        """``on_read``: called with each document whose annotations are read for the count."""
        self.corpus = corpus
        self.store = store
        self.on_read = on_read
        self._tagged: dict[str, int] = {}

    def tagged(self, doc: Document) -> int:
        """Tagged claims in ``doc`` (read now if it was not counted yet)."""
        if doc.id not in self._tagged:
            self._tagged[doc.id] = self.store.load(doc).tagged
            if self.on_read is not None:
                self.on_read(doc)
        return self._tagged[doc.id]

    def counted(self, doc: Document) -> bool:
        return doc.id in self._tagged

    @property
    def counted_documents(self) -> list[Document]:
        return [doc for doc in self.corpus.documents if doc.id in self._tagged]

    def uncounted(self) -> list[Document]:
        return [doc for doc in self.corpus.documents if doc.id not in self._tagged]

    @property
    def complete(self) -> bool:
        return len(self._tagged) >= len(self.corpus.documents) and not self.uncounted()

    def count_some(self, limit: int) -> bool:
        """Count up to ``limit`` more documents; ``True`` when every document is counted."""
        missing = self.uncounted()
        for doc in missing[:limit]:
            self.tagged(doc)
        return len(missing) <= limit

    def update(self, doc: Document) -> None:
        """``doc``'s annotations changed (a save, a reload): count it again."""
        self._tagged[doc.id] = self.store.load(doc).tagged

    def text(self) -> str:
        """``12/370 claims reviewed (3%) · 5 articles`` (only the articles until counted)."""
        docs = self.corpus.documents
        articles = plural(len(docs), "article")
        if not self.complete:
            return articles
        total = sum(doc.claim_count for doc in docs)  # no Claim objects made for this
        tagged = sum(self._tagged.values())
        share = f" ({percent(tagged, total)})" if total else ""
        return f"{tagged}/{total} claims reviewed{share} · {articles}"


def percent(reviewed: int, total: int) -> str:
    """``3%``: the share reviewed, as the header, the exports and ``stats`` round it."""
    return f"{100 * reviewed / total:.0f}%" if total else "–"
