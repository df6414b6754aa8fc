"""A small binary container for the caches: named arrays and texts, checked on the way in.

The caches (claims of a text, the search index of a corpus) are read on every
start, so they are stored as raw machine arrays that load with one ``read``
and no parsing, never as pickles. A file is::

    header (104 bytes) | one 40-byte record per section | body

The header names the kind of entry, the key it was written for, the byte
order, a CRC-32 of the body and its size; each record where a section lies
in the body (read with :mod:`struct`: no parsing worth the name). A truncated,
garbled or foreign file fails one of those checks and reads as "no entry":
the caller rebuilds, never crashes. Writes are atomic (a reader sees a whole
file or none) and any error writing is ignored: a cache is an optimisation.
"""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path

MAGIC = b"FCPK"
VERSION = 2
_ALIGN = 8
"""Sections start on 8-byte boundaries, so arrays are read in place, aligned."""
_HEAD = struct.Struct("<4sBBHIQ16s64s4x")
"""Magic, version, byte order, sections, CRC-32 and size of the body, kind, key (104 bytes)."""
_SECTION = struct.Struct("<16sc7xQQ")
"""Name, type code (``s`` text, ``B`` bytes, or an array's), offset and size in the body."""
_ORDER = 0 if sys.byteorder == "little" else 1
_ARRAY_CODES = (b"H", b"I", b"i", b"q", b"Q")

_made: set[Path] = set()
"""Folders this process has already created: one ``mkdir`` per folder, not per entry."""

Section = array | memoryview | bytes | str
Loaded = dict[str, "memoryview | str"]


def dump(path: Path, kind: str, key: str, sections: dict[str, Section]) -> bool:
    """Write ``sections`` to ``path`` atomically; False (and nothing written) on any error."""
    return write(path, encode(kind, key, sections))


def encode(kind: str, key: str, sections: dict[str, Section]) -> bytes:
    """The bytes of an entry (what :func:`dump` writes and :func:`parse` reads)."""
    layout: list[bytes] = []
    chunks: list[bytes] = []
    offset = 0
    for name, value in sections.items():
        if isinstance(value, str):
            code, data = "s", value.encode("utf-8", "surrogatepass")
        elif isinstance(value, array):
            code, data = value.typecode, value.tobytes()
        elif isinstance(value, memoryview) and value.format != "B":  # an array's, as loaded
            code, data = value.format, value.tobytes()
        else:
            code, data = "B", bytes(value)
        pad = -offset % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            offset += pad
        layout.append(_SECTION.pack(_field(name), code.encode(), offset, len(data)))
        chunks.append(data)
        offset += len(data)
    body = b"".join(chunks)
    head = _HEAD.pack(
        MAGIC,
        VERSION,
        _ORDER,
        len(layout),
        zlib.crc32(body),
        len(body),
        _field(kind),
        _field(key, 64),
    )
    return head + b"".join(layout) + body


def _field(text: str, size: int = 16) -> bytes:
    data = text.encode()
    if len(data) > size:
        raise ValueError(f"{text!r} is longer than {size} bytes")
    return data


def write(path: Path, payload: bytes | Iterable[bytes]) -> bool:
    """Write ``payload`` to ``path`` atomically; False (and nothing written) on any error.

    ``payload`` may be chunks, written as they come (a corpus's texts are not
    joined in memory first).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.parent not in _made:
            path.parent.mkdir(parents=True, exist_ok=True)
            _made.add(path.parent)
        try:
            if isinstance(payload, bytes):
                tmp.write_bytes(payload)
            else:
                with open(tmp, "wb") as handle:
                    for chunk in payload:
                        handle.write(chunk)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def prune(kept: Path, pattern: str, keep: int) -> list[Path]:
    """Remove all but the ``keep`` most recently used files like ``kept`` (``pattern``
    in its folder, ``kept`` among those kept); return the ones removed.

    A cache keeps one such file per corpus: without this a user's cache would
    grow by a corpus-sized file for every folder ever opened.
    """
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        old = sorted(
            (p for p in kept.parent.glob(pattern) if p != kept),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in old[keep - 1 :]:
            stale.unlink(missing_ok=True)
            removed.append(stale)
    return removed


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


def peek(path: Path, kind: str, name: str) -> str | None:
    """The text section ``name`` of the file of ``kind`` at ``path``, read alone and unchecked.

    An index into a file that :func:`load` checks whole before anything in it
    is used: a many-document cache file tells which texts it holds without
    being read. None for a file that is not one of ``kind``'s or has no such section.
    """
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            magic, version, order, count, _, _, got_kind, _ = _HEAD.unpack(handle.read(_HEAD.size))
            if magic != MAGIC or version != VERSION or order != _ORDER:
                return None
            if got_kind.rstrip(b"\0") != kind.encode():
                return None
            start = _HEAD.size + count * _SECTION.size
            for field, code, offset, length in _SECTION.iter_unpack(
                handle.read(count * _SECTION.size)
            ):
                if field.rstrip(b"\0") == name.encode() and code == b"s":
                    if start + offset + length > size:
                        return None
                    handle.seek(start + offset)
                    return handle.read(length).decode("utf-8", "surrogatepass")
    except (OSError, ValueError, UnicodeDecodeError, struct.error):
        return None
    return None


def parse(data: bytes, kind: str, key: str) -> Loaded | None:
    """:func:`load` for bytes already read."""
    try:
        magic, version, order, count, crc, size, got_kind, got_key = _HEAD.unpack_from(data)
        start = _HEAD.size + count * _SECTION.size
        if not (
            magic == MAGIC
            and version == VERSION
            and order == _ORDER
            and got_kind.rstrip(b"\0") == kind.encode()
            and got_key.rstrip(b"\0") == key.encode()
            and size == len(data) - start
        ):
            return None
        view = memoryview(data)[start:]
        if zlib.crc32(view) != crc:
            return None
        sections: Loaded = {}
        for name, code, offset, length in _SECTION.iter_unpack(data[_HEAD.size : start]):
            if offset + length > size:
                return None
            chunk = view[offset : offset + length]
            if code == b"s":
                sections[name.rstrip(b"\0").decode()] = str(chunk, "utf-8", "surrogatepass")
            elif code == b"B":
                sections[name.rstrip(b"\0").decode()] = chunk
            elif code in _ARRAY_CODES:
                sections[name.rstrip(b"\0").decode()] = chunk.cast(code.decode())
            else:
                return None
        return sections
    except (ValueError, TypeError, UnicodeDecodeError, struct.error):
        return None
