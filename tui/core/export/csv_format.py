"""CSV: one row per annotation, for a spreadsheet.

Written with the ``csv`` module, every cell quoted, so commas, quotes and
newlines in a note survive a round trip. A cell a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab or carriage return first) gets a
leading single quote, as OWASP advises against CSV injection: the cell then
reads as text, and whoever parses the file back sees the quote and can drop it.
"""

from __future__ import annotations

import csv
import io
import re

from tui.core.export.summary import Summary, iso_time

COLUMNS = (
    "doc",
    "id",
    "label",
    "start",
    "end",
    "quote",
    "note",
    "sources",
    "analyst",
    "updated",
    "anchor",
)
SOURCE_SEPARATOR = " | "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def neutralise(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would read it as a formula.

    Control characters other than tab, newline and carriage return become
    spaces first: printed to a terminal, an escape sequence in a note would
    otherwise run.
    """
    cell = _CONTROL.sub(" ", cell)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def rows(summary: Summary) -> list[dict[str, str]]:
    """The rows as plain strings, before neutralising (what the cells mean)."""
    return [
        {
            "doc": entry.doc_id,
            "id": entry.id,
            "label": entry.label,
            "start": str(entry.start),
            "end": str(entry.end),
            "quote": entry.record.quote,
            "note": entry.record.note,
            "sources": SOURCE_SEPARATOR.join(s for s in entry.record.sources if s.strip()),
            "analyst": summary.analyst_of(entry),
            "updated": iso_time(entry.record.updated) or "",
            "anchor": entry.anchor.value,
        }
        for entry in summary.entries
    ]


def render(summary: Summary) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(summary):
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return out.getvalue()
