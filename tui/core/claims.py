"""Turning a document's blocks into claims with stable ids.

A claim id is ``c`` + the first 8 hex digits of the SHA-1 of its
whitespace-collapsed text, with ``-2``, ``-3`` … for repeats, so an id stays
the same when other parts of the article change (docs/format.md, "Terms").
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tui.core.blocks import Block, BlockKind
from tui.core.model import Claim, ClaimKind, Document


def claim_id(text: str) -> str:
    collapsed = " ".join(text.split())
    return "c" + hashlib.sha1(collapsed.encode("utf-8")).hexdigest()[:8]


Piece = tuple[int, int, ClaimKind, int]
"""A claim before it has an id: ``(start, end, kind, block index)``."""


def build_claims(doc: Document) -> list[Claim]:
    """Segment every paragraph and heading of ``doc`` into claims, in text order."""
    return number_claims(doc, claim_pieces(doc.text, doc.blocks))


def claim_pieces(text: str, blocks: Sequence[Block]) -> list[Piece]:
    """The claims of ``text`` (split into ``blocks``) before they have ids, in text order.

    Without the claim objects: a worker process sends spans and ids, not claims.
    """
    from tui.core.segment import sentence_spans  # only on a cache miss: its set-up is not free

    pieces: list[Piece] = []
    add = pieces.append
    for block_index, block in enumerate(blocks):
        kind, start = block.kind, block.start
        if kind is BlockKind.PARAGRAPH:
            for a, b in sentence_spans(text[start : block.end]):
                add((start + a, start + b, ClaimKind.CLAIM, block_index))
        elif kind is BlockKind.HEADING:
            add((start, block.end, ClaimKind.HEADING, block_index))
    return pieces


def piece_ids(text: str, pieces: Sequence[Piece]) -> list[str]:
    """The ids of ``pieces`` (in text order): repeats of one text numbered ``-2``, ``-3`` …"""
    ids: list[str] = []
    seen: dict[str, int] = {}
    sha1, join = hashlib.sha1, " ".join  # claim_id, inlined: one call less per claim
    for start, end, _, _ in pieces:
        piece = text[start:end]
        # Most claims are collapsed already: no space at the ends or two together, and no
        # other whitespace (every other character str.split splits at is unprintable).
        if not (piece.isprintable() and "  " not in piece and piece[:1] != " " != piece[-1:]):
            piece = join(piece.split())
        base = "c" + sha1(piece.encode()).hexdigest()[:8]
        if base in seen:
            count = seen[base] = seen[base] + 1
            ids.append(f"{base}-{count}")
        else:
            seen[base] = 1
            ids.append(base)
    return ids


def number_claims(doc: Document, pieces: list[Piece]) -> list[Claim]:
    """Claims for ``pieces`` (in text order), with their ids and 0-based positions."""
    ids = piece_ids(doc.text, pieces)
    return [
        Claim(doc, index, ident, start, end, kind, block)
        for index, ((start, end, kind, block), ident) in enumerate(zip(pieces, ids, strict=True))
    ]
