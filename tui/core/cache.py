"""A cache of each document's blocks and claims, keyed by the SHA-256 of its text.

Segmenting is most of the time it takes to load a corpus, and an article's
claims depend only on its text and on the code that splits it. So the spans
and ids are kept in ``$XDG_CACHE_HOME/factcheck/`` (``~/.cache/factcheck``),
one small JSON file per distinct text, in a folder named after a hash of that
code (``blocks.py``, ``segment.py``, ``claims.py``, this file) and nupunkt's version:
change any of them and the old entries are simply never read again.

The cache is an optimisation only: any problem reading or writing it (a
read-only home, a corrupt or foreign file) falls back to segmenting, and
``FACTCHECK_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import cache
from pathlib import Path

from tui.core import blocks, claims, segment
from tui.core.blocks import Block, BlockKind
from tui.core.model import Claim, ClaimKind, Document

FORMAT = 1
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
    for source in (blocks.__file__, segment.__file__, claims.__file__, __file__):
        digest.update(Path(source or "").read_bytes())
    # nupunkt's own files stand for its version (and model) without importing
    # it: on a warm start every document comes from here and nupunkt is never loaded.
    spec = importlib.util.find_spec("nupunkt")
    if spec is not None and spec.origin:
        info = os.stat(spec.origin)
        digest.update(f"nupunkt {spec.origin} {info.st_size} {info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def folder() -> Path:
    """Where entries for the current code live (whether or not it exists yet)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / f"claims-{_code_key()}"


def _entry(sha256: str) -> Path:
    return folder() / f"{sha256}.json"


_made: set[Path] = set()
"""Folders this process has already created: one ``mkdir`` per folder, not per document."""


def load(doc: Document) -> bool:
    """Fill ``doc.blocks`` and ``doc.claims`` from the cache; False if there is no good entry."""
    if not enabled():
        return False
    try:
        data = json.loads(_entry(doc.sha256).read_bytes())
        flat_blocks, flat_claims, ids = data["b"], data["c"], data["i"]
        length = len(doc.text)
        if not (
            data["f"] == FORMAT
            and len(flat_claims) == 4 * len(ids)
            and _spans_fit(flat_blocks, 3, length, len(_BLOCK_KINDS))
            and _spans_fit(flat_claims, 4, length, len(_CLAIM_KINDS))
            and all(0 <= b < len(flat_blocks) // 3 for b in flat_claims[3::4])
            and all(isinstance(i, str) for i in ids)
        ):
            return False  # not an entry this code wrote for this text: never trust it
    except (OSError, ValueError, KeyError, TypeError):
        return False
    doc.blocks = [
        Block(flat_blocks[i], flat_blocks[i + 1], _BLOCK_KINDS[flat_blocks[i + 2]])
        for i in range(0, len(flat_blocks), 3)
    ]
    doc.claims = [
        Claim(
            doc,
            n,
            ids[n],
            flat_claims[4 * n],
            flat_claims[4 * n + 1],
            _CLAIM_KINDS[flat_claims[4 * n + 2]],
            flat_claims[4 * n + 3],
        )
        for n in range(len(ids))
    ]
    return True


def _spans_fit(flat: list[object], stride: int, length: int, kinds: int) -> bool:
    """Whole numbers; spans in order, inside the text; kind codes in range."""
    if len(flat) % stride or not all(type(v) is int for v in flat):
        return False
    previous = 0
    for i in range(0, len(flat), stride):
        start, end, kind = flat[i], flat[i + 1], flat[i + 2]
        if not (previous <= start < end <= length and 0 <= kind < kinds):  # type: ignore[operator]
            return False
        previous = end  # type: ignore[assignment]
    return True


def store(doc: Document) -> None:
    """Save ``doc``'s blocks and claims; silently does nothing if the cache cannot be written."""
    if not enabled():
        return
    flat_blocks: list[int] = []
    for block in doc.blocks:
        flat_blocks += (block.start, block.end, _BLOCK_CODE[block.kind])
    flat_claims: list[int] = []
    for claim in doc.claims:
        flat_claims += (claim.start, claim.end, _CLAIM_CODE[claim.kind], claim.block)
    payload = json.dumps(
        {"f": FORMAT, "b": flat_blocks, "c": flat_claims, "i": [c.id for c in doc.claims]},
        separators=(",", ":"),
    ).encode()
    path = _entry(doc.sha256)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
    try:
        if path.parent not in _made:
            path.parent.mkdir(parents=True, exist_ok=True)
            _made.add(path.parent)
        try:
            tmp.write_bytes(payload)
            os.replace(tmp, path)  # readers see a whole entry or none
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        pass
