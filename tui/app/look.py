"""How the reader names documents and shows labels: alike in every pane and dialog."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.display import display
from tui.core.labels import label_def, letter
from tui.core.model import Document
from tui.core.team import Status

MUTED = "$foreground-muted"
"""Secondary text in ``Content``: ``$text-muted`` is an "auto" colour, drawn there bright white."""
TONE_STYLES = {
    "success": "bold $text-success",
    "error": "bold $text-error",
    "warning": "bold $text-warning",
    "accent": "bold $text-accent",
    "muted": f"bold {MUTED}",
}
"""``Content`` styles of the label tones (:attr:`tui.core.labels.LabelDef.tone`)."""


def label_style(label: str | None) -> str:
    """The ``Content`` style of ``label`` (plain bold for a label this version does not know)."""
    found = label_def(label) if label else None
    return TONE_STYLES.get(found.tone, "bold") if found else "bold"


CONTESTED_PART = ("? contested", "bold $text-warning")
"""A claim the analysts tagged apart, with no verdict yet: the team has no label for it."""


def label_part(label: str | None, status: str | None = None) -> tuple[str, str]:
    """``[D] disputed`` in its colour (the letter reads without colour); without a label,
    ``? contested`` when ``status`` says the analysts disagree, else ``unreviewed``."""
    if label is None:
        return CONTESTED_PART if status == Status.CONTESTED else ("unreviewed", MUTED)
    return (f"[{letter(label)}] {label}", label_style(label))


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
        result[doc.id] = display(head if head and heads[head] == 1 else doc.id)
    return result
