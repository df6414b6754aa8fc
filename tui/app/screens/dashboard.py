"""The progress dashboard: per-article and per-analyst bars, label shares, contested
claims and the team's agreement, readable at 80×24 and without colour.

The figures come from the core (``tui.core.progress``, ``tui.core.agreement``);
the screen lays out their text (bars are characters, not colours) and scrolls.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app.resize import SteadySize
from tui.app.screens.closing import ClosesOnce
from tui.core.agreement import Confusion
from tui.core.agreement_report import text_report
from tui.core.display import display
from tui.core.team_progress import TeamProgress, progress_lines

BAR_CHARS = "█▏▎▍▌▋▊▉"


def styled(line: str) -> Content:
    """A line of plain text, its bar (if any) in the accent colour."""
    content = Content(display(line))
    start = next((i for i, ch in enumerate(line) if ch in BAR_CHARS), None)
    if start is not None:
        end = start
        while end < len(line) and (line[end] in BAR_CHARS or line[end] == "·"):
            end += 1
        content = content.stylize("$text-success", start, end)
    if line and not line.startswith(" ") and line[0].isupper() and "(" in line:
        content = content.stylize("bold", 0, len(line))
    return content


class DashboardScreen(ClosesOnce, SteadySize, Screen[None]):
    """Progress and agreement; escape goes back to the reader."""

    DEFAULT_CSS = """
    DashboardScreen VerticalScroll {
        padding: 0 1;
    }
    DashboardScreen .dashboard--title {
        text-style: bold;
        margin-bottom: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="dashboard.close"),
        Binding("q", "close", "Back", show=False, id="dashboard.quit"),
    ]

    def __init__(self, progress: TeamProgress, confusion: Confusion | None = None) -> None:
        super().__init__()
        self.progress = progress
        self.confusion = confusion

    def lines(self, width: int) -> list[str]:
        lines = progress_lines(self.progress, width)
        agreement = self.progress.agreement
        if len(agreement.analysts) > 1:
            # The headline is in the progress lines already; the rest follows.
            lines += text_report(agreement, self.confusion)[1:]
        return lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dashboard"):
            yield Static("Progress", classes="dashboard--title", markup=False)
            yield Static(id="dashboard-body", markup=False)
        yield Footer()

    def on_resize(self) -> None:
        self._fill()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        width = max(self.size.width - 4, 40)
        body = Content("\n").join(styled(line) for line in self.lines(width))
        self.query_one("#dashboard-body", Static).update(body)

    def action_close(self) -> None:
        self.dismiss(None)
