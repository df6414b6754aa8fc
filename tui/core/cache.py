"""A cache of each document's blocks and claims, keyed by the SHA-256 of its text.

Segmenting is most of the time it takes to load a corpus, and an article's
claims depend only on its text and on the code that splits it. So the spans
and ids are kept in ``$XDG_CACHE_HOME/factcheck/`` (``~/.cache/factcheck``),
one small binary file per distinct text (:mod:`tui.core.packed`), in a folder
named after a hash of that code (``blocks.py``, ``segment.py``, ``claims.py``,
this file, ``packed.py``) and nupunkt's version: change any of them and the
old entries are simply never read again.

The cache is an optimisation only: any problem reading or writing it (a
read-only home, a corrupt or foreign file) falls back to segmenting, and
``FACTCHECK_CACHE=0`` turns it off.
"""

from __future__ import annotations

import contextlib
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
from tui.core.model import CLAIM_KINDS, Claim, Document, claim_from_spans

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
    segment = Path(__file__).with_name("segment.py")  # read, not imported: warm starts never run it
    for source in (blocks.__file__, segment, claims.__file__, __file__, packed.__file__):
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


def load(doc: Document) -> bool:
    """Fill ``doc.blocks`` and ``doc.claims`` from the cache; False if there is no good entry.

    The entry is read and checked now; the objects are made when the document
    is first used (:meth:`Document.defer`).
    """
    data = read_entry(doc)
    return data is not None and load_entry(doc, data)


def read_entry(doc: Document) -> bytes | None:
    """The bytes of ``doc``'s entry, unchecked (None if there is none or the cache is off)."""
    if not enabled():
        return None
    try:
        with open(_entry(doc.sha256), "rb") as handle:
            return handle.read()
    except OSError:
        return None


def load_entry(doc: Document, data: bytes | memoryview) -> bool:
    """:func:`load` from an entry's bytes (as :func:`entry_bytes` made them, here or elsewhere)."""
    found = packed.parse(data, _KIND, doc.sha256)
    if found is None:
        return False
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
            return False  # not an entry this code wrote for this text: never trust it
    except (KeyError, TypeError, ValueError):
        return False
    doc.defer(
        partial(_objects, doc, flat_blocks, flat_claims, ids),  # type: ignore[arg-type]
        ids,
        flat_claims,  # type: ignore[arg-type]
        partial(_first_heading, flat_blocks),  # type: ignore[arg-type]
    )
    return True


def _objects(
    doc: Document, block_view: memoryview, claim_view: memoryview, ids: list[str]
) -> tuple[list[Block], list[Claim]]:
    """The blocks and claims of a checked entry, made when the document is first used."""
    flat_blocks, flat_claims = block_view.tolist(), claim_view.tolist()
    kinds = _BLOCK_KINDS
    blocks = [
        Block(flat_blocks[i], flat_blocks[i + 1], kinds[flat_blocks[i + 2]])
        for i in range(0, len(flat_blocks), 3)
    ]
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


def store(doc: Document) -> bytes:
    """Save ``doc``'s blocks and claims (if the cache is on and writable); return the entry."""
    entry = entry_bytes(doc)
    if enabled():
        packed.write(Path(_entry(doc.sha256)), entry)
    return entry


def entry_bytes(doc: Document) -> bytes:
    """The cache entry of ``doc``'s blocks and claims."""
    flat_blocks = array("I")
    for block in doc.blocks:
        flat_blocks.extend((block.start, block.end, _BLOCK_CODE[block.kind]))
    flat_claims = array("I")
    for claim in doc.claims:
        flat_claims.extend((claim.start, claim.end, _CLAIM_CODE[claim.kind], claim.block))
    return packed.encode(
        _KIND,
        doc.sha256,
        {"blocks": flat_blocks, "claims": flat_claims, "ids": "\n".join(c.id for c in doc.claims)},
    )


# A corpus loaded whole: its documents' entries in one file ---------------------------------

KEEP_BUNDLES = 4
"""Bundles kept (the corpora loaded most recently); entries stay whatever happens."""
_BUNDLE = "claims-bundle-2"
"""Columnar (format 2): the bundles of the per-document format are never read."""


def _bundle_path(documents: Sequence[Document]) -> tuple[Path, str]:
    digest = hashlib.sha256(_code_key().encode())
    for doc in documents:
        digest.update(doc.sha256.encode())
    key = digest.hexdigest()[:32]
    return folder() / f"corpus-{key}.bundle", key


def load_bundle(documents: Sequence[Document]) -> bool:
    """Fill every one of ``documents`` from the bundle of a load of just these texts.

    One read instead of one per document (a warm start of 1,000 articles spends
    more on opening 1,000 small files than on reading them), and the bundle is
    columnar: every document's spans in one array, checked in a few C loops
    over the whole corpus rather than one parse and check per document. False,
    with no document filled, if there is no good bundle for them.
    """
    if not enabled() or len(documents) < 2:
        return False
    path, key = _bundle_path(documents)
    found = packed.load(path, _BUNDLE, key)
    spans = _bundle_spans(found, documents) if found is not None else None
    if spans is None:
        return False
    block_at, claim_at, flat_blocks, flat_claims, ids = spans
    for n, doc in enumerate(documents):
        b0, b1, c0, c1 = block_at[n], block_at[n + 1], claim_at[n], claim_at[n + 1]
        claim_view, claim_ids = flat_claims[4 * c0 : 4 * c1], ids[c0:c1]
        blocks = flat_blocks[3 * b0 : 3 * b1]
        doc.defer(
            partial(_objects, doc, blocks, claim_view, claim_ids),
            claim_ids,
            claim_view,
            partial(_first_heading, blocks),
        )
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return True


_Spans = tuple[list[int], list[int], memoryview, memoryview, list[str]]


def _bundle_spans(found: packed.Loaded, documents: Sequence[Document]) -> _Spans | None:
    """The bundle's sections if they fit ``documents``, else None.

    A bundle holds only entries that passed :func:`load_entry`'s checks or
    that this code made (:func:`store_bundle` is given no other), and its
    CRC-32 stands for their bytes. So what is checked here is what a bundle
    written for other documents would fail, cheaply: the counts, each
    document's last span inside its text and last claim inside its blocks,
    and the kind codes.
    """
    try:
        block_at, claim_at = found["block_at"].tolist(), found["claim_at"].tolist()  # type: ignore[union-attr]
        blocks, claims, text = found["blocks"], found["claims"], found["ids"]
        if not (isinstance(blocks, memoryview) and isinstance(claims, memoryview)):
            return None
        ids = text.split("\n") if text else []  # type: ignore[union-attr]
        if not (
            isinstance(text, str)
            and len(block_at) == len(claim_at) == len(documents) + 1
            and block_at[0] == claim_at[0] == 0
            and 3 * block_at[-1] == len(blocks)
            and 4 * claim_at[-1] == len(claims) == 4 * len(ids)
            and (not ids or max(claims[2::4]) < len(_CLAIM_KINDS))
            and (not blocks or max(blocks[2::3]) < len(_BLOCK_KINDS))
        ):
            return None
        for n, doc in enumerate(documents):
            b0, b1, c0, c1 = block_at[n], block_at[n + 1], claim_at[n], claim_at[n + 1]
            if b1 < b0 or c1 < c0:
                return None
            length = doc.text_length
            if b1 > b0 and blocks[3 * b1 - 2] > length:
                return None
            if c1 > c0 and (claims[4 * c1 - 3] > length or claims[4 * c1 - 1] >= b1 - b0):
                return None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
    return block_at, claim_at, blocks, claims, ids


def store_bundle(documents: Sequence[Document], entries: Sequence[bytes]) -> None:
    """Save the entries of ``documents`` (in order) as their bundle, and prune old bundles."""
    if not enabled() or len(documents) < 2:
        return
    path, key = _bundle_path(documents)
    block_at, claim_at = array("Q", [0]), array("Q", [0])
    flat_blocks, flat_claims = array("I"), array("I")
    ids: list[str] = []
    for doc, entry in zip(documents, entries, strict=True):
        found = packed.parse(entry, _KIND, doc.sha256)
        if found is None:
            return
        flat_blocks.frombytes(found["blocks"].cast("B"))  # type: ignore[union-attr]
        flat_claims.frombytes(found["claims"].cast("B"))  # type: ignore[union-attr]
        if found["ids"]:
            ids.extend(found["ids"].split("\n"))  # type: ignore[union-attr]
        block_at.append(len(flat_blocks) // 3)
        claim_at.append(len(flat_claims) // 4)
    sections: dict[str, packed.Section] = {
        "block_at": block_at,
        "claim_at": claim_at,
        "blocks": flat_blocks,
        "claims": flat_claims,
        "ids": "\n".join(ids),
    }
    if packed.dump(path, _BUNDLE, key, sections):
        packed.prune(path, "corpus-*.bundle", KEEP_BUNDLES)
