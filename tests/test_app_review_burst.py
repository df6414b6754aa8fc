"""The review dialog under a burst of keys (tmux, a fast typist): nothing closes twice."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, inspector_text, make_app
from note_helpers import burst
from test_app_triage_keys import contested  # noqa: F401  (the fixture)

from tui.core.model import Document
from tui.core.store import AnnotationStore


async def open_review(pilot, app) -> Document:
    """``V`` on the first document's claim 2 (contested by ann and bob)."""
    doc = app.reader.active_view.doc
    app.reader.active_view.move_to(2)
    await pilot.press("V")
    await pilot.pause()
    assert type(app.screen).__name__ == "ReviewScreen"
    return doc


async def test_a_note_typed_after_tab_in_one_burst_is_the_verdicts_note(
    corpus_dir: Path,
    annotations_dir: Path,
    contested: list[int],  # noqa: F811
) -> None:
    """``V``, then ↓ Tab, a note holding label keys (s, d, o) and enter, all at once:
    the note goes into the note box and the claim is settled once, with bob's label."""
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        doc = await open_review(pilot, app)
        await burst(pilot, "down", "tab", *"FT has the documents", "enter")
        assert type(app.screen).__name__ == "ReaderScreen"
        assert app.is_running
        team = app.workspace.store.load(doc).team(doc.claims[2])
        assert team.status.value == "settled" and team.label == "disputed"
        assert team.verdict is not None and team.verdict.note == "FT has the documents"


async def test_label_keys_typed_while_the_dialog_closes_settle_once(
    corpus_dir: Path,
    annotations_dir: Path,
    contested: list[int],  # noqa: F811
) -> None:
    """Two label keys at once: the first settles; the second must not close the reader
    (Textual's dismiss pops whatever screen is on top)."""
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        doc = await open_review(pilot, app)
        await burst(pilot, "s", "d")
        assert app.is_running
        assert type(app.screen).__name__ == "ReaderScreen"
        team = AnnotationStore(annotations_dir, analyst="tester").load(doc).team(doc.claims[2])
        assert team.label == "sourced"


async def test_settling_a_claim_you_tagged_keeps_your_tag_and_says_so(
    corpus_dir: Path,
    annotations_dir: Path,
    contested: list[int],  # noqa: F811
) -> None:
    """You tagged claim 2 opinion, then settle it sourced: the inspector and the review
    list show your own tag beside the verdict, and the record keeps it."""
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.active_view.doc
        AnnotationStore(annotations_dir, analyst="tester").set(doc.claims[2], "opinion")
        await open_review(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        app.reader.active_view.move_to(2)
        await pilot.pause()
        assert "tester sourced verdict (own tag opinion)" in inspector_text(app)
        team = app.workspace.store.load(doc).team(doc.claims[2])
        mine = next(tag for tag in team.tags if tag.analyst == "tester")
        assert (mine.label, mine.verdict, mine.own_label) == ("sourced", True, "opinion")
        await pilot.press("V")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        assert any("(own tag opinion)" in str(o.prompt) for o in options.options)
