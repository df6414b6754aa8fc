"""Document metadata: ``<corpus>/<document id>.toml`` beside the article text.

One file per document, shared by the whole team (docs/format.md, "Document
metadata"): where the article came from (``url``, ``title``, ``author``,
``published``, ``site``, ``fetched``) and the claim boundaries the team has
corrected (``[[boundary]]``, see :mod:`tui.core.boundaries`).

A file that does not parse is reported and never overwritten; a field of the
wrong type is ignored with a warning but kept as it is; unknown keys survive
every rewrite. :func:`document_metadata` is the one question exports ask: it
also reads the version 1 sources (a first line that is a bare URL, the
top-level keys of a format 1 annotation file).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from tui.core import toml_read
from tui.core.atomic import write_atomic
from tui.core.records import AnnotationFileError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from tui.core.model import Document

SUFFIX = ".toml"
FIELDS = ("url", "title", "author", "published", "site", "fetched")
AUTHOR_TYPES = ("Person", "Organization")
BOUNDARY_ACTIONS = ("split", "join", "noclaim")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"\x00-\x1f\x7f]+$", re.IGNORECASE)
_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|original)\s*:\s*)?<?(https?://[^\s<>\"]+)>?$", re.IGNORECASE
)
_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")


class MetadataError(AnnotationFileError):
    """A metadata file that cannot be used (named with its line); it is never overwritten."""


@dataclass(frozen=True)
class Author:
    name: str
    type: str = "Person"
    url: str | None = None

    def to_toml(self) -> str | dict[str, str]:
        if self.type == "Person" and not self.url:
            return self.name
        table = {"type": self.type, "name": self.name}
        if self.url:
            table["url"] = self.url
        return table


@dataclass(frozen=True)
class Boundary:
    """One corrected claim boundary, anchored by the text around it.

    ``split`` and ``join`` name a point between two words: ``before`` is the
    text just before it, ``after`` the text just after (whitespace between them
    does not count). ``noclaim`` names a block by its whole text (``quote``).
    ``start`` is where it was when made: among several matches the nearest wins.
    """

    action: str
    start: int
    before: str = ""
    after: str = ""
    quote: str = ""
    analyst: str = ""
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_toml(self) -> dict[str, Any]:
        table: dict[str, Any] = {"action": self.action}
        if self.action == "noclaim":
            table["quote"] = self.quote
        else:
            table["before"] = self.before
            table["after"] = self.after
        table["start"] = self.start
        if self.analyst:
            table["analyst"] = self.analyst
        if self.updated is not None:
            table["updated"] = self.updated.astimezone(UTC).replace(microsecond=0)
        table.update(self.extra)
        return table

    def same_place(self, other: Boundary) -> bool:
        return (self.action, self.before, self.after, self.quote, self.start) == (
            other.action,
            other.before,
            other.after,
            other.quote,
            other.start,
        )


@dataclass
class Metadata:
    url: str | None = None
    title: str | None = None
    author: Author | None = None
    published: date | None = None
    site: str | None = None
    fetched: datetime | None = None
    boundaries: list[Boundary] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, and known keys whose value it could not use."""
    warnings: list[str] = field(default_factory=list)

    def dumps(self) -> str:
        top: dict[str, Any] = {}
        for key in FIELDS:
            value = getattr(self, key)
            if value is None:
                continue
            if key == "author":
                value = value.to_toml()
            elif key == "fetched":
                value = value.astimezone(UTC).replace(microsecond=0)
            top[key] = value
        for key, value in self.extra.items():
            top.setdefault(key, value)
        if self.boundaries:
            top["boundary"] = [b.to_toml() for b in sorted(self.boundaries, key=boundary_key)]
        return tomli_w.dumps(top, multiline_strings=True)

    @property
    def empty(self) -> bool:
        return all(getattr(self, key) is None for key in FIELDS) and not self.boundaries


def boundary_key(boundary: Boundary) -> tuple[int, str, str]:
    return (boundary.start, boundary.action, boundary.before + boundary.quote)


def path_for(doc_path: Path, doc_id: str | None = None) -> Path:
    """``<folder>/<id>.toml`` beside the article file."""
    return doc_path.parent / f"{doc_id or doc_path.stem}{SUFFIX}"


def safe_url(value: Any) -> str | None:
    """``value`` if it is one plain http(s) URL, else ``None``."""
    if isinstance(value, str) and _SAFE_URL.match(value.strip()):
        return value.strip()
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def parse_author(value: Any) -> Author | None:
    """A name (a Person), or a table ``{type, name, url}``."""
    if name := _text(value):
        return Author(name)
    if isinstance(value, dict) and (name := _text(value.get("name"))):
        kind = value.get("type")
        return Author(name, kind if kind in AUTHOR_TYPES else "Person", safe_url(value.get("url")))
    return None


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            return _parse_time(datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "url": safe_url,
    "title": _text,
    "author": parse_author,
    "published": parse_date,
    "site": _text,
    "fetched": _parse_time,
}


def _boundary(table: Any) -> Boundary:
    if not isinstance(table, dict):
        raise ValueError("each [[boundary]] must be a table")
    table = dict(table)
    action = table.pop("action", None)
    if action not in BOUNDARY_ACTIONS:
        raise ValueError(f"unknown action {action!r} (expected {', '.join(BOUNDARY_ACTIONS)})")
    start = table.pop("start", 0)
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise ValueError("`start` must be a whole number")
    strings = {}
    for key in ("before", "after", "quote", "analyst"):
        value = table.pop(key, "")
        if not isinstance(value, str):
            raise ValueError(f"`{key}` must be a string")
        strings[key] = value
    if action == "noclaim" and not strings["quote"].strip():
        raise ValueError("a noclaim [[boundary]] needs the block's `quote`")
    if action != "noclaim" and not (strings["before"].strip() and strings["after"].strip()):
        raise ValueError(f"a {action} [[boundary]] needs `before` and `after`")
    updated = _parse_time(table.pop("updated", None))
    return Boundary(action, start, updated=updated, extra=table, **strings)


def parse(source: str, path: Path) -> Metadata:
    """Parse a metadata file; a TOML error raises, a bad field becomes a warning."""
    try:
        data = toml_read.loads(source)
    except toml_read.TOMLDecodeError as error:
        match = _LINE_RE.search(str(error))
        message = _LINE_RE.sub("", str(error)).strip()
        raise MetadataError(
            path, f"not valid TOML ({message})", int(match.group(1)) if match else None
        ) from None
    meta = Metadata()
    tables = data.pop("boundary", [])
    for key in FIELDS:
        if key not in data:
            continue
        value = _PARSERS[key](data[key])
        if value is None:
            meta.warnings.append(f"{path.name}: `{key}` = {data[key]!r} is not usable; ignored")
            continue
        setattr(meta, key, value)
        del data[key]
    meta.extra = data
    if not isinstance(tables, list):
        raise MetadataError(path, "`boundary` must be an array of tables ([[boundary]])")
    for i, table in enumerate(tables):
        try:
            meta.boundaries.append(_boundary(table))
        except ValueError as error:
            raise MetadataError(path, f"[[boundary]] number {i + 1}: {error}") from None
    return meta


def read(path: Path) -> Metadata | None:
    """The metadata in ``path``; ``None`` if there is none. Raises :class:`MetadataError`."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise MetadataError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise MetadataError(path, "is not UTF-8 text", line) from None
    return parse(source.removeprefix("\ufeff"), path)


def read_safely(path: Path) -> tuple[Metadata | None, list[str]]:
    """Like :func:`read` but never raising: problems come back as warnings."""
    try:
        meta = read(path)
    except MetadataError as error:
        return None, [f"{error}; its metadata and boundary corrections are ignored until fixed"]
    return meta, (meta.warnings if meta else [])


@contextlib.contextmanager
def _folder_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the corpus folder itself: no lock file among the articles."""
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        yield  # no folder to lock (the write will say why) or a system without this
        return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def update(path: Path, change: Callable[[Metadata], Metadata]) -> Metadata:
    """Read ``path`` again under a lock, apply ``change``, write the result atomically.

    A file that does not parse raises :class:`MetadataError` and is left as it is.
    """
    with _folder_lock(path):
        current = read(path) or Metadata()
        new = change(replace(current, boundaries=list(current.boundaries), warnings=[]))
        write_atomic(path, new.dumps())
    return new


def write_new(path: Path, meta: Metadata) -> None:
    """Write the metadata of a document being added (refusing to replace a file)."""
    with _folder_lock(path):
        if path.exists():
            raise FileExistsError(path)
        write_atomic(path, meta.dumps())


def first_line_url(text: str) -> str | None:
    """A version 1 corpus's source: the article's first line, if it is a bare URL."""
    line = text.lstrip().split("\n", 1)[0].strip()
    found = _URL_LINE.match(line)
    return safe_url(found.group(1)) if found else None


def _format1_keys(annotations: Path | None, doc_id: str) -> dict[str, Any]:
    """``url``/``title``/``published``/``author`` at the top of a format 1 annotation file."""
    if annotations is None:
        return {}
    try:
        data = toml_read.strict_loads((annotations / f"{doc_id}{SUFFIX}").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, toml_read.TOMLDecodeError):
        return {}
    return {k: data[k] for k in ("url", "title", "published", "author") if k in data}


def document_metadata(doc: Document, annotations: Path | None = None) -> Metadata:
    """Everything known about a document, for exports: never raises.

    The metadata file wins field by field; what it lacks comes from a format 1
    annotation file's top-level keys, then (``url`` only) a first line that is
    a bare URL. Problems are in ``warnings``.
    """
    meta, warnings = read_safely(path_for(doc.path, doc.id))
    meta = meta or Metadata()
    meta.warnings = list(warnings)
    for key, value in _format1_keys(annotations, doc.id).items():
        if getattr(meta, key) is None:
            setattr(meta, key, _PARSERS[key](value))
    if meta.url is None:
        meta.url = first_line_url(doc.text)
    return meta
