"""Adding a web page from the reader: ``A``, the ``O`` dialog's last row, the palette.

The pages come from a server on 127.0.0.1 (tests/web_server.py) or from the
saved files in tests/data; no other network is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SIZE, make_app, notifications
from web_server import DATA, serve

from tui.app.app import FactcheckApp
from tui.app.screens.add_page import AddPageScreen

ARTICLE = "/news/2026/11/bridge-toll-figures"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def added_files(corpus_dir: Path) -> list[str]:
    return sorted(p.name for p in corpus_dir.iterdir() if not p.name[:3].isdigit())


async def type_source(pilot, source: str) -> None:
    await pilot.press(*source)
    await pilot.press("enter")


async def wait_for_add(pilot, app: FactcheckApp) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if not isinstance(app.screen, AddPageScreen) or not app.screen.busy:
            return
    raise AssertionError("the add did not finish")


async def test_a_page_from_a_local_server_is_added_and_opened(
    app: FactcheckApp, site: str, corpus_dir: Path
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.reader.workspace.corpus.documents)
        await pilot.press("A")
        assert isinstance(app.screen, AddPageScreen)
        await type_source(pilot, site + ARTICLE)
        await wait_for_add(pilot, app)
        await pilot.pause()
        assert not isinstance(app.screen, AddPageScreen)
        names = added_files(corpus_dir)
        assert len(names) == 2 and names[0].startswith("council")
        assert {Path(n).suffix for n in names} == {".txt", ".toml"}
        corpus = app.reader.workspace.corpus
        assert len(corpus.documents) == before + 1
        doc = app.reader.active_view.doc
        assert doc.id == Path(names[0]).stem and doc.claims
        assert "Skip to main content" not in doc.text
        assert any(m.startswith(f"Added {doc.id}") for m in seen)
        # The same page again: nothing new, the pane already open is shown.
        await pilot.press("A")
        await type_source(pilot, site + ARTICLE)
        await wait_for_add(pilot, app)
        await pilot.pause()
        assert added_files(corpus_dir) == names
        assert len(corpus.documents) == before + 1
        assert any(m.startswith(f"Already in the corpus as {doc.id}") for m in seen)
        assert [p.doc.id for p in app.reader.panes].count(doc.id) == 1


async def test_a_saved_page_is_added_from_the_open_dialog(
    app: FactcheckApp, corpus_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O", *"zzz-no-such-document", "enter")  # no match: the add row
        assert isinstance(app.screen, AddPageScreen)
        await type_source(pilot, str(DATA / "blog_post.html"))
        await wait_for_add(pilot, app)
        await pilot.pause()
        assert not isinstance(app.screen, AddPageScreen)
        names = added_files(corpus_dir)
        assert len(names) == 2
        assert app.reader.active_view.doc.id == Path(names[0]).stem


async def test_a_failed_add_says_why_and_writes_nothing(
    app: FactcheckApp, site: str, corpus_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.reader.workspace.corpus.documents)
        panes = len(app.reader.panes)
        await pilot.press("A")
        await type_source(pilot, site + "/no-such-page")
        await wait_for_add(pilot, app)
        screen = app.screen
        assert isinstance(screen, AddPageScreen)  # still open, to correct the address
        status = str(screen.query_one("#add-status").render())
        assert "answered 404" in status
        # Correct it to a binary download: another one-sentence reason.
        field = screen.query_one("#add-source")
        field.value = ""
        await type_source(pilot, site + "/report.pdf")
        await wait_for_add(pilot, app)
        assert "not a web page" in str(screen.query_one("#add-status").render())
        await pilot.press("escape")
        assert added_files(corpus_dir) == []
        assert len(app.reader.workspace.corpus.documents) == before
        assert len(app.reader.panes) == panes


async def test_the_palette_offers_to_add_a_web_page(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        command = next(c for c in app.reader.commands() if c.title == "Add a web page…")
        assert "(A)" in command.help
        await command.callback()
        await pilot.pause()
        assert isinstance(app.screen, AddPageScreen)


async def test_the_title_of_a_page_is_never_read_as_markup(
    app: FactcheckApp, corpus_dir: Path, tmp_path: Path
) -> None:
    html = (DATA / "blog_post.html").read_text("utf-8")
    page = tmp_path / "hostile.html"
    page.write_text(html.replace("<title>", "<title>[bold red]Loud[/] \x1b[2J "), "utf-8")
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await type_source(pilot, str(page))
        await wait_for_add(pilot, app)
        await pilot.pause()
        added = [m for m in seen if m.startswith("Added")]
        assert added and "\x1b" not in added[0]
        title = app.reader.pane_row.active_pane.title_bar.render().plain
        assert "\x1b" not in title
