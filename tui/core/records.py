"""Annotation records and their TOML form (DESIGN.md, "Annotation files").

Files are read with ``tomllib`` and written with ``tomli-w``: records sorted
by ``start``, keys in a fixed order, unknown keys kept after the known ones,
so a change of one tag is a small, readable diff and a newer version's keys
survive an older version's rewrite.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from tui.core.model import LABELS

FORMAT = 1
KEY_ORDER = (
    "id",
    "label",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "note",
    "sources",
    "analyst",
    "updated",
)
TOP_KEYS = ("format", "document", "sha256")
CONTEXT = 32
"""Characters of prefix and suffix kept around a quote for re-anchoring."""


class AnnotationFileError(ValueError):
    """An annotation file that cannot be used; it is never overwritten."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = message


def clean_string(value: str) -> str:
    """Make a string TOML can hold: lone surrogates become U+FFFD."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Annotation:
    """One tagged claim as stored: a quote anchored by position and context."""

    label: str
    quote: str
    start: int
    end: int
    id: str = ""
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    sources: list[str] = field(default_factory=list)
    analyst: str = ""
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept verbatim."""

    @property
    def key(self) -> str:
        """What identifies the record when merging: its claim id, else its span."""
        return self.id or f"@{self.start}:{self.end}"

    def to_toml(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "sources": [clean_string(s) for s in self.sources if s],
            "analyst": self.analyst,
            "updated": self.updated,
        }
        table = {
            k: clean_string(v) if isinstance(v, str) else v
            for k in KEY_ORDER
            if (v := values[k]) not in ("", None, []) or k in ("label", "quote", "start", "end")
        }
        table.update(_clean_extra(self.extra))
        return table

    def touched(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` and a fresh ``updated`` stamp."""
        return replace(self, updated=now(), **changes)


def _clean_extra(value: Any) -> Any:
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, dict):
        return {clean_string(str(k)): _clean_extra(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean_extra(v) for v in value if v is not None]
    return value


@dataclass
class AnnotationFile:
    """The parsed content of ``annotations/<doc>.toml``."""

    document: str
    sha256: str = ""
    records: list[Annotation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def dumps(self) -> str:
        top: dict[str, Any] = {"format": FORMAT, "document": clean_string(self.document)}
        if self.sha256:
            top["sha256"] = self.sha256
        top.update(_clean_extra(self.extra))
        records = sorted(self.records, key=lambda r: (r.start, r.end, r.key))
        if records:
            top["claim"] = [r.to_toml() for r in records]
        return tomli_w.dumps(top, multiline_strings=True)


_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")


def _claim_header_lines(source: str) -> list[int]:
    return [
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if line.strip().replace(" ", "").startswith("[[claim]]")
    ]


def parse(source: str, path: Path) -> AnnotationFile:
    """Parse and check an annotation file; every problem names the file and line."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        match = _LINE_RE.search(str(error))
        message = _LINE_RE.sub("", str(error)).strip()
        raise AnnotationFileError(
            path, f"not valid TOML ({message})", int(match.group(1)) if match else None
        ) from None
    fmt = data.pop("format", FORMAT)
    if fmt != FORMAT:
        raise AnnotationFileError(path, f"format {fmt!r} is not one this version reads ({FORMAT})")
    document = data.pop("document", path.stem + ".txt")
    sha = data.pop("sha256", "")
    claims = data.pop("claim", [])
    if not isinstance(document, str) or not isinstance(sha, str):
        raise AnnotationFileError(path, "`document` and `sha256` must be strings")
    if not isinstance(claims, list):
        raise AnnotationFileError(path, "`claim` must be an array of tables ([[claim]])")
    headers = _claim_header_lines(source)
    records = [
        _record(table, path, headers[i] if i < len(headers) else None)
        for i, table in enumerate(claims)
    ]
    return AnnotationFile(document, sha, records, data)


def _record(table: Any, path: Path, line: int | None) -> Annotation:
    def fail(message: str) -> AnnotationFileError:
        return AnnotationFileError(path, message, line)

    if not isinstance(table, dict):
        raise fail("each [[claim]] must be a table")
    table = dict(table)
    for key in ("label", "quote", "start", "end"):
        if key not in table:
            raise fail(f"this [[claim]] has no `{key}`")
    label, quote, start, end = (table.pop(k) for k in ("label", "quote", "start", "end"))
    if label not in LABELS:
        raise fail(f"unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if not isinstance(quote, str):
        raise fail("`quote` must be a string")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise fail("`start` and `end` must be whole numbers")
    if not 0 <= start <= end:
        raise fail(f"`start` {start} and `end` {end} do not make a span")
    strings = {}
    for key in ("id", "prefix", "suffix", "note", "analyst"):
        value = table.pop(key, "")
        if not isinstance(value, str):
            raise fail(f"`{key}` must be a string")
        strings[key] = value
    sources = table.pop("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise fail("`sources` must be a list of strings")
    updated = table.pop("updated", None)
    if updated is not None and not isinstance(updated, datetime):
        raise fail("`updated` must be a date and time (2026-11-22T10:15:00Z)")
    if isinstance(updated, datetime) and updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    return Annotation(
        label=label,
        quote=quote,
        start=start,
        end=end,
        sources=sources,
        updated=updated,
        extra=table,
        **strings,
    )


def read(path: Path) -> AnnotationFile | None:
    """Read ``path``; ``None`` if it does not exist. Raises ``AnnotationFileError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AnnotationFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AnnotationFileError(path, "is not UTF-8 text", line) from None
    return parse(source, path)
