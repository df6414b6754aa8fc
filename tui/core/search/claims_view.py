"""Every claim of a corpus by position, without making the claims nobody reads.

A corpus loaded from the claims cache defers its claim objects
(:meth:`tui.core.model.Document.defer`); the search index numbers claims
across the corpus, and this view maps a number to its claim, filling only
the document it belongs to. A one-shot search thus makes the claims of the
few documents its candidates come from, not 70k.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from tui.core.model import Claim, Document


class CorpusClaims(Sequence[Claim]):
    """The claims of ``documents`` in order, as one sequence."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = list(documents)
        starts = [0]
        for doc in self.documents:
            starts.append(starts[-1] + doc.claim_count)
        self._starts = starts

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, position: int) -> Claim: ...

    @overload
    def __getitem__(self, position: slice) -> list[Claim]: ...

    def __getitem__(self, position: int | slice) -> Claim | list[Claim]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        n = bisect_right(self._starts, position) - 1
        return self.documents[n].claim_object(position - self._starts[n])

    def text(self, position: int) -> str:
        """``self[position].text``, without making the claims of its document."""
        n = bisect_right(self._starts, position) - 1
        return self.documents[n].claim_text(position - self._starts[n])

    def __iter__(self) -> Iterator[Claim]:
        for doc in self.documents:
            yield from doc.claims

    def ranges(self) -> Iterator[tuple[str, int, int]]:
        """``(document id, first position, end position)`` of each document."""
        starts = self._starts
        for n, doc in enumerate(self.documents):
            yield doc.id, starts[n], starts[n + 1]


def doc_ranges(claims: Sequence[Claim]) -> Iterator[tuple[str, int, int]]:
    """:meth:`CorpusClaims.ranges` for any sequence of claims grouped by document."""
    if isinstance(claims, CorpusClaims):
        yield from claims.ranges()
        return
    current: Document | None = None
    first = 0
    for i, claim in enumerate(claims):
        if claim.doc is not current:
            if current is not None:
                yield current.id, first, i
            current, first = claim.doc, i
    if current is not None:
        yield current.id, first, len(claims)
