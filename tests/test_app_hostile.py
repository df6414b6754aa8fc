"""Hostile names and notes reach the reader's screen only as visible text (issue 9, 5-6).

Each screen is exported as the terminal would draw it (``export_screenshot``)
and searched for what must never reach a terminal raw: escape sequences, bell,
bidi overrides, zero-width and line-separator characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE
from test_hostile_text import RAW, hostile_corpus
from textual.pilot import Pilot

from tui.app.app import FactcheckApp
from tui.core.workspace import open_workspace

HIDDEN_ARTICLE = "The mayor\u202e said 40 schools\u200b closed on Monday.\n"


@pytest.fixture
def app(tmp_path: Path) -> FactcheckApp:
    corpus = hostile_corpus(tmp_path, {"hidden": HIDDEN_ARTICLE})
    workspace = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="tester")
    return FactcheckApp(workspace, session=False)


def drawn(app: FactcheckApp) -> str:
    screen = app.export_screenshot()
    for char in RAW:
        assert char not in screen, (repr(char), app.screen)
    return screen


async def settled(pilot: Pilot) -> None:
    await pilot.app.reader.settle()  # type: ignore[attr-defined]
    await pilot.pause()


async def test_pane_titles_inspector_and_header_show_names_as_visible_text(app):
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = drawn(app)
        assert "⟨U+202E⟩" in screen  # the bidi name, and the analyst's in the inspector


async def test_open_list_rows_stay_one_per_document(app):
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("O")
        await pilot.pause()
        screen = drawn(app)
        assert "[2Jname" in screen  # what is left of the escape shows as text
        assert "split" in screen


async def test_search_results_and_similar_claims_show_names_as_visible_text(app):
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"schools")
        await pilot.pause(0.3)
        drawn(app)
        await pilot.press("escape", "m")
        await pilot.pause(0.3)
        drawn(app)


async def test_article_text_keeps_its_offsets_with_hidden_characters_marked(app):
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        doc = next(d for d in app.workspace.corpus.documents if d.id == "hidden")
        await app.reader.show_claim(doc.claims[0])
        await pilot.pause()
        screen = drawn(app)
        assert "The mayor◌ said 40 schools◌ closed" in screen.replace("&#160;", " ")
