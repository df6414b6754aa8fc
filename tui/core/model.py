"""The corpus model: documents, their blocks and claims, and labels."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from tui.core import labels
from tui.core.blocks import Block, BlockKind


class Label(StrEnum):
    """The built-in labels by name; their definition (keys, letters) is :mod:`tui.core.labels`."""

    SOURCED = "sourced"
    DISPUTED = "disputed"
    OPINION = "opinion"
    SKIP = "skip"

    @property
    def letter(self) -> str:
        """The margin letter, so a tag reads without colour (``NO_COLOR``)."""
        return labels.letter(self.value)


def __getattr__(name: str) -> object:
    """``LABELS``: the label values as :func:`tui.core.labels.label_names` gives them now."""
    if name == "LABELS":
        return labels.label_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ClaimKind(StrEnum):
    CLAIM = "claim"
    HEADING = "heading"


CLAIM_KINDS = tuple(ClaimKind)
"""Kinds by their code in the claims cache (:mod:`tui.core.cache`) and deferred spans."""


class ClaimIds(Sequence[str]):
    """Claim ids as the claims cache holds them, an id a line, split when first read.

    A warm one-shot search of 1,000 articles hashes every document's ids (the
    key of its search index: :func:`tui.core.search.persist.document_key`) but
    reads the ids of the few documents its hits are in: splitting all 70k of
    them into strings took 2.5 ms of it, and joining them again for the key 1.5 ms.
    """

    __slots__ = ("_count", "_ids", "text")

    def __init__(self, text: str, count: int) -> None:
        self.text = text
        """The ids, each but the last followed by a newline."""
        self._count = count
        self._ids: list[str] | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[no-untyped-def]  # an int or a slice
        return self._split()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._split())

    def _split(self) -> list[str]:
        ids = self._ids
        if ids is None:  # two threads may both split: to equal lists
            ids = self._ids = self.text.split("\n") if self.text else []
        return ids


def ids_text(ids: Sequence[str]) -> str:
    """``"\\n".join(ids)``, without splitting and joining again ids held as :class:`ClaimIds`."""
    return ids.text if isinstance(ids, ClaimIds) else "\n".join(ids)


@dataclass(frozen=True, slots=True, eq=False)
class Claim:
    """One sentence of a paragraph, or a whole heading.

    The text is not stored but sliced from the document on demand: on a large
    corpus a second copy of every sentence would double the memory.
    """

    doc: Document
    index: int
    """0-based position in the document; users see ``number`` (1-based)."""
    id: str
    start: int
    end: int
    kind: ClaimKind
    block: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def ref(self) -> str:
        """``DOC:CLAIM`` as the command line takes it."""
        return f"{self.doc.id}:{self.id}"

    def __repr__(self) -> str:
        return f"Claim({self.doc.id}:{self.id} {self.start}..{self.end})"


@dataclass(eq=False)
class Document:
    """One article: its text, blocks and claims (the latter two made on first use if deferred)."""

    id: str
    path: Path
    text: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def defer(
        self,
        fill: Callable[[], tuple[list[Block], list[Claim]]],
        ids: Sequence[str],
        spans: Sequence[int] = (),
        heading: Callable[[], tuple[int, int] | None] | None = None,
    ) -> None:
        """Let ``fill()`` make :attr:`blocks` and :attr:`claims` when they are first used.

        ``ids`` are the ids the claims will have, ``spans`` their start, end,
        kind and block, four numbers a claim (for :meth:`claim_text`). A corpus read from the
        claims cache builds no claim object it does not use: a one-shot search
        of 70k claims reads a few hundred, and ~3 µs apiece is most of a warm
        start otherwise. Reading or assigning either field fills both first.
        ``heading()``: where the first heading is (for :attr:`title`, which a
        search shows for every hit), without making the blocks.
        """
        self.__dict__["_pending"] = (fill, ids, spans, heading)

    @property
    def claim_ids(self) -> list[str]:
        """The claims' ids in order, without making the claims if they are deferred."""
        pending = self.__dict__.get("_pending")
        return list(pending[1]) if pending else [claim.id for claim in self.claims]

    @property
    def claim_ids_text(self) -> str:
        """The claims' ids joined by newlines, without making the claims if they are deferred
        (nor splitting ids that came from the claims cache as one text)."""
        pending = self.__dict__.get("_pending")
        return ids_text(pending[1]) if pending else "\n".join(claim.id for claim in self.claims)

    @property
    def claim_count(self) -> int:
        pending = self.__dict__.get("_pending")
        return len(pending[1]) if pending else len(self.claims)

    def defer_text(self, text: Callable[[], str], length: int) -> None:
        """Let ``text()`` give :attr:`text` when it is first read (``length`` characters)."""
        attributes = self.__dict__
        attributes.pop("_text", None)
        attributes["_text_source"] = text
        attributes["_text_length"] = length

    @property
    def text_length(self) -> int:
        """``len(self.text)``, without reading a deferred text."""
        length = self.__dict__.get("_text_length")
        return length if length is not None else len(self.text)

    def claim_object(self, index: int) -> Claim:
        """``self.claims[index]``, made alone if the claims are deferred.

        The same object the full list will hold when it is made (claims
        compare by identity), so a one-shot search makes the twenty claims it
        shows, not the 70 of each document they come from.
        """
        with _FILLING:
            pending = self.__dict__.get("_pending")
            if pending is None or not pending[2]:
                made = None
            else:
                early: dict[int, Claim] = self.__dict__.setdefault("_early", {})
                made = early.get(index)
                if made is None:
                    if not 0 <= index < len(pending[1]):
                        raise IndexError(index)
                    made = early[index] = claim_from_spans(self, index, pending[1], pending[2])
        return made if made is not None else self.claims[index]

    def claim_text(self, index: int) -> str:
        """The text of claim ``index`` (0-based), without making the claims if they are deferred."""
        pending = self.__dict__.get("_pending")
        if pending and pending[2]:
            spans = pending[2]
            return self.text[spans[4 * index] : spans[4 * index + 1]]
        return self.claims[index].text

    @cached_property
    def title(self) -> str:
        """The first heading, else the first sentence, else the file name."""
        pending = self.__dict__.get("_pending")
        if pending is not None and pending[3] is not None:
            span = pending[3]()
            if span is not None:
                return self.text[span[0] : span[1]]
            return self.claim_text(0) if pending[1] else self.path.name
        for block in self.blocks:
            if block.kind is BlockKind.HEADING:
                return self.text[block.start : block.end]
        if self.claims:
            return self.claims[0].text
        return self.path.name

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}

    @cached_property
    def _claim_starts(self) -> list[int]:
        pending = self.__dict__.get("_pending")
        if pending and pending[2]:  # deferred: the starts without the claims
            return pending[2][0::4].tolist()  # type: ignore[no-any-return]
        return [claim.start for claim in self.claims]

    def claim(self, ref: str) -> Claim | None:
        """Find a claim by id (``c1a2b3c4``) or 1-based number (``3``)."""
        if ref.isdigit():
            number = int(ref)
            return self.claims[number - 1] if 1 <= number <= len(self.claims) else None
        return self.claims_by_id.get(ref)

    def claim_at(self, offset: int) -> Claim | None:
        """The claim covering ``offset``, if any."""
        i = bisect_right(self._claim_starts, offset) - 1
        if i < 0:
            return None
        claim = self.claim_object(i)  # only this one made, if the claims are deferred
        return claim if claim.start <= offset < claim.end else None

    def claims_overlapping(self, start: int, end: int) -> list[tuple[Claim, int]]:
        """Claims overlapping ``start..end`` with the overlap length, most first."""
        i = max(bisect_right(self._claim_starts, start) - 1, 0)
        found = []
        for claim in self.claims[i:]:
            if claim.start >= end:
                break
            overlap = min(end, claim.end) - max(start, claim.start)
            if overlap > 0:
                found.append((claim, overlap))
        found.sort(key=lambda pair: -pair[1])
        return found


def claim_from_spans(doc: Document, index: int, ids: Sequence[str], spans: Sequence[int]) -> Claim:
    """Claim ``index`` of ``doc`` from flat spans (start, end, kind code, block: four a claim).

    The one way the claims cache's entries become claims, whether a whole
    document's (:mod:`tui.core.cache`) or one alone (:meth:`Document.claim_object`).
    """
    at = 4 * index
    return Claim(
        doc, index, ids[index], spans[at], spans[at + 1], CLAIM_KINDS[spans[at + 2]], spans[at + 3]
    )


_FILLING = threading.Lock()


def _filled(doc: Document) -> dict[str, object]:
    """``doc``'s attributes, its deferred blocks and claims made (once, whichever thread asks)."""
    attributes = doc.__dict__
    if "_pending" in attributes:
        with _FILLING:
            pending = attributes.get("_pending")
            if pending is not None:
                attributes["_blocks"], claims = pending[0]()
                for index, made in attributes.pop("_early", {}).items():
                    claims[index] = made  # the one handed out already (the same fields)
                attributes["_claims"] = claims
                del attributes["_pending"]
    return attributes


def _deferrable(name: str) -> property:
    slot = f"_{name}"

    def get(doc: Document) -> list:  # type: ignore[type-arg]
        return _filled(doc)[slot]  # type: ignore[return-value]

    def set_(doc: Document, value: list) -> None:  # type: ignore[type-arg]
        _filled(doc)[slot] = value

    return property(get, set_, doc=f"The document's {name} (made on first use if deferred).")


def _get_text(doc: Document) -> str:
    attributes = doc.__dict__
    text = attributes.get("_text")
    if text is None:  # deferred: two threads may both decode it, to the same string
        text = attributes["_text_source"]()
        attributes["_text"] = text
    return text  # type: ignore[no-any-return]


def _set_text(doc: Document, text: str) -> None:
    attributes = doc.__dict__
    attributes["_text"] = text
    attributes.pop("_text_length", None)


# After @dataclass, so that __init__ assigns the fields through these properties.
Document.text = property(
    _get_text, _set_text, doc="The article's text (read on first use if deferred)."
)  # type: ignore[assignment]
Document.blocks = _deferrable("blocks")  # type: ignore[assignment]
Document.claims = _deferrable("claims")  # type: ignore[assignment]
