"""The reader's background counting: a chunk per timer, and no Claim objects for the total."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.background import CHUNK, PAUSE, ChunkedWork, between_keys
from tui.core.progress import Progress
from tui.core.workspace import open_workspace


def _annotated_corpus(tmp_path: Path, articles: int) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(articles):
        (corpus / f"a{n:03}.txt").write_text(
            f"Article {n} says the dam cost {n} million. A second claim follows here.\n", "utf-8"
        )
    return corpus


def test_each_chunk_waits_for_its_own_timer(tmp_path: Path) -> None:
    """Chunks never run back to back: a key typed meanwhile is read between two of them."""
    corpus = _annotated_corpus(tmp_path, CHUNK * 3 + 1)
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")
    progress = Progress(ws.corpus, ws.store)
    timers: list[tuple[float, object]] = []
    work = ChunkedWork(
        progress,
        between_keys(lambda delay, callback: timers.append((delay, callback))),
        on_counted=lambda: timers.append((-1.0, None)),
    )
    work.count_progress()
    runs = 0
    while timers and timers[-1][0] >= 0:
        delay, callback = timers.pop()
        assert delay == PAUSE and not timers  # one pending chunk at a time
        callback()  # type: ignore[operator]
        runs += 1
    assert runs == 4 and progress.complete
    assert timers == [(-1.0, None)]


def test_the_progress_total_makes_no_claim_objects(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _annotated_corpus(tmp_path, 5)
    open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")  # fills the cache
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")
    docs = ws.corpus.documents
    assert all("_pending" in doc.__dict__ for doc in docs)  # claims deferred, from the cache
    progress = Progress(ws.corpus, ws.store)
    progress.count_some(len(docs))
    assert progress.text().startswith("0/10 claims reviewed")
    assert all("_pending" in doc.__dict__ for doc in docs)  # still deferred: none was needed


async def test_a_key_is_handled_while_the_reader_still_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's counting gives way to keys: ``j`` moves before every file is counted."""
    from app_helpers import make_app

    from tui.app import background

    corpus = _annotated_corpus(tmp_path, 30)
    annotations = tmp_path / "annotations"
    ws = open_workspace([corpus], annotations=annotations, analyst="other")
    for doc in ws.corpus.documents:
        ws.store.set(doc.claims[0], "sourced")
    monkeypatch.setattr(background, "CHUNK", 1)
    monkeypatch.setattr(background, "PAUSE", 0.05)  # counting takes 1.5 s
    app = make_app([corpus], annotations, session=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        view = app.reader.active_view
        assert view is not None and view.cursor == 0
        await pilot.press("j")
        assert view.cursor == 1
        assert not app.reader.progress.complete  # the key did not wait for the count


def test_chunks_wait_while_a_dialog_is_in_front(tmp_path: Path) -> None:
    """``/`` at start-up: the dialog's keys and search do not queue behind the counting."""
    from tui.app.background import WAIT

    corpus = _annotated_corpus(tmp_path, CHUNK + 1)
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")
    progress = Progress(ws.corpus, ws.store)
    timers: list[tuple[float, object]] = []
    in_front = [False]
    work = ChunkedWork(
        progress,
        between_keys(lambda delay, callback: timers.append((delay, callback)), lambda: in_front[0]),
        on_counted=lambda: None,
    )
    work.count_progress()
    for _ in range(3):  # a dialog is open: each turn only looks again, later
        _, callback = timers.pop()
        callback()  # type: ignore[operator]
        assert timers[-1][0] == WAIT and progress.counted_documents == []
    in_front[0] = True  # the dialog closed
    while timers:
        _, callback = timers.pop()
        callback()  # type: ignore[operator]
    assert progress.complete


async def test_the_reader_counts_on_after_its_search_dialog_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_helpers import make_app

    from tui.app import background

    corpus = _annotated_corpus(tmp_path, 6)
    annotations = tmp_path / "annotations"
    ws = open_workspace([corpus], annotations=annotations, analyst="other")
    for doc in ws.corpus.documents:
        ws.store.set(doc.claims[0], "sourced")
    monkeypatch.setattr(background, "CHUNK", 1)
    monkeypatch.setattr(background, "PAUSE", 0.1)  # counting takes 0.6 s, unless it waits
    monkeypatch.setattr(background, "WAIT", 0.05)
    app = make_app([corpus], annotations, session=False)
    async with app.run_test() as pilot:
        await pilot.press("slash")
        await pilot.pause(0.9)
        assert not app.reader.progress.complete  # waited behind the dialog
        await pilot.press("escape")
        for _ in range(40):
            await pilot.pause(0.1)
            if app.reader.progress.complete:
                break
        assert app.reader.progress.complete


async def test_the_work_after_the_first_paint_waits_for_a_dialog_opened_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dialog before the first paint's follow-up: the index starts, the Footer waits."""
    from app_helpers import make_app
    from textual.widgets import Footer

    from tui.app.screens.help import HelpScreen
    from tui.app.start_up import StartUp

    corpus = _annotated_corpus(tmp_path, 3)
    follow_up = StartUp.begin

    async def dialog_first(start_up: StartUp) -> None:
        await start_up.reader.app.push_screen(HelpScreen([("Reading", "j", "next claim")]))
        await follow_up(start_up)

    said: list[bool] = []
    say_built = StartUp._say_built

    def saying(start_up: StartUp) -> None:
        said.append(True)
        say_built(start_up)

    monkeypatch.setattr(StartUp, "begin", dialog_first)
    monkeypatch.setattr(StartUp, "_say_built", saying)
    app = make_app([corpus], tmp_path / "annotations", session=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await app.workers.wait_for_complete()
        assert app.reader.live_index.index is not None  # the index did not wait
        assert app.reader.live_index.notes_loaded  # nor its notes (a search needs them)
        assert not app.reader.query(Footer)  # covered: not mounted yet
        assert not said  # nor the matcher's import and IndexBuilt, which only the reader shows
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen is app.reader
        assert len(app.reader.query(Footer)) == 1
        assert said == [True]
        await pilot.press("slash", "escape")  # a second resume mounts no second Footer
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(app.reader.query(Footer)) == 1
        assert said == [True]  # nor says the index's arrival twice


def test_the_header_rounds_the_share_reviewed_as_the_summary_does(tmp_path: Path) -> None:
    """2 of 3 claims: 67% in the header and in the Markdown summary (one rounding, not two)."""
    from tui.core.export import export

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "The dam cost 9 million. It opened in May. Nobody came.\n"
    (corpus / "a.txt").write_text(text, "utf-8")
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")
    claims = ws.corpus.documents[0].claims
    assert len(claims) == 3
    ws.store.set(claims[0], "sourced")
    ws.store.set(claims[1], "disputed")
    progress = Progress(ws.corpus, ws.store)
    progress.count_some(1)
    assert progress.text().startswith("2/3 claims reviewed (67%)")
    assert "- Reviewed: 2 of 3 claims (67%)" in export(ws, "markdown")
