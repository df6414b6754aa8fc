"""Annotation files changed by another process while the reader is open.

The "other process" is a second ``AnnotationStore`` on the same folder (what
``factcheck tag`` and a second reader use), or a hand edit of the file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from app_helpers import SIZE, inspector_text, make_app, notifications, records, view_text

from tui.app.app import FactcheckApp
from tui.app.screens import reader as reader_module
from tui.core import records as records_module
from tui.core.model import Claim, Document
from tui.core.pane_filter import PaneFilter
from tui.core.store import AnnotationStore

BAD = 'format = 1\n\n[[claim]\nlabel = "disputed"\n'


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def other(annotations_dir: Path) -> AnnotationStore:
    """A second process of the reader's analyst: it writes the same file."""
    return AnnotationStore(annotations_dir, analyst="tester")


def margin(app: FactcheckApp, claim: Claim) -> str:
    """The gutter of the first line ``claim`` is drawn on in its pane."""
    view = next(v for v in app.reader.views if v.doc is claim.doc)
    assert view.wrapped is not None
    line = view.wrapped.line_of(claim.start) - view.scroll_offset.y
    return view_text(view)[line][:2]


@pytest.fixture
def polled(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> FactcheckApp:
    """The reader with its polls (annotation files, article texts) every 50 ms."""
    monkeypatch.setattr(reader_module, "POLL_SECONDS", 0.05)
    return make_app([corpus_dir], annotations_dir)


async def reloaded(pilot, app: FactcheckApp, doc: Document) -> None:
    """Wait (2 s at most) until the first pane shows ``doc`` read again."""
    for _ in range(40):
        await pilot.pause(0.05)
        if app.reader.panes[0].doc is not doc:
            return


async def test_a_tag_saved_elsewhere_appears_after_the_poll(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.reader.panes[0].doc
        claim = doc.claims[1]
        other(annotations_dir).set(claim, "disputed", note="from the command line")
        assert margin(app, claim).strip() == ""  # the cache is stale until the poll
        assert app.reader.disk.poll() == [doc]
        await pilot.pause()
        assert margin(app, claim) == "D "
        assert (
            app.reader.panes[0]
            .title_bar.render()
            .plain.rstrip()
            .endswith(f"1/{len(doc.claims)} reviewed")
        )
        assert "1/" in app.reader.header.progress
        await pilot.press("j")
        assert "[D] disputed" in inspector_text(app)
        assert "from the command line" in inspector_text(app)
        assert app.reader.disk.poll() == []  # nothing new: no reload


async def test_the_poll_runs_by_itself(polled: FactcheckApp, annotations_dir: Path) -> None:
    app = polled
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claim = app.reader.panes[1].doc.claims[0]
        other(annotations_dir).set(claim, "opinion")
        await pilot.pause(0.3)
        assert margin(app, claim) == "O "


async def test_own_saves_do_not_count_as_changes(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "d", "u")
        assert app.reader.disk.poll() == []


async def test_a_file_broken_elsewhere_turns_the_pane_read_only_until_fixed(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("s")
        path = app.store.path_for(doc)
        good = path.read_text("utf-8")
        path.write_text(BAD, "utf-8")
        assert app.reader.disk.poll() == [doc]
        await pilot.pause()
        banner = app.reader.panes[0].query_one(".pane--banner").render()
        assert "Read-only" in str(banner) and f"{doc.id}.toml, line 3" in str(banner)
        assert "read-only" in app.reader.panes[0].title_bar.render().plain
        assert any("read-only now" in message for message in seen)
        await pilot.press("d")
        assert path.read_text("utf-8") == BAD  # never written while broken

        path.write_text(good, "utf-8")
        assert app.reader.disk.poll() == [doc]
        await pilot.pause()
        assert not app.reader.panes[0].query(".pane--banner")
        assert "read-only" not in app.reader.panes[0].title_bar.render().plain
        assert any("can be tagged again" in message for message in seen)
        await pilot.press("d")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["sourced", "disputed"]


async def test_a_key_after_an_unpolled_change_acts_on_the_file_as_it_is(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("d", "k")  # claim 0 disputed, cursor back on it
        other(annotations_dir).set(doc.claims[0], "opinion")
        other(annotations_dir).set(doc.claims[5], "sourced")
        await pilot.press("d")  # still "disputed" in the stale cache: must be saved anyway
        labels = {r["id"]: r["label"] for r in records(annotations_dir, doc)}
        assert labels == {doc.claims[0].id: "disputed", doc.claims[5].id: "sourced"}
        await pilot.pause()
        assert margin(app, doc.claims[5]) == "S "  # the pane was read afresh first


async def test_undo_keeps_what_another_process_saved_on_other_claims(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("s")
        other(annotations_dir).set(doc.claims[3], "opinion")
        app.reader.disk.poll()
        await pilot.press("u")
        assert [(r["id"], r["label"]) for r in records(annotations_dir, doc)] == [
            (doc.claims[3].id, "opinion")
        ]
        await pilot.pause()
        assert margin(app, doc.claims[0]).strip() == ""
        assert margin(app, doc.claims[3]) == "O "


@pytest.mark.parametrize("poll", [True, False])
async def test_undo_does_not_overwrite_or_bring_back_a_claim_changed_elsewhere(
    app: FactcheckApp, annotations_dir: Path, poll: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every save in the same second: the stored times alone cannot tell which is newer.
    monkeypatch.setattr(records_module, "now", lambda: datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        first, second = doc.claims[0], doc.claims[1]
        await pilot.press("s", "o")
        other(annotations_dir).set(first, "disputed", note="theirs")
        other(annotations_dir).set(second, None)
        if poll:
            app.reader.disk.poll()
        expected = [(first.id, "disputed", "theirs")]
        await pilot.press("u")  # our "opinion" on the second claim, which they cleared
        await pilot.press("u")  # our "sourced" on the first claim, which they re-tagged
        saved = [(r["id"], r["label"], r.get("note", "")) for r in records(annotations_dir, doc)]
        assert saved == expected
        assert sum("changed elsewhere" in message for message in seen) == 2
        assert app.reader.active_view.cursor == 0
        await pilot.pause()
        assert margin(app, first) == "D " and "O" not in margin(app, second)
        await pilot.press("u")
        assert "Nothing to undo." in seen


async def test_a_poll_under_a_dialog_repaints_the_pane_beneath(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("question_mark")
        other(annotations_dir).set(doc.claims[2], "skip")
        assert app.reader.disk.poll() == [doc]
        await pilot.press("escape")
        assert margin(app, doc.claims[2]) == "x "


async def test_a_closed_document_is_read_afresh_when_reopened(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        second = app.reader.panes[1].doc
        await pilot.press("tab", "W")
        assert app.reader.disk.poll() == []
        other(annotations_dir).set(second.claims[0], "sourced")
        assert app.reader.disk.poll() == []  # not shown, not watched
        await app.reader.open_pane(second, 0)
        await pilot.pause()
        assert margin(app, second.claims[0]) == "S "


async def test_an_article_edited_on_disk_is_reloaded_with_its_tags(
    polled: FactcheckApp, annotations_dir: Path
) -> None:
    app = polled
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        doc = view.doc
        view.move_to(2)
        await pilot.press("s", "k")  # sourced on claim 3, back on it
        await pilot.press("k", "k", "d")  # disputed on claim 1
        # Another program rewrites the article: a new first sentence, claim 1 reworded away.
        first = doc.claims[0]
        text = doc.text[: first.start] + "A sentence added at the top. Nothing else is alike."
        doc.path.write_text(text + doc.text[first.end :], "utf-8")
        await reloaded(pilot, app, doc)
        fresh = app.reader.panes[0].doc
        assert fresh is not doc and fresh.text.startswith(text)
        assert app.reader.workspace.corpus.get(doc.id) is fresh
        state = app.reader.store.load(fresh)
        labels = {a.record.label: a for a in state.anchored}
        assert labels["sourced"].claim.text == doc.claims[2].text  # re-anchored
        assert labels["disputed"].claim is None  # orphaned, still listed
        assert any(
            m.startswith("000 changed on disk: reloaded;") and "1 orphaned" in m for m in seen
        )
        assert margin(app, labels["sourced"].claim) == "S "
        assert len(records(annotations_dir, fresh)) == 2  # nothing rewritten, nothing lost
        await pilot.pause(0.2)
        assert sum("changed on disk" in m for m in seen) == 1  # said once


async def test_a_reloaded_article_keeps_its_pane_filter(
    polled: FactcheckApp, annotations_dir: Path
) -> None:
    app = polled
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.reader.panes[0].doc
        await pilot.press("s", "f")  # one tagged, then "unreviewed" only
        assert app.reader.panes[0].view.pane_filter is PaneFilter.UNREVIEWED
        doc.path.write_text("A sentence added at the top. " + doc.text, "utf-8")
        await reloaded(pilot, app, doc)
        pane = app.reader.panes[0]
        assert pane.doc is not doc
        assert pane.view.pane_filter is PaneFilter.UNREVIEWED
        assert "filter: unreviewed" in pane.title_bar.render().plain
