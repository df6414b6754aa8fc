"""Keys typed while a dialog opens (:mod:`tui.app.typeahead`): none held for ever, none misrun.

Both cases were met in tmux on a cold start (``/`` and a query typed at once,
then the note editor): the reader then took no key at all, or quit on an
AttributeError.
"""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app
from note_helpers import burst, key_event
from textual.widgets import Input

from tui.app.screens.search import SearchScreen

SIZE = (120, 40)


async def test_a_key_that_reaches_the_reader_after_a_dialog_covered_it_goes_to_the_dialog(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        pane = reader.active_view
        assert pane is not None
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        # Handed to the reader's pane before "/" pushed the dialog: "e" is the note key.
        for key in "re":
            pane._forward_event(key_event(key))
        await pilot.pause()
        assert not reader.typeahead.holding
        assert app.screen.query_one("#search-input", Input).value == "re"
        await pilot.press("escape")
        before = reader.current_claim
        await pilot.press("j")  # the reader takes its keys again
        assert reader.current_claim is not before


async def test_keys_held_for_a_note_editor_that_never_opened_run_as_the_readers_keys(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    annotations_dir.mkdir()
    bad = annotations_dir / "000_b9222599d6781aaf.toml"
    bad.write_text('format = 1\n\n[[claim]\nlabel = "disputed"\n', "utf-8")  # read-only
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        start = reader.current_claim
        assert start is not None
        await burst(pilot, "e", "j", "j")  # no editor on a read-only article: "j j" move
        assert app.screen is reader and app.is_running
        assert not reader.typeahead.holding
        now = reader.current_claim
        assert now is not None and now.index == start.index + 2


async def test_a_query_typed_at_once_with_slash_is_searched_whole(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """``/wagner`` as one burst: the keys after ``/`` reached the reader's pane before the
    dialog was there (every one of them was lost), then ``enter`` goes to the first hit."""
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "slash", *"wagner")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "wagner"
        await pilot.press("escape")
        await burst(pilot, "slash", *"wagner", "enter")
        await app.workers.wait_for_complete()
        for _ in range(10):
            await pilot.pause()
        assert app.screen is app.reader
        claim = app.reader.current_claim
        assert claim is not None and "Wagner" in claim.text


async def test_a_filter_typed_at_once_with_the_picker_or_the_claims_list_key_is_kept(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    from tui.app.screens.claims_list import ClaimsListScreen
    from tui.app.screens.open_document import OpenDocumentScreen

    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        for key, kind, box in (
            ("O", OpenDocumentScreen, "#open-filter"),
            ("L", ClaimsListScreen, "#claims-filter"),
        ):
            await burst(pilot, key, *"serbia")
            assert isinstance(app.screen, kind)
            assert app.screen.query_one(box, Input).value == "serbia"
            await pilot.press("escape")
            assert app.screen is app.reader


async def test_a_url_pasted_at_once_with_the_add_key_goes_into_its_box(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    from textual import events

    from tui.app.screens.add_page import AddPageScreen

    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "A", events.Paste("https://example.org/story"))
        assert isinstance(app.screen, AddPageScreen)
        assert app.screen.query_one("#add-source", Input).value == "https://example.org/story"
