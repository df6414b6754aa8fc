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


@pytest.mark.parametrize("index_first", [False, True])
async def test_notes_on_disk_at_start_are_found_in_every_document(
    corpus_dir: Path,
    annotations_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    index_first: bool,
) -> None:
    """Notes of documents no pane shows come in as the progress count reads their files.

    ``index_first``: the index is built before most files are read (one per step),
    so their notes are added one document at a time rather than all at once.
    """
    before = open_workspace([corpus_dir], annotations=annotations_dir, analyst="before")
    docs = before.corpus.documents
    far = docs[-1].claims[2]
    near = docs[0].claims[1]
    before.store.set(far, "opinion", note="Marmalade clause in the treaty")
    before.store.set(near, "sourced", note="Marmalade clause confirmed")
    if index_first:
        monkeypatch.setattr(background, "CHUNK", 1)
    app = make_app([corpus_dir], annotations_dir, session=False)
    async with app.run_test(size=SIZE) as pilot:
        if index_first:
            assert app.reader.live_index.build() is not None
            app.reader.track_notes()
            assert not app.reader.progress.counted(docs[-1])  # not read yet
            [(claim, _)] = note_hits(app, "marmalade")  # the open documents' only
            assert (claim.doc.id, claim.index) == (near.doc.id, near.index)
        for _ in range(100):  # the count runs after the first paint, a step per frame
            await app.reader.settle()
            await pilot.pause()
            if app.reader.progress.complete:
                break
        assert app.reader.progress.complete
        hits = await search_screen(app, pilot, "marmalade clause")
        found = {(hit.claim.doc.id, hit.claim.index) for hit in hits if hit.field == "note"}
        assert found == {(far.doc.id, far.index), (near.doc.id, near.index)}
