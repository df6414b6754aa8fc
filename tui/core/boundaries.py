"""Claim boundaries the team has corrected, applied on top of the segmenter's.

The segmenter is right most of the time; where it is not, an analyst splits a
claim at a word, joins it with the next one, or marks a whole block (an author
bio, reader comments, a caption) as not-a-claim. Each correction is stored
once per document in its metadata file (docs/format.md, "Corrected claim
boundaries") and anchored by the text around it, as tags are, so it survives
edits of the article; one that no longer matches is kept and reported, never
dropped. Corrections are applied after the (cached) segmentation and before
claim ids are computed: the cache stays keyed by the text alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from tui.core import metadata
from tui.core.blocks import Block, BlockKind
from tui.core.claims import Piece, number_claims
from tui.core.metadata import Boundary, Metadata
from tui.core.model import Claim, ClaimKind, Document
from tui.core.records import now

CONTEXT = 32
"""Characters of text kept on each side of a split or join point."""


class BoundaryError(ValueError):
    """A correction that cannot be made (one sentence, for the user)."""


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY = "already"
    """The segmenter already draws this boundary (or none), or it lies in a line that is no
    claim (marked so, or boilerplate): nothing to change."""
    ORPHAN = "orphan"
    """The text it names is no longer in the article."""


@dataclass(frozen=True)
class Applied:
    boundary: Boundary
    outcome: Outcome


def _pattern(fragment: str) -> str:
    return r"\s+".join(re.escape(word) for word in fragment.split())


def locate_point(text: str, boundary: Boundary) -> tuple[int, int] | None:
    """``(end of the first part, start of the second)`` for a split or join, nearest first."""
    pattern = re.compile(f"({_pattern(boundary.before)})\\s*({_pattern(boundary.after)})")
    found = [(m.end(1), m.start(2)) for m in pattern.finditer(text)]
    return min(found, key=lambda p: abs(p[1] - boundary.start), default=None)


def locate_block(doc: Document, boundary: Boundary) -> int | None:
    """The index of the block whose text is the boundary's quote, nearest first."""
    quote = " ".join(boundary.quote.split())
    found = [
        i
        for i, block in enumerate(doc.blocks)
        if block.end - block.start >= len(quote) // 2
        and " ".join(doc.text[block.start : block.end].split()) == quote
    ]
    return min(found, key=lambda i: abs(doc.blocks[i].start - boundary.start), default=None)


def _split(pieces: list[Piece], point: tuple[int, int]) -> Outcome:
    end1, start2 = point
    for i, (start, end, kind, block) in enumerate(pieces):
        if start < end1 and start2 < end:
            pieces[i : i + 1] = [(start, end1, kind, block), (start2, end, kind, block)]
            return Outcome.APPLIED
        if start == start2 and i and pieces[i - 1][1] == end1:
            return Outcome.ALREADY
    return Outcome.ORPHAN


def _join(pieces: list[Piece], point: tuple[int, int]) -> Outcome:
    end1, start2 = point
    for i, (start, end, kind, block) in enumerate(pieces):
        if start < end1 and start2 < end:
            return Outcome.ALREADY
        if end == end1 and i + 1 < len(pieces):
            nstart, nend, nkind, nblock = pieces[i + 1]
            if nstart != start2 or nblock != block:
                return Outcome.ORPHAN
            joined = ClaimKind.HEADING if kind == nkind == ClaimKind.HEADING else ClaimKind.CLAIM
            pieces[i : i + 2] = [(start, nend, joined, block)]
            return Outcome.APPLIED
    return Outcome.ORPHAN


def _in_no_claim(blocks: list[Block], point: tuple[int, int]) -> bool:
    """Whether the point between two sentences lies in a line that holds no claims."""
    end1, start2 = point
    return any(
        b.kind is BlockKind.BOILERPLATE and b.start <= end1 and start2 <= b.end for b in blocks
    )


def apply(doc: Document, boundaries: list[Boundary]) -> list[Applied]:
    """Apply the corrections to ``doc``'s blocks and claims (new ids); say how each went."""
    results: list[Applied] = []
    blocks = list(doc.blocks)
    order = {"noclaim": 0, "split": 1, "join": 2}
    ordered = sorted(boundaries, key=lambda b: (order[b.action], b.start))
    pieces: list[Piece] = [(c.start, c.end, c.kind, c.block) for c in doc.claims]
    for boundary in ordered:
        if boundary.action == "noclaim":
            index = locate_block(doc, boundary)
            if index is None:
                outcome = Outcome.ORPHAN
            elif blocks[index].kind is BlockKind.BOILERPLATE:
                outcome = Outcome.ALREADY
            else:
                blocks[index] = replace(blocks[index], kind=BlockKind.BOILERPLATE)
                pieces = [p for p in pieces if p[3] != index]
                outcome = Outcome.APPLIED
        else:
            point = locate_point(doc.text, boundary)
            if point is None:
                outcome = Outcome.ORPHAN
            elif _in_no_claim(blocks, point):
                outcome = Outcome.ALREADY  # a line with no claims has no boundary to draw
            elif boundary.action == "split":
                outcome = _split(pieces, point)
            else:
                outcome = _join(pieces, point)
        results.append(Applied(boundary, outcome))
    if any(r.outcome is Outcome.APPLIED for r in results):
        doc.blocks = blocks
        doc.claims = number_claims(doc, pieces)
        for cached in ("claims_by_id", "_claim_starts", "title"):
            doc.__dict__.pop(cached, None)
    return results


# --- making corrections --------------------------------------------------------------


def _point(doc: Document, end1: int, start2: int, action: str, analyst: str) -> Boundary:
    text = doc.text
    # The context stays on the point's own line: a line break is where a block ends.
    line_start = text.rfind("\n", 0, end1) + 1
    line_end = text.find("\n", start2)
    before = text[max(line_start, end1 - CONTEXT) : end1]
    after = text[start2 : min(start2 + CONTEXT, len(text) if line_end < 0 else line_end)]
    return Boundary(action, start2, before=before, after=after, analyst=analyst, updated=now())


def word_start(claim: Claim, word: str) -> int:
    """Where the part of ``claim`` that starts with ``word`` (one or more words) begins.

    The first occurrence at the start of a word, after the claim's first word.
    """
    words = word.split()
    if not words:
        raise BoundaryError("Give the word the new claim should start with.")
    pattern = re.compile(r"(?<!\w)" + _pattern(word) + (r"(?!\w)" if word[-1].isalnum() else ""))
    text = claim.text
    for match in pattern.finditer(text):
        if match.start() > 0 and text[: match.start()].strip():
            return claim.start + match.start()
    raise BoundaryError(
        f"{word!r} is not a word inside claim {claim.number} (after its first word)."
    )


def split_at(claim: Claim, offset: int, analyst: str = "") -> Boundary:
    """A correction that splits ``claim`` so that its second part starts at ``offset``."""
    text = claim.doc.text
    end1 = offset
    while end1 > claim.start and text[end1 - 1].isspace():
        end1 -= 1
    if not claim.start < end1 or not offset < claim.end:
        raise BoundaryError(f"Claim {claim.number} cannot be split there.")
    return _point(claim.doc, end1, offset, "split", analyst)


def join_next(claim: Claim, analyst: str = "") -> Boundary:
    """A correction that joins ``claim`` with the claim after it, in the same block."""
    doc = claim.doc
    if claim.index + 1 >= len(doc.claims):
        raise BoundaryError(f"Claim {claim.number} is the last one; there is nothing to join.")
    after = doc.claims[claim.index + 1]
    if after.block != claim.block:
        raise BoundaryError(
            f"Claims {claim.number} and {after.number} are on different lines; "
            "only claims of one paragraph can be joined."
        )
    return _point(doc, claim.end, after.start, "join", analyst)


def no_claim(claim: Claim, analyst: str = "", last: Claim | None = None) -> list[Boundary]:
    """Corrections that mark ``claim``'s line (through ``last``'s line) as not-a-claim."""
    doc = claim.doc
    end = claim.block if last is None else last.block
    if end < claim.block:
        raise BoundaryError(f"Claim {last.number} comes before claim {claim.number}.")  # type: ignore[union-attr]
    lines = sorted({c.block for c in doc.claims if claim.block <= c.block <= end})
    stamp = now()
    return [
        Boundary(
            "noclaim",
            doc.blocks[i].start,
            quote=doc.text[doc.blocks[i].start : doc.blocks[i].end],
            analyst=analyst,
            updated=stamp,
        )
        for i in lines
    ]


# --- storing them ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What one command did to the metadata file; ``inverse`` undoes it."""

    path: Path
    added: tuple[Boundary, ...] = ()
    removed: tuple[Boundary, ...] = ()

    def inverse(self) -> Change:
        return Change(self.path, added=self.removed, removed=self.added)


def _cancels(doc: Document, new: Boundary, old: Boundary) -> bool:
    """A join where a split was made (or the reverse) takes the old correction back."""
    if {new.action, old.action} != {"split", "join"}:
        return False
    return locate_point(doc.text, old) == locate_point(doc.text, new)


def _same(doc: Document, new: Boundary, old: Boundary) -> bool:
    if new.action != old.action:
        return False
    if new.action == "noclaim":
        return locate_block(doc, new) == locate_block(doc, old)
    return locate_point(doc.text, old) == locate_point(doc.text, new)


def record(doc: Document, new: Boundary | list[Boundary]) -> Change:
    """Store corrections in the document's metadata file, in one write.

    One that undoes a stored correction (a join where a split was made) takes
    that one back instead; one already stored is not stored twice.
    """
    wanted = [new] if isinstance(new, Boundary) else list(new)
    path = metadata.path_for(doc.path, doc.id)
    added: list[Boundary] = []
    removed: list[Boundary] = []

    def change(meta: Metadata) -> Metadata:
        added.clear()
        removed.clear()
        for boundary in wanted:
            cancelled = next((b for b in meta.boundaries if _cancels(doc, boundary, b)), None)
            if cancelled is not None:
                meta.boundaries.remove(cancelled)
                removed.append(cancelled)
            elif not any(_same(doc, boundary, b) for b in meta.boundaries):
                meta.boundaries.append(boundary)
                added.append(boundary)
        return meta

    metadata.update(path, change)
    return Change(path, tuple(added), tuple(removed))


def revert(change: Change) -> Change:
    """Apply ``change`` backwards (undo); returns the change that redoes it."""
    undo = change.inverse()

    def edit(meta: Metadata) -> Metadata:
        meta.boundaries = [
            b for b in meta.boundaries if not any(b.same_place(r) for r in undo.removed)
        ]
        meta.boundaries.extend(undo.added)
        return meta

    metadata.update(change.path, edit)
    return undo


def drop(doc: Document, number: int) -> Change:
    """Remove the ``number``-th (1-based, in file order) correction of ``doc``."""
    path = metadata.path_for(doc.path, doc.id)
    removed: list[Boundary] = []

    def edit(meta: Metadata) -> Metadata:
        ordered = sorted(meta.boundaries, key=metadata.boundary_key)
        if not 1 <= number <= len(ordered):
            raise BoundaryError(f"{doc.id} has no correction {number} (it has {len(ordered)}).")
        removed[:] = [ordered[number - 1]]
        meta.boundaries = [b for b in meta.boundaries if b is not ordered[number - 1]]
        return meta

    metadata.update(path, edit)
    return Change(path, removed=tuple(removed))
