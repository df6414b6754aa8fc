"""The corpus model: documents, their blocks and claims, and labels."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from tui.core.blocks import Block, BlockKind


class Label(StrEnum):
    SOURCED = "sourced"
    DISPUTED = "disputed"
    OPINION = "opinion"
    SKIP = "skip"

    @property
    def letter(self) -> str:
        """The margin letter, so a tag reads without colour (``NO_COLOR``)."""
        return {"sourced": "S", "disputed": "D", "opinion": "O", "skip": "x"}[self.value]


LABELS: tuple[str, ...] = tuple(label.value for label in Label)


class ClaimKind(StrEnum):
    CLAIM = "claim"
    HEADING = "heading"


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
    id: str
    path: Path
    text: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def title(self) -> str:
        """The first heading, else the first sentence, else the file name."""
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
        if i >= 0 and self.claims[i].start <= offset < self.claims[i].end:
            return self.claims[i]
        return None

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
