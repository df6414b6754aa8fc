"""CSV: one row per annotation (one per analyst per claim), for a spreadsheet.

Written with the ``csv`` module, every cell quoted, so commas, quotes and
newlines in a note survive a round trip. A cell a spreadsheet could run as a
formula gets a leading single quote, as OWASP advises against CSV injection:
the cell then reads as text, and whoever parses the file back sees the quote
and can drop it. Spreadsheets skip leading blanks and read the full-width
forms of ``=`` ``+`` ``-`` ``@`` as the ASCII ones, so those count too
(docs/format.md, "Exports").
"""

from __future__ import annotations

import csv
import io
import re

from tui.core.display import display
from tui.core.export.summary import Summary, iso_time

COLUMNS = (
    "doc",
    "id",
    "label",
    "verdict",
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
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\ufe66\uff0b\ufe62\uff0d\ufe63\uff20\ufe6b")
"""What a formula may start with: ``= + - @``, tab and line breaks (OWASP), and
the full-width and small forms ``＝ ﹦ ＋ ﹢ － ﹣ ＠ ﹫``."""
_BLANKS = re.compile(r"[\s\u00a0\u200b-\u200d\u2060\ufeff]*")
"""Skipped before the character a spreadsheet looks at: spaces, line breaks,
no-break and zero-width spaces."""


def _starts_formula(cell: str) -> bool:
    if cell[:1] in FORMULA_START:
        return True
    rest = cell[_BLANKS.match(cell).end() :]  # type: ignore[union-attr]
    return rest[:1] in FORMULA_START


def neutralise(cell: str) -> str:
    """``cell`` as shown to a person, with a leading ``'`` if it could run as a formula.

    Names, notes and quotes go through :func:`tui.core.display.display` (line
    breaks kept): an escape sequence cannot run when the file is printed, and
    a bidi override cannot reorder what a spreadsheet shows. Both the cell and
    its shown form are checked, as removing a control may uncover an ``=``.
    """
    shown = display(cell, multiline=True)
    return "'" + shown if _starts_formula(cell) or _starts_formula(shown) else shown


def rows(summary: Summary) -> list[dict[str, str]]:
    """The rows as plain strings, before neutralising (what the cells mean)."""
    return [
        {
            "doc": entry.doc_id,
            "id": entry.id,
            "label": entry.label,
            "verdict": "true" if entry.record.verdict else "false",
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
