"""The triage and team keys of the reader: c C (contested), w (check-worthy), L (claims), D."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, make_app, notifications

from tui.core.checkworthy import checkworthiness
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


@pytest.fixture
def contested(corpus_dir: Path, annotations_dir: Path) -> list[int]:
    """Claims 2 and 5 of the first document contested by ann and bob; claim 3 agreed."""
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="ann")
    doc = ws.corpus.documents[0]
    bob = AnnotationStore(annotations_dir, analyst="bob")
    for index, (mine, theirs) in {
        2: ("sourced", "disputed"),
        3: ("opinion", "opinion"),
        5: ("disputed", "opinion"),
    }.items():
        ws.store.set(doc.claims[index], mine)
        bob.set(doc.claims[index], theirs)
    return [2, 5]


async def test_c_and_C_jump_between_contested_claims_and_wrap(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.reader.active_view
        view.move_to(0)
        await pilot.press("c")
        assert view.cursor == 2
        await pilot.press("c")
        assert view.cursor == 5
        await pilot.press("c")
        assert view.cursor == 2 and "Continued from the top." in seen
        await pilot.press("C")
        assert view.cursor == 5
        await pilot.press("tab", "c")  # the second document has none
        assert "No claim in this document is contested." in seen


async def test_w_goes_to_the_most_check_worthy_unreviewed_claims_in_turn(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        docs = [view.doc for view in app.reader.views]
        claims = [claim for doc in docs for claim in doc.claims]
        scores = sorted((checkworthiness(c.text).score for c in claims), reverse=True)
        await pilot.press("w")
        first = app.reader.current_claim
        assert checkworthiness(first.text).score == scores[0]
        await pilot.press("w")
        second = app.reader.current_claim
        assert second is not first and checkworthiness(second.text).score == scores[1]
        await pilot.press("s")  # tagged (the cursor moves on): w starts from the top again
        await pilot.press("w")
        assert app.reader.current_claim is first
        await pilot.press("w")  # one further, past the tagged one
        third = app.reader.current_claim
        assert third not in (first, second) and checkworthiness(third.text).score == scores[2]


async def test_L_lists_every_claim_and_enter_jumps_to_it(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClaimsListScreen"
        await pilot.press(*"doc:004")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        assert app.reader.current_claim.doc.id.startswith("004")


async def test_D_shows_the_dashboard(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        text = str(app.screen.query_one("#dashboard-body").render())
        assert "2 contested" in text and "Confusion" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"


async def test_V_settles_a_contested_claim_with_a_chosen_tag_and_undo_unsettles(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.active_view.doc
        claim = doc.claims[2]
        app.reader.active_view.move_to(2)
        await pilot.press("V")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        shown = str(app.screen.query_one("#review-tags").render_line(0).text)
        assert "ann" in shown
        await pilot.press("down", "enter")  # bob's: disputed
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        team = app.workspace.store.load(doc).team(claim)
        assert team.status.value == "settled" and team.label == "disputed"
        assert team.verdict is not None and team.verdict.analyst == "tester"
        assert any(message.startswith("Settled") for message in seen)
        await pilot.press("u")
        team = app.workspace.store.load(doc).team(claim)
        assert team.status.value == "contested" and team.verdict is None


async def test_V_with_a_label_key_takes_the_note_of_a_tag_with_that_label(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    """Settled "opinion" with ann's "disputed" tag highlighted: bob's note and sources
    (his tag is the opinion one), never ann's, which argue the other way."""
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="ann")
    doc = ws.corpus.documents[0]
    ws.store.set(
        doc.claims[5], "disputed", note="ministry denies it", sources=["https://a.example"]
    )
    bob = AnnotationStore(annotations_dir, analyst="bob")
    bob.set(doc.claims[5], "opinion", note="a columnist's view", sources=["https://b.example"])
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.active_view.move_to(5)
        await pilot.press("V")
        await pilot.pause()
        assert app.screen.highlighted.analyst == "ann"  # type: ignore[attr-defined]
        await pilot.press("o")
        await pilot.pause()
        verdict = app.workspace.store.load(doc).team(doc.claims[5]).verdict
        assert verdict is not None and verdict.label == "opinion"
        assert verdict.note == "a columnist's view"
        assert list(verdict.sources) == ["https://b.example"]
        app.reader.active_view.move_to(2)
        await pilot.press("V")
        await pilot.pause()
        await pilot.press("x")  # nobody said skip: no note, no sources
        await pilot.pause()
        verdict = app.workspace.store.load(doc).team(doc.claims[2]).verdict
        assert verdict is not None and verdict.label == "skip"
        assert verdict.note == "" and not list(verdict.sources)


async def test_V_with_a_label_key_and_a_note_of_ones_own(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.active_view.doc
        claim = doc.claims[5]
        app.reader.active_view.move_to(5)
        await pilot.press("V")
        await pilot.pause()
        await pilot.press("tab", *"both half right", "shift+tab", "x")
        await pilot.pause()
        team = app.workspace.store.load(doc).team(claim)
        assert team.label == "skip" and team.verdict is not None
        assert team.verdict.note == "both half right"


async def test_tagging_never_writes_a_verdict_and_V_on_an_untagged_claim_says_why(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.active_view.doc
        await pilot.press("V")
        assert type(app.screen).__name__ == "ReaderScreen"
        assert any("Nobody has tagged" in message for message in seen)
        await pilot.press("d")
        assert app.workspace.store.load(doc).team(doc.claims[0]).verdict is None


async def test_f_filters_the_pane_dims_the_rest_and_moves_among_what_it_keeps(
    corpus_dir: Path, annotations_dir: Path, contested: list[int]
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.reader.panes[0]
        view = pane.view
        view.move_to(0)
        await pilot.press("f")  # unreviewed: nobody tagged it
        assert "filter: unreviewed" in pane.title_bar.render().plain
        await pilot.press("f")  # contested: claims 2 and 5
        await pilot.pause()
        assert "filter: contested 2" in pane.title_bar.render().plain
        assert view.cursor == 2
        await pilot.press("j")
        assert view.cursor == 5
        await pilot.press("j")  # none further: it stays
        assert view.cursor == 5
        await pilot.press("k")
        assert view.cursor == 2
        dimmed = [
            segment
            for y in range(view.size.height)
            for segment in view.render_line(y)
            if segment.text.strip() and segment.style and segment.style.color
        ]
        assert len({segment.style.color for segment in dimmed}) > 1  # kept and dimmed differ
        for _ in range(3):  # disputed, mine, all
            await pilot.press("f")
        assert "filter:" not in pane.title_bar.render().plain
        await pilot.press("j")
        assert view.cursor == 3
