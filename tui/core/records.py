"""Annotation records and their TOML form (docs/format.md, "Annotation files").

Files are read with ``tomllib`` and written with ``tomli-w``: records sorted
by ``start``, keys in a fixed order, unknown keys kept after the known ones,
so a change of one tag is a small, readable diff and a newer version's keys
survive an older version's rewrite.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.filekind import describe_kind
from tui.core.labels import label_names

if TYPE_CHECKING:
    from datetime import datetime

FORMAT = 2
"""What every save writes: one file per analyst per document."""
FORMATS = (1, 2)
"""What this version reads. Format 1 (one file per document, each record naming
its analyst) is still read, never written (docs/format.md, "Format 1")."""
CLEARED = "none"
"""The label of a format 2 record saying "this analyst cleared their tag here":
written only to hide the analyst's older record in a format 1 file, which is
never rewritten."""
KEY_ORDER = (
    "id",
    "label",
    "verdict",
    "own_label",
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
TOP_KEYS = ("format", "document", "analyst", "sha256")
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
    """Make a string that TOML holds and gives back unchanged.

    Lone surrogates (which UTF-8 cannot encode) become U+FFFD, and ``\r\n`` and
    ``\r`` become ``\n`` as in document text: tomli-w writes a multi-line
    string with bare newlines, so a ``\r\n`` would otherwise come back ``\n``.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def now() -> datetime:
    from datetime import UTC, datetime  # only to stamp a save (see toml_write)

    return datetime.now(UTC).replace(microsecond=0)


def stamp_after(base: Annotation | None) -> datetime:
    """Now, or a second after ``base``'s stamp if the clock is behind it (a new record
    must be the newest whatever the analysts' clocks say)."""
    from datetime import timedelta  # only when saving

    stamp = now()
    if base is not None and base.updated is not None and base.updated >= stamp:
        stamp = base.updated + timedelta(seconds=1)
    return stamp


def epoch() -> datetime:
    """The oldest stamp: a record without one loses to any record with one."""
    from datetime import UTC, datetime  # only when saving

    return datetime(1970, 1, 1, tzinfo=UTC)


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
    verdict: bool = False
    """This analyst's decision settles the claim for the team (a reviewer's)."""
    own_label: str = ""
    """On a verdict: the label its analyst had tagged the claim with before settling it,
    their own rating (agreement counts it); empty if they had not tagged it."""

    @property
    def cleared(self) -> bool:
        """A record that only says its analyst cleared the tag (see ``CLEARED``)."""
        return self.label == CLEARED

    @property
    def own_rating(self) -> str:
        """The analyst's own tag in this record (a verdict's ``own_label``): what a
        verdict replacing it keeps."""
        if self.cleared:
            return ""
        return self.own_label if self.verdict else self.label

    @property
    def key(self) -> str:
        """What identifies the record when merging: its claim id, else its span."""
        return self.id or f"@{self.start}:{self.end}"

    def to_toml(self, *, with_analyst: bool = True) -> dict[str, Any]:
        from tui.core.toml_write import Timestamp  # only to write a file

        values: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "verdict": True if self.verdict else None,
            "own_label": self.own_label if self.verdict else "",
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "sources": [clean_string(s) for s in self.sources if s],
            "analyst": self.analyst if with_analyst else "",
            "updated": Timestamp.of(self.updated) if self.updated else None,
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
    """The parsed content of an annotation file.

    Format 2 (``annotations/<analyst slug>/<doc>.toml``) names its analyst
    once, at the top, and every record is theirs; format 1
    (``annotations/<doc>.toml``) names the analyst in each record.
    """

    document: str
    sha256: str = ""
    records: list[Annotation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    analyst: str = ""
    format: int = FORMAT

    def dumps(self) -> str:
        top: dict[str, Any] = {"format": self.format, "document": clean_string(self.document)}
        per_record = self.format == 1
        if not per_record:
            top["analyst"] = clean_string(self.analyst)
        if self.sha256:
            top["sha256"] = self.sha256
        top.update(_clean_extra(self.extra))
        records = sorted(self.records, key=lambda r: (r.start, r.end, r.key))
        if records:
            top["claim"] = [
                r.to_toml(with_analyst=per_record or r.analyst != self.analyst) for r in records
            ]
        from tui.core import toml_write  # only to write a file

        return toml_write.dumps(top)


_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*claim[ \t]*\]\]", re.MULTILINE)


def _header_line(source: str, index: int) -> int | None:
    """The line of the ``index``-th ``[[claim]]`` header (0-based), for error messages.

    A ``[[claim]]`` line may also sit inside a multi-line note, so a candidate
    counts only if the text before it parses and holds exactly ``index``
    records. Only called when something is wrong, so the cost does not matter.
    """
    from tui.core import toml_read

    for match in _HEADER_RE.finditer(source):
        try:
            before = toml_read.strict_loads(source[: match.start()])
        except toml_read.TOMLDecodeError:
            continue
        claims = before.get("claim", [])
        if isinstance(claims, list) and len(claims) == index:
            return source.count("\n", 0, match.start()) + 1
    return None


def parse(source: str, path: Path) -> AnnotationFile:
    """Parse and check an annotation file; every problem names the file and line."""
    from tui.core import toml_read  # only once a file is there: untagged articles have none

    try:
        data = toml_read.loads(source)
    except RecursionError:
        raise AnnotationFileError(path, _TOO_DEEP) from None
    except toml_read.TOMLDecodeError as error:
        match = _LINE_RE.search(str(error))
        message = _LINE_RE.sub("", str(error)).strip()
        raise AnnotationFileError(
            path, f"not valid TOML ({message})", int(match.group(1)) if match else None
        ) from None
    if _too_deep(data):
        raise AnnotationFileError(path, _TOO_DEEP)
    fmt = data.pop("format", 1)
    if fmt not in FORMATS or isinstance(fmt, bool):
        raise AnnotationFileError(
            path,
            f"format {fmt!r} is not one this version reads (1 or 2)",
            _key_line(source, "format"),
        )
    document = data.pop("document", path.stem + ".txt")
    sha = data.pop("sha256", "")
    analyst = data.pop("analyst", "") if fmt == 2 else ""
    claims = data.pop("claim", [])
    if not all(isinstance(v, str) for v in (document, sha, analyst)):
        raise AnnotationFileError(path, "`document`, `analyst` and `sha256` must be strings")
    if not isinstance(claims, list):
        raise AnnotationFileError(path, "`claim` must be an array of tables ([[claim]])")
    records = []
    for i, table in enumerate(claims):
        try:
            record = _record(table, cleared_allowed=fmt == 2)
        except ValueError as error:
            raise AnnotationFileError(path, str(error), _header_line(source, i)) from None
        record.analyst = record.analyst or analyst
        records.append(record)
    return AnnotationFile(document, sha, records, data, analyst, fmt)


MAX_DEPTH = 32
"""Deepest nesting of tables and arrays a file may have. Real files nest three
levels; a hostile one nested 3,000 deep made ``tomllib`` raise RecursionError,
and one 300–495 deep read but could never be saved again (tomli-w recurses)."""


def _too_deep(data: Any) -> bool:
    """Whether ``data`` nests deeper than ``MAX_DEPTH`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:  # only containers are stacked: a value below MAX_DEPTH is too deep
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if children and depth >= MAX_DEPTH:
            return True
        stack.extend([(v, depth + 1) for v in children if isinstance(v, dict | list)])
    return False


_TOO_DEEP = f"nests tables or arrays more than {MAX_DEPTH} levels deep"


def _key_line(source: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else None


def _record(table: Any, *, cleared_allowed: bool = False) -> Annotation:
    """Check one ``[[claim]]`` table; a problem raises ``ValueError`` saying what."""
    from datetime import UTC, datetime  # what the TOML reader gives for `updated`

    if not isinstance(table, dict):
        raise ValueError("each [[claim]] must be a table")
    table = dict(table)
    for key in ("label", "quote", "start", "end"):
        if key not in table:
            raise ValueError(f"this [[claim]] has no `{key}`")
    label, quote, start, end = (table.pop(k) for k in ("label", "quote", "start", "end"))
    if label not in label_names() and not (cleared_allowed and label == CLEARED):
        raise ValueError(f"unknown label {label!r} (expected one of {', '.join(label_names())})")
    if not isinstance(quote, str):
        raise ValueError("`quote` must be a string")
    if any(not isinstance(v, int) or isinstance(v, bool) for v in (start, end)):
        raise ValueError("`start` and `end` must be whole numbers")
    if not 0 <= start <= end:
        raise ValueError(f"`start` {start} and `end` {end} do not make a span")
    strings = {}
    for key in ("id", "prefix", "suffix", "note", "analyst"):
        value = table.pop(key, "")
        if not isinstance(value, str):
            raise ValueError(f"`{key}` must be a string")
        strings[key] = value
    sources = table.pop("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ValueError("`sources` must be a list of strings")
    verdict = table.pop("verdict", False)
    if not isinstance(verdict, bool):
        raise ValueError("`verdict` must be true or false")
    own_label = table.pop("own_label", "")
    if own_label and own_label not in label_names():
        raise ValueError(f"unknown `own_label` {own_label!r}")
    updated = table.pop("updated", None)
    if updated is not None and not isinstance(updated, datetime):
        raise ValueError("`updated` must be a date and time (2026-11-22T10:15:00Z)")
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
        verdict=verdict,
        own_label=own_label if verdict else "",
        **strings,
    )


def read(path: Path) -> AnnotationFile | None:
    """Read ``path``; ``None`` if it does not exist. Raises ``AnnotationFileError``.

    Only a regular file is read: a symbolic link is refused (a save would
    replace the link, not its target) and a FIFO or device is never opened
    for a blocking read (it would hang every command).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            raise AnnotationFileError(path, SYMLINK_REASON) from None
        raise AnnotationFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise AnnotationFileError(path, f"is {describe_kind(kind)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    except OSError as error:
        raise AnnotationFileError(path, f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AnnotationFileError(path, "is not UTF-8 text", line) from None
    return parse(source.removeprefix("\ufeff"), path)  # an editor's BOM is harmless


SYMLINK_REASON = "is a symbolic link, which factcheck does not follow (put the file itself there)"
