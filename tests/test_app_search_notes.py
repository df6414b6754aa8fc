"""``/`` in the reader finds notes: those on disk at start, written here, and written elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, make_app
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app import background
from tui.app.app import FactcheckApp
from tui.core.model import Claim
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir, session=False)


def note_hits(app: FactcheckApp, query: str) -> list[tuple[Claim, str | None]]:
    """The note hits of ``query`` in the reader's own index."""
    hits = app.reader.live_index.build().search(query)
    return [(hit.claim, hit.note) for hit in hits if hit.field == "note"]


async def search_screen(
    app: FactcheckApp, pilot: Pilot, query: str, *, typed: bool = False
) -> list:
    """Open ``/``, enter ``query`` (``typed``: key by key), return the hits shown, close."""
    await pilot.press("slash")
    if typed:
        await pilot.press(*query)
    else:
        app.screen.query_one(Input).value = query
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert type(screen).__name__ == "SearchScreen" and screen.shown_query == query
    hits = [row.hit for row in screen.rows]
    await pilot.press("escape")
    return hits


async def test_a_note_saved_in_the_editor_is_found_by_search_and_leaves_on_undo_and_clear(
    app: FactcheckApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        claim = app.reader.panes[0].doc.claims[0]
        assert await search_screen(app, pilot, "zeppelin") == []
        await pilot.press("s", "k", "enter", *"Zeppelin")  # typed, then the rest set at once
        app.screen.query_one("#note-text", TextArea).insert(" sighting, per the ministry")
        await pilot.press("ctrl+s")
        assert app.screen is app.reader
        hits = await search_screen(app, pilot, "zeppelin", typed=True)
        assert hits and hits[0].field == "note" and hits[0].claim is claim
        assert hits[0].note == "Zeppelin sighting, per the ministry"
        assert await search_screen(app, pilot, "zepelin ministry")  # a typo, as elsewhere

        await pilot.press("u")  # the note is undone, the tag stays
        assert app.workspace.store.load(claim.doc).label(claim) == "sourced"
        assert note_hits(app, "zeppelin") == []

        await pilot.press("enter")
        app.screen.query_one("#note-text", TextArea).text = "zeppelin again"
        await pilot.press("ctrl+s")
        assert note_hits(app, "zeppelin") == [(claim, "zeppelin again")]
        await pilot.press("backspace")  # a cleared claim has no note
        assert note_hits(app, "zeppelin") == []
        await pilot.press("u")
        assert note_hits(app, "zeppelin") == [(claim, "zeppelin again")]


async def test_a_note_written_by_another_process_is_found_after_the_poll(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    other = AnnotationStore(annotations_dir, analyst="other")
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        claim = app.reader.panes[1].doc.claims[4]
        other.set(claim, "disputed", note="Quetzal registry disagrees")
        assert note_hits(app, "quetzal") == []  # not before the poll reads the file
        assert app.reader.disk.poll() == [claim.doc]
        hits = await search_screen(app, pilot, "quetzal registry")
        assert hits and hits[0].field == "note" and hits[0].claim is claim

        other.set(claim, "disputed", note="Reworded by the other analyst")
        app.reader.disk.poll()
        assert note_hits(app, "quetzal") == []
        assert note_hits(app, "reworded") == [(claim, "Reworded by the other analyst")]


@pytest.mark.parametrize("dialog_first", [False, True])
async def test_notes_on_disk_at_start_are_found_in_every_document(
    corpus_dir: Path,
    annotations_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialog_first: bool,
) -> None:
    """Every document's notes are in the index with it, not as the progress count reads files.

    ``dialog_first``: ``/`` at once, with the count held (it waits behind a dialog
    anyway): the first search still finds the note of a document no pane shows.
    """
    before = open_workspace([corpus_dir], annotations=annotations_dir, analyst="before")
    docs = before.corpus.documents
    far = docs[-1].claims[2]
    near = docs[0].claims[1]
    before.store.set(far, "opinion", note="Marmalade clause in the treaty")
    before.store.set(near, "sourced", note="Marmalade clause confirmed")
    if dialog_first:
        monkeypatch.setattr(background, "PAUSE", 60.0)  # no counting in this test
    app = make_app([corpus_dir], annotations_dir, session=False)
    async with app.run_test(size=SIZE) as pilot:
        if dialog_first:
            assert not app.reader.progress.counted(docs[-1])  # not read yet
        else:
            for _ in range(100):  # the count runs after the first paint, a step per frame
                await app.reader.settle()
                await pilot.pause()
                if app.reader.progress.complete:
                    break
            assert app.reader.progress.complete
        hits = await search_screen(app, pilot, "marmalade clause")
        found = {(hit.claim.doc.id, hit.claim.index) for hit in hits if hit.field == "note"}
        assert found == {(far.doc.id, far.index), (near.doc.id, near.index)}
        if dialog_first:
            assert not app.reader.progress.counted(docs[-1])


def test_a_note_written_while_the_notes_load_is_the_one_the_index_keeps(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """The notes are read in a thread; a sync that comes meanwhile is replayed after."""
    from tui.core.live_index import LiveIndex

    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="me")
    claim = ws.corpus.documents[1].claims[0]
    ws.store.set(claim, "sourced", note="Zeppelin phrasing")
    live = LiveIndex(ws.corpus, ws.store)
    live.build()
    from tui.core.search import notes_cache

    real = notes_cache.notes_of

    def slow_read(corpus, store):  # type: ignore[no-untyped-def]
        found = real(corpus, store)  # read before the write below
        ws.store.set(claim, "sourced", note="Quetzal wording")
        live.sync(claim.doc)  # as the reader does after its write: while the notes load
        return found

    notes_cache.notes_of = slow_read  # type: ignore[assignment]
    try:
        index = live.load_notes()
    finally:
        notes_cache.notes_of = real  # type: ignore[assignment]
    assert index is not None
    assert [hit.note for hit in index.search("quetzal") if hit.field == "note"] == [
        "Quetzal wording"
    ]
    assert not [hit for hit in index.search("zeppelin") if hit.field == "note"]


async def test_an_index_that_fails_to_build_is_said_in_the_search_dialog(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input, Static

    from tui.core.search import SearchIndex

    def broken(corpus, store=None):  # type: ignore[no-untyped-def]
        raise MemoryError("no room for the index")

    monkeypatch.setattr(SearchIndex, "build", staticmethod(broken))
    app = make_app([corpus_dir], annotations_dir, session=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one(Input).value = "wagner"
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if not app.screen._searching:  # type: ignore[attr-defined]
                break
        status = app.screen.query_one("#search-status", Static)
        assert "The search index failed to build: no room for the index" in str(status.render())
        assert status.has_class("-error")
        await pilot.press("escape")
        assert app.screen is app.reader and app.is_running
