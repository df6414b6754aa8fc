"""A cache of each document's blocks and claims, keyed by the SHA-256 of its text.

Segmenting is most of the time it takes to load a corpus, and an article's
claims depend only on its text and on the code that splits it. So the spans
and ids are kept in ``$XDG_CACHE_HOME/factcheck/`` (``~/.cache/factcheck``),
one small binary file per distinct text (:mod:`tui.core.packed`), or one
for many (:mod:`tui.core.claim_packs`), in a folder named after a hash of
that code (``blocks.py``, ``segment.py`` and ``segment_quotes.py``,
``claims.py``, this file, ``claim_packs.py``, ``packed.py``) and nupunkt's
version: change any of them and the old entries are simply never read again.

The cache is an optimisation only: any problem reading or writing it (a
read-only home, a corrupt or foreign file) falls back to segmenting, and
``FACTCHECK_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
from array import array
from collections.abc import Sequence
from functools import cache, partial
from operator import le, lt
from pathlib import Path

from tui.core import blocks, claims, packed
from tui.core.blocks import Block, BlockKind
from tui.core.claims import Piece
from tui.core.model import CLAIM_KINDS, Claim, Document, claim_from_spans, ids_text

Spans = tuple[memoryview, memoryview, Sequence[str]]
"""A document's flat blocks (start, end, kind code: three numbers a block), flat claims
(start, end, kind code, block: four a claim) and claim ids: what an entry holds."""

FORMAT = 2
_KIND = "claims"
_BLOCK_KINDS = tuple(BlockKind)
_CLAIM_KINDS = CLAIM_KINDS
_BLOCK_CODE = {kind: i for i, kind in enumerate(_BLOCK_KINDS)}
_CLAIM_CODE = {kind: i for i, kind in enumerate(_CLAIM_KINDS)}


def enabled() -> bool:
    return os.environ.get("FACTCHECK_CACHE", "1").strip().lower() not in ("0", "off", "no", "false")


@cache
def _code_key() -> str:
    """A hash of everything that decides blocks and claims, besides the text."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    here = Path(__file__)  # segment*.py read, not imported: warm starts never run them
    for source in (
        blocks.__file__,
        here.with_name("segment.py"),
        here.with_name("segment_quotes.py"),
        claims.__file__,
        here,
        here.with_name("claim_packs.py"),
        packed.__file__,
    ):
        digest.update(Path(source or "").read_bytes())
    # nupunkt's own files stand for its version (and model) without importing
    # it: on a warm start every document comes from here and nupunkt is never loaded.
    # PathFinder, not importlib.util.find_spec: importing importlib.util costs ~5 ms a start.
    spec = importlib.machinery.PathFinder.find_spec("nupunkt")
    if spec is not None and spec.origin:
        info = os.stat(spec.origin)
        digest.update(f"nupunkt {spec.origin} {info.st_size} {info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def root() -> Path:
    """``$XDG_CACHE_HOME/factcheck``: every cache of ours lives in a folder in here."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def folder() -> Path:
    """Where entries for the current code live (whether or not it exists yet)."""
    return _folder_in(os.environ.get("XDG_CACHE_HOME", ""))


@cache
def _folder_in(_base: str) -> Path:
    # Keyed by $XDG_CACHE_HOME (tests change it): one Path per process, not four per document.
    return root() / f"claims-{_code_key()}"


def _entry(sha256: str) -> str:
    return os.path.join(folder(), f"{sha256}.fcpk")


def load(doc: Document) -> Spans | None:
    """Fill ``doc.blocks`` and ``doc.claims`` from the cache; None if there is no good entry.

    The entry is read and checked now; the objects are made when the document
    is first used (:meth:`Document.defer`).
    """
    data = read_entry(doc)
    return None if data is None else load_entry(doc, data)


def read_entry(doc: Document) -> bytes | None:
    """The bytes of ``doc``'s entry, unchecked (None if there is none or the cache is off)."""
    if not enabled():
        return None
    try:
        with open(_entry(doc.sha256), "rb") as handle:
            return handle.read()
    except OSError:
        return None


def load_entry(doc: Document, data: bytes | memoryview) -> Spans | None:
    """:func:`load` from an entry's bytes (as :func:`entry_bytes` made them, here or elsewhere)."""
    found = packed.parse(data, _KIND, doc.sha256)
    if found is None:
        return None
    try:
        flat_blocks, flat_claims, text = found["blocks"], found["claims"], found["ids"]
        ids = text.split("\n") if text else []  # type: ignore[union-attr]
        # Checked on lists (made in C), which iterate faster than the views; the
        # views, a third of the size, are what waits for the document's first use.
        block_list, claim_list = flat_blocks.tolist(), flat_claims.tolist()  # type: ignore[union-attr]
        if not (
            isinstance(text, str)
            and len(claim_list) == 4 * len(ids)
            and _spans_fit(block_list, 3, doc.text_length, len(_BLOCK_KINDS))
            and _spans_fit(claim_list, 4, doc.text_length, len(_CLAIM_KINDS))
            and (not ids or max(claim_list[3::4]) < len(block_list) // 3)
        ):
            return None  # not an entry this code wrote for this text: never trust it
    except (KeyError, TypeError, ValueError):
        return None
    spans: Spans = (flat_blocks, flat_claims, ids)  # type: ignore[assignment]
    defer(doc, spans)
    return spans


def defer(doc: Document, spans: Spans) -> None:
    """Give ``doc`` the blocks and claims of checked ``spans``, made when it is first used."""
    flat_blocks, flat_claims, ids = spans
    doc.defer(
        partial(_objects, doc, flat_blocks, flat_claims, ids),
        ids,
        flat_claims,
        partial(_first_heading, flat_blocks),
    )


def _objects(
    doc: Document, block_view: memoryview, claim_view: memoryview, ids: Sequence[str]
) -> tuple[list[Block], list[Claim]]:
    """The blocks and claims of a checked entry, made when the document is first used."""
    flat_blocks, flat_claims = block_view.tolist(), claim_view.tolist()
    kinds = _BLOCK_KINDS
    blocks = [
        Block(flat_blocks[i], flat_blocks[i + 1], kinds[flat_blocks[i + 2]])
        for i in range(0, len(flat_blocks), 3)
    ]
    ids = list(ids)  # indexed once a claim: a list, not ClaimIds' method calls
    claims = [claim_from_spans(doc, n, ids, flat_claims) for n in range(len(ids))]
    return blocks, claims


_HEADING = _BLOCK_CODE[BlockKind.HEADING]


def _first_heading(block_view: memoryview) -> tuple[int, int] | None:
    """The span of the first heading among a checked entry's blocks (``None``: none)."""
    kinds = block_view[2::3]
    for n, kind in enumerate(kinds):
        if kind == _HEADING:
            return block_view[3 * n], block_view[3 * n + 1]
    return None


def _spans_fit(flat: list[int], stride: int, length: int, kinds: int) -> bool:
    """Spans in order, none empty, inside the text; kind codes in range (checked in C loops)."""
    if len(flat) % stride:
        return False
    if not flat:
        return True
    starts, ends = flat[0::stride], flat[1::stride]
    return (
        ends[-1] <= length
        and max(flat[2::stride]) < kinds
        and all(map(lt, starts, ends))
        and all(map(le, ends[:-1], starts[1:]))
    )


def store(doc: Document) -> Spans:
    """Save ``doc``'s blocks and claims (if the cache is on and writable); return their spans."""
    claims = doc.claims
    flat_claims = array("I")
    codes = _CLAIM_CODE
    for claim in claims:  # no tuple a claim on the way (a 49 MB article has ~350k)
        flat_claims.extend((claim.start, claim.end, codes[claim.kind], claim.block))
    spans = (_flat_blocks(doc.blocks), memoryview(flat_claims), [c.id for c in claims])
    if enabled():
        packed.write(Path(_entry(doc.sha256)), entry_bytes(doc.sha256, spans))
    return spans


def spans_of(blocks: Sequence[Block], pieces: Sequence[Piece], ids: list[str]) -> Spans:
    """The flat spans of ``blocks`` and of claims (``pieces`` with their ``ids``)."""
    flat_claims = array("I")
    codes = _CLAIM_CODE
    for start, end, kind, block_index in pieces:
        flat_claims.extend((start, end, codes[kind], block_index))
    return _flat_blocks(blocks), memoryview(flat_claims), ids


def _flat_blocks(blocks: Sequence[Block]) -> memoryview:
    flat = array("I")
    for block in blocks:
        flat.extend((block.start, block.end, _BLOCK_CODE[block.kind]))
    return memoryview(flat)


def entry_bytes(sha256: str, spans: Spans) -> bytes:
    """The cache entry of a text's blocks and claims."""
    flat_blocks, flat_claims, ids = spans
    return packed.encode(
        _KIND, sha256, {"blocks": flat_blocks, "claims": flat_claims, "ids": ids_text(ids)}
    )
