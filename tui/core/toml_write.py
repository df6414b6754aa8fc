"""Writing annotation files' TOML: ``tomli-w``, with times as docs/format.md shows them.

A module of its own, imported by the first save: a command that only reads
(a one-shot ``factcheck search``) never writes a file, and ``tomli_w`` with
the ``datetime`` it imports was ~2 ms of every start.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import tomli_w


class Timestamp(datetime):
    """A datetime that tomli-w writes as docs/format.md shows it: ``2026-11-22T10:15:00Z``.

    tomli-w formats dates with ``str()``, which would give
    ``2026-11-22 10:15:00+00:00``: valid TOML, but not the documented form.
    """

    @classmethod
    def of(cls, value: datetime) -> Timestamp:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return cls.fromisoformat(value.astimezone(UTC).isoformat())

    def __str__(self) -> str:
        return self.isoformat().replace("+00:00", "Z")


def dumps(table: dict[str, Any]) -> str:
    """``table`` as an annotation file's text (multi-line strings written as such)."""
    return tomli_w.dumps(table, multiline_strings=True)
