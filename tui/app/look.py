"""How the reader names documents and shows labels: alike in every pane and dialog."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import LABELS, Document, Label

MUTED = "$foreground-muted"
"""Secondary text in ``Content``: ``$text-muted`` is an "auto" colour, drawn there bright white."""
LABEL_STYLES = {
    "sourced": "bold $text-success",
    "disputed": "bold $text-error",
    "opinion": "bold $text-warning",
    "skip": f"bold {MUTED}",
}


def label_part(label: str | None) -> tuple[str, str]:
    """``[D] disputed`` in its colour (the letter reads without colour), or ``unreviewed``."""
    if label is None:
        return ("unreviewed", MUTED)
    letter = Label(label).letter if label in LABELS else "?"
    return (f"[{letter}] {label}", LABEL_STYLES.get(label, "bold"))


def short_ids(documents: Iterable[Document]) -> dict[str, str]:
    """``000`` for ``000_b9222599d6781aaf`` when no other document shares the prefix."""
    docs = list(documents)
    heads: dict[str, int] = {}
    for doc in docs:
        head = doc.id.split("_", 1)[0]
        heads[head] = heads.get(head, 0) + 1
    result = {}
    for doc in docs:
        head = doc.id.split("_", 1)[0]
        result[doc.id] = head if head and heads[head] == 1 else doc.id
    return result
