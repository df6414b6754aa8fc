"""The claims list and the dashboard screens under Pilot, on their own app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from tui.app.screens.claims_list import ClaimsListScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.widgets.claim_table import ClaimTable
from tui.core.agreement import confusion
from tui.core.claim_list import corpus_rows
from tui.core.model import Claim
from tui.core.stats import corpus_stats
from tui.core.team_progress import team_progress
from tui.core.triage import Scorer
from tui.core.workspace import open_workspace


class Host(App[None]):
    def __init__(self, screen) -> None:
        super().__init__()
        self.first = screen
        self.result: object = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(self.first, callback=self._done)

    def _done(self, result) -> None:
        self.result = result


@pytest.fixture
def workspace(corpus_dir: Path, annotations_dir: Path):
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="ann")
    doc = ws.corpus.find("000")[0]
    ws.store.set(doc.claims[2], "sourced")
    bob = open_workspace([corpus_dir], annotations=annotations_dir, analyst="bob")
    bob_doc = bob.corpus.find("000")[0]
    bob.store.set(bob_doc.claims[2], "disputed")
    bob.store.set(bob_doc.claims[3], "opinion")
    return open_workspace([corpus_dir], annotations=annotations_dir, analyst="ann")


def table_lines(table: ClaimTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_claims_list_sorts_filters_and_jumps(workspace) -> None:
    rows = corpus_rows(workspace.corpus, workspace.store, Scorer())
    app = Host(ClaimsListScreen(rows))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ClaimTable)
        assert len(table.rows) == len(rows) > 300
        scores = [row.score for row in table.rows]
        assert scores == sorted(scores, reverse=True)
        assert table_lines(table)[0].startswith(f"{scores[0]:>3} ")
        await pilot.press(*"status:contested")
        await pilot.pause()
        assert [row.status for row in table.rows] == ["contested"]
        assert "?" in table_lines(table)[0]
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.result, Claim)
    assert app.result.index == 2 and app.result.doc.id.startswith("000")


async def test_claims_list_cursor_moves_while_typing_and_sort_cycles(workspace) -> None:
    rows = corpus_rows(workspace.corpus, workspace.store, Scorer())
    app = Host(ClaimsListScreen(rows))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(ClaimTable)
        await pilot.press("down", "down", "pagedown")
        assert table.cursor > 2
        assert table.scroll_offset.y > 0 or table.cursor < table.size.height
        await pilot.press("ctrl+s")
        assert screen.order.value == "status"
        assert table.rows[0].status == "contested"
        await pilot.press("ctrl+s", "ctrl+s")
        assert screen.order.value == "document"
        assert table.rows[0].claim.index == 0
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_dashboard_at_80_by_24_without_colour(
    workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stats = corpus_stats(workspace)
    progress = team_progress(workspace, stats)
    app = Host(DashboardScreen(progress))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#dashboard-body")
        text = str(body.render())
        lines = text.split("\n")
        assert lines[0].startswith("reviewed")
        assert "1 contested" in text
        assert "Analysts (claims tagged)" in text and "Agreement (1 claim" in text
        assert "Pairs of analysts" in text
        assert all(len(line) <= 76 for line in lines)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


def test_dashboard_shows_the_confusion_table_for_two(workspace) -> None:
    progress = team_progress(workspace, corpus_stats(workspace))
    from tui.core.team_ratings import corpus_ratings

    table = confusion(corpus_ratings(workspace.store, workspace.corpus), "ann", "bob")
    lines = DashboardScreen(progress, table).lines(76)
    assert "Confusion: ann (rows) against bob (columns)" in lines
