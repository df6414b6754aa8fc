"""The reader's one-line header: the app's name, corpus progress and the analyst.

Textual's own ``Header`` relayouts the whole screen whenever its subtitle
changes (its width may change); the progress changes with every tag, and that
layout pass cost ~10 ms per key. This line never changes size, so a repaint
of itself is enough.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.events import Click
from textual.widget import Widget

from tui.app.messages import AnnotationsChanged, ProgressChanged
from tui.app.widgets.pane import fit
from tui.core.display import display
from tui.core.progress import Progress


class ReaderHeader(Widget):
    """``factcheck   12/370 claims reviewed (3%) · 5 articles        jdoe``."""

    DEFAULT_CSS = """
    ReaderHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, progress: Progress, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counter = progress
        self.progress = ""
        self.analyst = ""

    def update_progress(self) -> None:
        """Show the count and the analyst as they are now (a repaint only if they changed)."""
        progress, analyst = self.counter.text(), self.counter.store.analyst
        if (progress, analyst) != (self.progress, self.analyst):
            self.progress, self.analyst = progress, analyst
            self.refresh()

    def on_annotations_changed(self, event: AnnotationsChanged) -> None:
        self.update_progress()

    def on_progress_changed(self, event: ProgressChanged) -> None:
        self.update_progress()

    def render(self) -> Content:
        width = self.size.width
        left = " factcheck "
        right = f" {display(self.analyst)} " if self.analyst and width >= 90 else ""
        room = width - cell_len(left) - cell_len(right) - 2
        middle = fit(self.progress, max(room, 0))
        start = max((width - cell_len(middle)) // 2, cell_len(left) + 1)
        after = max(width - start - cell_len(middle) - cell_len(right), 0)
        return Content.assemble(
            (left, "bold"),
            " " * (start - cell_len(left)),
            middle,
            " " * after,
            (right, "$foreground-muted"),
        )

    def on_click(self, event: Click) -> None:
        self.app.action_command_palette()
