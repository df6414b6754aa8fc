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
import importlib.util
import os
from array import array
from collections.abc import Sequence
from functools import cache
from operator import le, lt
from pathlib import Path

from tui.core import blocks, claims, packed
from tui.core.blocks import Block, BlockKind
from tui.core.model import Claim, ClaimKind, Document

FORMAT = 2
_KIND = "claims"
_BLOCK_KINDS = tuple(BlockKind)
_CLAIM_KINDS = tuple(ClaimKind)
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
    spec = importlib.util.find_spec("nupunkt")
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
            and _spans_fit(block_list, 3, len(doc.text), len(_BLOCK_KINDS))
            and _spans_fit(claim_list, 4, len(doc.text), len(_CLAIM_KINDS))
            and (not ids or max(claim_list[3::4]) < len(block_list) // 3)
        ):
            return False  # not an entry this code wrote for this text: never trust it
    except (KeyError, TypeError, ValueError):
        return False
    doc.defer(lambda: _objects(doc, flat_blocks.tolist(), flat_claims.tolist(), ids), ids)  # type: ignore[union-attr]
    return True


def _objects(
    doc: Document, flat_blocks: list[int], flat_claims: list[int], ids: list[str]
) -> tuple[list[Block], list[Claim]]:
    """The blocks and claims of checked entry, made when the document is first used."""
    kinds = _BLOCK_KINDS
    blocks = [
        Block(flat_blocks[i], flat_blocks[i + 1], kinds[flat_blocks[i + 2]])
        for i in range(0, len(flat_blocks), 3)
    ]
    claim_kinds = _CLAIM_KINDS
    claims = [
        Claim(
            doc,
            n,
            ids[n],
            flat_claims[4 * n],
            flat_claims[4 * n + 1],
            claim_kinds[flat_claims[4 * n + 2]],
            flat_claims[4 * n + 3],
        )
        for n in range(len(ids))
    ]
    return blocks, claims


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
_BUNDLE = "claims-bundle"


def _bundle_path(documents: Sequence[Document]) -> tuple[Path, str]:
    digest = hashlib.sha256(_code_key().encode())
    for doc in documents:
        digest.update(doc.sha256.encode())
    key = digest.hexdigest()[:32]
    return folder() / f"corpus-{key}.bundle", key


def load_bundle(documents: Sequence[Document]) -> bool:
    """Fill every one of ``documents`` from the bundle of a load of just these texts.

    One read instead of one per document (a warm start of 1,000 articles spends
    more on opening 1,000 small files than on reading them). False, with some
    documents perhaps filled, if there is no good bundle for them.
    """
    if not enabled() or len(documents) < 2:
        return False
    path, key = _bundle_path(documents)
    found = packed.load(path, _BUNDLE, key)
    if found is None:
        return False
    offsets, entries = found.get("offsets"), found.get("entries")
    if not (isinstance(offsets, memoryview) and isinstance(entries, memoryview)):
        return False
    if len(offsets) != len(documents) + 1 or offsets[-1] != len(entries):
        return False
    for n, doc in enumerate(documents):
        if not load_entry(doc, entries[offsets[n] : offsets[n + 1]]):
            return False
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return True


def store_bundle(documents: Sequence[Document], entries: Sequence[bytes]) -> None:
    """Save the entries of ``documents`` (in order) as their bundle, and prune old bundles."""
    if not enabled() or len(documents) < 2:
        return
    path, key = _bundle_path(documents)
    offsets = array("Q", [0])
    for entry in entries:
        offsets.append(offsets[-1] + len(entry))
    if packed.dump(path, _BUNDLE, key, {"offsets": offsets, "entries": b"".join(entries)}):
        with contextlib.suppress(OSError):
            old = sorted(
                (p for p in path.parent.glob("corpus-*.bundle") if p != path),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for stale in old[KEEP_BUNDLES - 1 :]:
                stale.unlink(missing_ok=True)
