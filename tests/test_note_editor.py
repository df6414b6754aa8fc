"""Pilot tests of the note editor's keys: what the analyst types is the note, never a tag.

Bursts are sent as a terminal sends them (every key at once, ``note_helpers.burst``)
as well as through ``pilot.press``; each test was seen failing on the editor that
opened on its label row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, make_app, records
from note_helpers import NOTE, URL, burst, key_event, note_screen
from textual import events
from textual.widgets import Button, TextArea

from tui.app.app import FactcheckApp
from tui.core.config import config_path, load_config


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def saved(annotations_dir: Path, app: FactcheckApp) -> list[tuple[str, str, list[str]]]:
    doc = app.reader.panes[0].doc
    return [(r["label"], r["note"], r.get("sources", [])) for r in records(annotations_dir, doc)]


async def test_the_editor_opens_in_the_note_and_letters_are_the_note(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = note_screen(app)
        assert screen.focused is screen.query_one("#note-text")
        await pilot.press(*"so do 1 2 x")  # label keys, typed as a note
        assert screen.query_one("#note-text", TextArea).text == "so do 1 2 x"
        assert saved(annotations_dir, app) == []  # nothing tagged behind the analyst's back
        await pilot.press("ctrl+s")  # no label yet: it asks for one, keeping the note
        assert note_screen(app) is screen
        assert "Choose a label to save" in str(screen.query_one("#note-error").render())
        assert screen.focused is screen.query_one("#note-label")
        await pilot.press("d")  # the pick saves
        assert app.screen is app.reader
        assert saved(annotations_dir, app) == [("disputed", "so do 1 2 x", [])]


async def test_alt_and_a_label_key_picks_from_the_note(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "alt+o", *"why", "alt+2", "ctrl+s")
        assert app.screen is app.reader
        assert saved(annotations_dir, app) == [("disputed", "why", [])]


async def test_the_label_row_picks_with_label_keys_and_types_the_rest_into_the_note(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "shift+tab")
        screen = note_screen(app)
        assert screen.focused is screen.query_one("#note-label")
        await pilot.press("o")  # a pick moves on to the note
        assert screen.focused is screen.query_one("#note-text")
        await pilot.press("shift+tab", *"Why")  # not a label key: it starts the note
        assert screen.focused is screen.query_one("#note-text")
        await pilot.press("ctrl+s")
        assert saved(annotations_dir, app) == [("opinion", "Why", [])]


async def test_a_paste_anywhere_in_the_editor_lands_in_the_note(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "shift+tab")  # the label row
        app.post_message(events.Paste("pasted from the report"))
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # a button now
        screen = note_screen(app)
        assert isinstance(screen.focused, Button)
        app.post_message(events.Paste(" and more"))
        await pilot.pause()
        await pilot.press("tab")  # round to the sources box: a paste there is a source
        assert screen.focused is screen.query_one("#note-sources")
        await pilot.press("shift+tab", "shift+tab", "tab")
        sources = screen.query_one("#note-sources", TextArea)
        screen.set_focus(sources)
        await pilot.pause()
        app.post_message(events.Paste(URL))
        await pilot.pause()
        await pilot.press("alt+s", "ctrl+s")
        note = "pasted from the report and more"
        assert saved(annotations_dir, app) == [("sourced", note, [URL])]


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_a_fast_burst_loses_no_key(
    app: FactcheckApp, annotations_dir: Path, send: str
) -> None:
    """`e`, a 67-character note, tab, a URL, ctrl+s, the label: all at once."""
    keys = ("e", *NOTE, "tab", *URL, "ctrl+s", "d")
    async with app.run_test(size=SIZE) as pilot:
        if send == "burst":
            await burst(pilot, *keys)
        else:
            await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is app.reader
        assert saved(annotations_dir, app) == [("disputed", NOTE, [URL])]


async def test_a_burst_with_alt_label_and_two_sources(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    keys = ("e", "alt+d", *NOTE, "tab", *URL, "enter", *URL, "/", "2", "ctrl+s")
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *keys)
        assert app.screen is app.reader
        assert saved(annotations_dir, app) == [("disputed", NOTE, [URL, URL + "/2"])]


async def test_a_burst_on_the_next_claim_edits_that_claim(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    """Keys before `e` still act on the reader, in order: `j j e` edits the third claim."""
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "j", "j", "e", *"third", "alt+x", "ctrl+s", "j")
        doc = app.reader.panes[0].doc
        [record] = records(annotations_dir, doc)
        third = (doc.claims[2].id, "skip", "third")
        assert (record["id"], record["label"], record["note"]) == third
        assert app.reader.active_view.cursor == 3  # the key after the save moved on


async def test_escape_without_changes_closes_at_once(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "escape")
        assert app.screen is app.reader


async def test_escape_with_changes_asks_first(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"half a thought", "escape")
        assert type(app.screen).__name__ == "DiscardScreen"
        await pilot.press("escape")  # keep editing: back with the text
        screen = note_screen(app)
        assert screen.query_one("#note-text", TextArea).text == "half a thought"
        assert screen.focused is screen.query_one("#note-text")
        await pilot.press("escape", "d")  # discard
        assert app.screen is app.reader
        assert saved(annotations_dir, app) == []


async def test_a_label_change_alone_is_a_change(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "alt+s", "escape")
        assert type(app.screen).__name__ == "DiscardScreen"
        await pilot.press("k")
        assert note_screen(app).label == "sourced"


async def test_an_existing_note_opens_with_the_cursor_at_its_end(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"first line", "alt+s", "ctrl+s", "e", *" and more", "ctrl+s")
        assert saved(annotations_dir, app) == [("sourced", "first line and more", [])]


async def test_a_remapped_save_key_typed_in_a_burst_saves(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """The editor's priority keys are found as mapped (``[keys] "note.save" = "ctrl+w"``)."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\n"note.save" = "ctrl+w"\n', "utf-8")
    try:
        app = make_app([corpus_dir], annotations_dir, config=load_config())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            assert note_screen(app).query_one(".dialog").border_subtitle.startswith("ctrl+w save")
            await pilot.press("escape")
            await burst(pilot, "e", "alt+s", *"remapped", "ctrl+w", "j")
            assert app.screen is app.reader
            assert saved(annotations_dir, app) == [("sourced", "remapped", [])]
            assert app.reader.active_view.cursor == 1  # the key after the save reached the reader
    finally:
        path.unlink()


async def test_a_paste_right_after_e_lands_in_the_note(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        for event in (key_event("e"), events.Paste("pasted at once"), key_event("alt+o")):
            event.set_sender(app)
            driver.send_message(event)
        await burst(pilot, "ctrl+s")
        assert saved(annotations_dir, app) == [("opinion", "pasted at once", [])]
