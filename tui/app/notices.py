"""What the reader says about the corpus itself: skipped files, and an empty folder.

Every string here names files the user gave us, so each goes through
:func:`tui.core.display.display` (control characters out, hidden ones shown)
and is never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content

from tui.core.display import display
from tui.core.progress import plural
from tui.core.workspace import Workspace

MAX_WARNINGS = 3
"""Warnings shown as toasts at start-up; ``factcheck stats`` lists the rest."""

Notify = Callable[..., object]


def show_warnings(notify: Notify, warnings: Sequence[str]) -> None:
    """The first few corpus warnings as toasts, and how many more there are."""
    for warning in warnings[:MAX_WARNINGS]:
        notify(display(warning), title="Skipped or odd file", severity="warning", markup=False)
    more = len(warnings) - MAX_WARNINGS
    if more > 0:
        notify(
            f"{plural(more, 'more warning')}; `factcheck stats` lists them.",
            severity="warning",
            markup=False,
        )


def empty_message(workspace: Workspace) -> Content:
    """What the reader shows when the corpus has no article to open."""
    roots = ", ".join(display(str(root)) for root in workspace.corpus.roots) or "."
    return Content.assemble(
        ("No articles to show.\n\n", "bold"),
        f"Nothing readable was found in {roots}. ",
        "The reader opens UTF-8 text files (*.txt, *.md) and web pages (*.html): run ",
        "`factcheck FOLDER` or `factcheck FILE.txt`. Press q to quit.",
    )
