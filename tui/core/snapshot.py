"""The decoded texts of a corpus folder's last load, trusted again while each file's stat holds.

A script that asks one question of 1,000 articles spent a third of its time
opening, reading, decoding and hashing the 1,000 files it had read the time
before. So a load keeps, per corpus, two cache files: an index
(:mod:`tui.core.packed`) of each plain-text article's stat data (size,
modification and change times in nanoseconds, inode and device: what git
keys its index by), SHA-256, warning and length, and beside it the decoded
texts one after another. The next load stats every file (it lists the folder
anyway) and reads again only a file whose stat differs; the others' texts are
read from the texts file when first used (a one-shot search reads a few), each
checked against its CRC-32, so neither memory nor start-up pays for the texts
nobody reads.

A file changed within :data:`RACY_SECONDS` of the load is not kept (git's
"racy" entries): a second write within the file system's clock tick could
keep every stat field the same. Markdown and HTML files are not kept, as
what they read as depends on third-party renderers' versions, nor is a text
over :data:`MAX_KEPT_CHARS`: the per-file overhead saved is nothing beside
reading it. Like every cache of ours it is an optimisation only: off with
``FACTCHECK_CACHE=0``, and a missing, corrupt or foreign file is read as
"nothing known".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import BinaryIO

from tui.core import cache as claim_cache
from tui.core import packed

FORMAT = 3
_KIND = "texts-index"
RACY_SECONDS = 2.0
"""A file changed this recently (FAT's clock ticks in 2 s) is read again next time."""
MAX_KEPT_CHARS = 256_000
KEEP = 8
"""Snapshots kept (one per corpus, the most recently loaded)."""

StatKey = tuple[int, int, int, int, int]


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


@dataclass(slots=True)
class Known:
    """What reading a file gave: its text (or where the snapshot keeps it), hash and warning."""

    sha256: str
    warning: str | None
    length: int
    """The text's length in characters, known without reading it."""
    decoded: str | None = None
    source: Callable[[], bytes] | None = None
    """The UTF-8 of the text (surrogates passed), read from the snapshot's texts file."""
    crc: int = 0
    """The CRC-32 of what ``source`` gives: a garbled text is never shown (three times
    cheaper than its SHA-256, and the file is ours: this is against damage, not malice)."""

    @classmethod
    def of(cls, text: str, sha256: str, warning: str | None) -> Known:
        return cls(sha256, warning, len(text), decoded=text)

    @property
    def text(self) -> str | None:
        """The text, read when first asked for; None if the snapshot no longer holds it whole."""
        if self.decoded is None:
            data = self.utf8
            if data is None:
                return None
            self.decoded = str(data, "utf-8", "surrogatepass")
            self.source = None
        return self.decoded

    @property
    def utf8(self) -> bytes | None:
        if self.decoded is not None:
            return self.decoded.encode("utf-8", "surrogatepass")
        try:
            data = self.source() if self.source is not None else b""
        except (OSError, ValueError):
            return None
        return data if zlib.crc32(data) == self.crc else None


class _TextsFile:
    """The snapshot's texts, read by offset; closed when no document needs it any more."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._lock = threading.Lock()
        weakref.finalize(self, handle.close)

    def read(self, offset: int, size: int) -> bytes:
        with self._lock:
            self._handle.seek(offset)
            return self._handle.read(size)


@cache
def _code_key() -> str:
    """A hash of the code that turns a file's bytes into its text (read, not imported)."""
    here = Path(__file__)
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for name in ("text.py", "corpus.py", "snapshot.py", "packed.py"):
        digest.update(here.with_name(name).read_bytes())
    return digest.hexdigest()[:16]


def _path_for(roots: Sequence[Path]) -> tuple[Path, str]:
    digest = hashlib.sha256(_code_key().encode())
    for root in roots:
        digest.update(os.path.abspath(root).encode("utf-8", "surrogateescape") + b"\0")
    key = digest.hexdigest()[:32]
    return claim_cache.root() / f"texts-{_code_key()}" / f"{key}.fcpk", key


def _texts_path(index: Path) -> Path:
    return index.with_suffix(".texts")


_TOKEN = 32
"""Bytes of the random token that opens the texts file and is named in its index."""


class Snapshot:
    """The files one load of ``roots`` read, and what they read as."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = list(roots)
        self._known: dict[str, tuple[StatKey, int]] = {}
        self._texts: _TextsFile | None = None
        self._offsets: memoryview | None = None
        self._lengths: memoryview | None = None
        self._crcs: memoryview | None = None
        self._sha: str = ""
        self._warnings: list[str] = []
        self.changed = False
        """True once a load saw a file this snapshot did not hold as it is (or a file gone)."""
        self._seen: set[str] = set()
        self._cwd = os.path.join(os.getcwd(), "")
        if claim_cache.enabled():
            self._read()

    def _read(self) -> None:
        path, key = _path_for(self.roots)
        found = packed.load(path, _KIND, key)
        if found is None:
            return
        try:
            paths, stats, offsets = found["paths"], found["stats"], found["offsets"]
            lengths, token = found["lengths"], found["token"]
            sha, warnings, crcs = found["sha256"], found["warnings"], found["crcs"]
            names = paths.split("\0") if paths else []  # type: ignore[union-attr]
            if not (
                isinstance(sha, str)
                and isinstance(warnings, str)
                and isinstance(token, str)
                and isinstance(offsets, memoryview)
                and isinstance(stats, memoryview)
                and isinstance(lengths, memoryview)
                and len(stats) == 5 * len(names)
                and len(sha) == 64 * len(names)
                and len(offsets) == len(names) + 1
                and len(lengths) == len(names)
                and isinstance(crcs, memoryview)
                and len(crcs) == len(names)
            ):
                return
            texts = self._open_texts(path, token, offsets[-1])
            if texts is None:
                return
            numbers = iter(stats.tolist())
            keys = zip(*[numbers] * 5, strict=True)  # each file's five as a tuple, made in C
            entries = zip(keys, range(len(names)), strict=True)
            self._known = dict(zip(names, entries, strict=True))  # type: ignore[arg-type]
            self._texts, self._offsets, self._sha = texts, offsets, sha
            self._lengths, self._crcs = lengths, crcs
            self._warnings = warnings.split("\0")
        except (KeyError, TypeError, ValueError):
            self._known.clear()
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by the pruning

    @staticmethod
    def _open_texts(index: Path, token: str, size: int) -> _TextsFile | None:
        """The texts file written with ``index`` (its token and size say so), open."""
        try:
            handle = open(_texts_path(index), "rb", buffering=0)  # noqa: SIM115 (kept open)
        except OSError:
            return None
        try:
            if handle.read(_TOKEN) == token.encode() and os.fstat(handle.fileno()).st_size == (
                _TOKEN + size
            ):
                return _TextsFile(handle)
        except OSError:
            pass
        handle.close()
        return None

    def _name(self, path: Path) -> str:
        """``path`` made absolute (not resolved): the same file named from another folder."""
        name = os.fspath(path)
        return name if os.path.isabs(name) else self._cwd + name

    def lookup(self, path: Path, key: StatKey) -> Known | None:
        """What ``path`` reads as, if it is the very file (by its ``stat_key``) read last time."""
        name = self._name(path)
        self._seen.add(name)
        entry = self._known.get(name)
        if entry is None or entry[0] != key or self._texts is None:
            self.changed = True
            return None
        n = entry[1]
        offsets, lengths, crcs = self._offsets, self._lengths, self._crcs
        assert offsets is not None and lengths is not None and crcs is not None
        start, end = offsets[n], offsets[n + 1]
        return Known(  # by position: a thousand files make a thousand of these
            self._sha[64 * n : 64 * n + 64],
            self._warnings[n] or None,
            lengths[n],
            None,
            partial(self._texts.read, _TOKEN + start, end - start),
            crcs[n],
        )

    def save(self, read: Sequence[tuple[Path, StatKey, Known]]) -> None:
        """Keep ``read`` (each file, its stat before it was read, what it read as) for next time.

        Written only when this load found something it did not hold, or a file it held is gone.
        """
        if not claim_cache.enabled():
            return
        if not self.changed and len(self._seen) == len(self._known):
            return
        target, key = _path_for(self.roots)
        token = os.urandom(_TOKEN // 2).hex()
        kept = _Kept()
        # The texts first, one at a time (never the corpus twice in memory):
        # an index is never read without the texts it names.
        if packed.write(_texts_path(target), kept.texts(self._name, read, token)) and packed.dump(
            target, _KIND, key, kept.sections(token)
        ):
            _prune(target)


class _Kept:
    """The files a snapshot keeps, gathered while their texts are written."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.stats = array("q")
        self.offsets = array("Q", [0])
        self.lengths = array("Q")
        self.crcs = array("I")
        self.sha: list[str] = []
        self.warnings: list[str] = []

    def texts(
        self,
        name_of: Callable[[Path], str],
        read: Sequence[tuple[Path, StatKey, Known]],
        token: str,
    ) -> Iterator[bytes]:
        yield token.encode()
        recent = time.time_ns() - int(RACY_SECONDS * 1e9)
        for path, key, known in read:
            if max(key[1], key[2]) >= recent or known.length > MAX_KEPT_CHARS:
                continue
            name = name_of(path)
            if "\0" in name or (known.warning and "\0" in known.warning):
                continue
            try:
                packed_key = array("q", key)
            except OverflowError:  # a time before 1677 or an inode past 2**63: read it each time
                continue
            data = known.utf8
            if data is None:  # its snapshot entry went bad: read afresh next time
                continue
            self.names.append(name)
            self.lengths.append(known.length)
            self.crcs.append(zlib.crc32(data))
            self.stats.extend(packed_key)
            self.offsets.append(self.offsets[-1] + len(data))
            self.sha.append(known.sha256)
            self.warnings.append(known.warning or "")
            yield data

    def sections(self, token: str) -> dict[str, packed.Section]:
        return {
            "paths": "\0".join(self.names),
            "stats": self.stats,
            "offsets": self.offsets,
            "lengths": self.lengths,
            "crcs": self.crcs,
            "sha256": "".join(self.sha),
            "warnings": "\0".join(self.warnings),
            "token": token,
        }


def _prune(kept: Path) -> None:
    for stale in packed.prune(kept, "*.fcpk", KEEP):
        with contextlib.suppress(OSError):
            _texts_path(stale).unlink(missing_ok=True)
