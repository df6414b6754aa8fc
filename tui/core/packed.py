"""A small binary container for the caches: named arrays and texts, checked on the way in.

The caches (claims of a text, the search index of a corpus) are read on every
start, so they are stored as raw machine arrays that load with one ``read``
and no parsing, never as pickles. A file is::

    b"FCPK" | header length (4 bytes, little-endian) | header (JSON) | body

The header names the kind of entry, the key it was written for, the byte
order, a CRC-32 of the body and where each section lies in it. A truncated,
garbled or foreign file fails one of those checks and reads as "no entry":
the caller rebuilds, never crashes. Writes are atomic (a reader sees a whole
file or none) and any error writing is ignored: a cache is an optimisation.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from array import array
from pathlib import Path

MAGIC = b"FCPK"
VERSION = 1
_ALIGN = 8
"""Sections start on 8-byte boundaries, so arrays are read in place, aligned."""

_made: set[Path] = set()
"""Folders this process has already created: one ``mkdir`` per folder, not per entry."""

Section = array | bytes | str
Loaded = dict[str, "memoryview | str"]


def dump(path: Path, kind: str, key: str, sections: dict[str, Section]) -> bool:
    """Write ``sections`` to ``path`` atomically; False (and nothing written) on any error."""
    layout: list[list[object]] = []
    chunks: list[bytes] = []
    offset = 0
    for name, value in sections.items():
        if isinstance(value, str):
            code, data = "s", value.encode("utf-8", "surrogatepass")
        elif isinstance(value, array):
            code, data = value.typecode, value.tobytes()
        else:
            code, data = "B", bytes(value)
        pad = -offset % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            offset += pad
        layout.append([name, code, offset, len(data)])
        chunks.append(data)
        offset += len(data)
    body = b"".join(chunks)
    header = {
        "v": VERSION,
        "kind": kind,
        "key": key,
        "order": sys.byteorder,
        "crc": zlib.crc32(body),
        "size": len(body),
        "s": layout,
    }
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-(len(MAGIC) + 4 + len(head)) % _ALIGN)
    payload = MAGIC + len(head).to_bytes(4, "little") + head + body
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.parent not in _made:
            path.parent.mkdir(parents=True, exist_ok=True)
            _made.add(path.parent)
        try:
            tmp.write_bytes(payload)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def load(path: Path, kind: str, key: str) -> Loaded | None:
    """The sections of a good entry of ``kind`` written for ``key``, else None.

    Arrays come back as ``memoryview`` objects over the file's bytes (index,
    slice, ``len`` and iterate them like arrays), texts as ``str``.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return parse(data, kind, key)


def parse(data: bytes, kind: str, key: str) -> Loaded | None:
    """:func:`load` for bytes already read."""
    try:
        if data[:4] != MAGIC:
            return None
        length = int.from_bytes(data[4:8], "little")
        start = 8 + length
        header = json.loads(data[8:start])
        if not (
            isinstance(header, dict)
            and header.get("v") == VERSION
            and header.get("kind") == kind
            and header.get("key") == key
            and header.get("order") == sys.byteorder
            and header.get("size") == len(data) - start
        ):
            return None
        view = memoryview(data)[start:]
        if zlib.crc32(view) != header["crc"]:
            return None
        sections: Loaded = {}
        for name, code, offset, size in header["s"]:
            if not (
                isinstance(name, str)
                and type(offset) is int
                and type(size) is int
                and 0 <= offset <= offset + size <= len(view)
            ):
                return None
            chunk = view[offset : offset + size]
            if code == "s":
                sections[name] = str(chunk, "utf-8", "surrogatepass")
            elif code == "B":
                sections[name] = chunk
            elif code in ("H", "I", "i", "q", "Q"):
                sections[name] = chunk.cast(code)
            else:
                return None
        return sections
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
