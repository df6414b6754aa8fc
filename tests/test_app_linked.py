"""Linked panes: the current claim's match marked in the other pane, ``F`` to follow it,
tags carried across versions ("tagged in 000"), and what differs in the inspector."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from app_helpers import SIZE, inspector_text, make_app, view_text
from conftest import SEEDS
from textual.pilot import Pilot

from tui.app.app import FactcheckApp
from tui.app.linked import LOOK_BACK
from tui.app.widgets.document_view import DocumentView
from tui.core.carry import counterpart
from tui.core.model import Claim


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)  # 000 and 001 side by side


async def settled(pilot: Pilot) -> None:
    await pilot.app.reader.settle()  # type: ignore[attr-defined]
    await pilot.pause()


def line_of_claim(view: DocumentView, index: int) -> str:
    """The screen line where claim ``index`` of ``view`` starts (it must be in sight)."""
    assert view.wrapped is not None
    y = view.wrapped.line_of(view.doc.claims[index].start) - view.scroll_offset.y
    return view_text(view)[y]


def row_of_claim(view: DocumentView, claim: Claim) -> int:
    assert view.wrapped is not None
    return view.wrapped.line_of(claim.start) - view.scroll_offset.y


def row_of(view: DocumentView) -> int:
    """The screen row of the view's current claim."""
    assert view.wrapped is not None and view.claim is not None
    return view.wrapped.line_of(view.claim.start) - view.scroll_offset.y


async def test_the_current_claims_match_is_marked_in_the_other_pane(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        first, second = app.reader.views
        assert first.cursor == 0
        assert second.links == {2: True}  # 000:1 states what 001:3 does (band same)
        assert line_of_claim(second, 2).startswith("≈")
        assert first.links == {}  # the active pane marks nothing of its own
        await pilot.press("j")
        await settled(pilot)
        assert second.links == {3: True}
        assert not line_of_claim(second, 2).startswith("≈")  # the old mark is gone
        assert line_of_claim(second, 3).startswith("≈")
        await pilot.press("tab")  # now 001 leads: its claim's match is marked in 000
        await settled(pilot)
        assert second.links == {}
        await pilot.press("j", "j")  # 001:3, whose match is 000:1
        await settled(pilot)
        assert first.links.get(0) is True and line_of_claim(first, 0).startswith("≈")


async def test_F_makes_the_other_pane_follow_to_the_match_on_the_same_row(
    app: FactcheckApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        first, second = app.reader.views
        assert second.cursor == 0
        await pilot.press("F")
        await settled(pilot)
        assert app.reader.linked.follow
        assert second.cursor == 2 and row_of(second) == row_of(first)
        assert "follows 000" in app.reader.panes[1].title_bar.render().plain
        for expected in (3, 4, 5):  # 000:2..4 against 001:4..6, row by row
            await pilot.press("j")
            await settled(pilot)
            assert second.cursor == expected
            assert row_of(second) == row_of(first)
        await pilot.press("F")
        await settled(pilot)
        assert not app.reader.linked.follow
        assert "follows" not in app.reader.panes[1].title_bar.render().plain
        await pilot.press("k", "k")
        await settled(pilot)
        assert second.cursor == 5  # it stays where it was


async def test_following_keeps_the_rows_lined_up_as_the_panes_scroll(tmp_path: Path) -> None:
    """On a short terminal the active pane scrolls at every few claims; the follower keeps
    each match on the claim's row, and a claim with no match lines up the one before it."""
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    app = make_app([corpus], tmp_path / "annotations")
    async with app.run_test(size=(160, 24)) as pilot:
        await settled(pilot)
        first, second = app.reader.views
        await pilot.press("F")
        await settled(pilot)
        scrolled = matched = unmatched = 0
        for _ in range(24):
            await pilot.press("j")
            await settled(pilot)
            claim = first.claim
            found = app.reader.also_in.found(claim)
            assert found is not None
            scrolled += first.scroll_offset.y > 0
            if any(hit.claim.doc is second.doc for hit in found.linked):
                matched += 1
                assert second.links and second.cursor in second.links
                assert row_of(second) == row_of(first), claim.number
            else:
                unmatched += 1
                earlier = [
                    (c, counterpart(f.linked, second.doc.id))
                    for c in reversed(
                        first.doc.claims[max(claim.index - LOOK_BACK, 0) : claim.index]
                    )
                    if (f := app.reader.also_in.found(c))
                ]
                before, match = next(((c, m) for c, m in earlier if m is not None), (None, None))
                if match is not None:
                    assert row_of_claim(second, match.claim) == row_of_claim(first, before)
        assert scrolled and matched and unmatched


async def test_following_never_holds_a_key_the_match_comes_a_moment_later(
    app: FactcheckApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        first, second = app.reader.views
        await pilot.press("F")
        await settled(pilot)
        before = second.cursor
        lookup = app.reader.also_in
        gate = threading.Event()
        original = lookup._find

        def slow(claim, docs):  # a lookup that takes as long as the test likes
            gate.wait(10)
            return original(claim, docs)

        monkeypatch.setattr(lookup, "_find", slow)
        await pilot.press("end", *["k"] * 5)  # 000:52, far from what was looked up ahead
        await pilot.pause(0.3)  # the cursor rests: its lookup starts and waits at the gate
        assert first.cursor == 51 and second.cursor == before  # every key handled at once
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert second.cursor == 46 and row_of(second) == row_of(first)


async def test_a_tag_shows_on_its_counterpart_until_someone_tags_it_there(
    app: FactcheckApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        _first, second = app.reader.views
        await pilot.press("j", "j", "j", "d")  # 000:4 disputed; its counterpart is 001:6
        await settled(pilot)
        assert second.carried == {5: "disputed"}
        assert line_of_claim(second, 5).startswith("d")  # lowercase: carried, not tagged
        await pilot.press("tab")
        second.move_to(5)
        app.reader.update_inspector()
        await settled(pilot)
        text = inspector_text(app)
        assert "not reviewed · tagged in 000 disputed" in text
        await pilot.press("s")  # tagged here: the carried tag goes
        await settled(pilot)
        assert second.carried == {}
        assert line_of_claim(second, 5).startswith("S")
        second.move_to(5)
        app.reader.update_inspector()
        assert "tagged in 000" not in inspector_text(app)
        await pilot.press("u")  # untagged again: it carries again
        await settled(pilot)
        assert second.carried == {5: "disputed"}


async def test_the_inspector_says_what_the_best_match_states_otherwise(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Serbia signed a contract for 12 Rafale fighter jets with the French maker Dassault.\n"
        "The opposition in Belgrade called the purchase a waste of public money.\n",
        "utf-8",
    )
    (corpus / "b.txt").write_text(
        "Serbia signed a contract for 14 Rafale fighter jets with the French maker Dassault.\n"
        "The opposition in Belgrade called the purchase a waste of public money.\n",
        "utf-8",
    )
    app = make_app([corpus], tmp_path / "annotations")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        text = inspector_text(app)
        assert "Also in  b (" in text
        assert "≠ b says 14 where this says 12" in text
        _first, second = app.reader.views
        assert second.links == {0: False}  # a changed figure: related (~), not the same
        await pilot.press("j")
        await settled(pilot)
        assert "≠" not in inspector_text(app)  # the same words: nothing differs


async def test_follow_is_in_the_help(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.render_help(200).plain  # type: ignore[attr-defined]
        assert "F" in text and "Other panes follow the claim" in text


async def test_a_pane_hidden_on_a_narrow_terminal_follows_too(app: FactcheckApp) -> None:
    async with app.run_test(size=(70, 24)) as pilot:  # one pane at a time
        await settled(pilot)
        _first, second = app.reader.views
        await pilot.press("F")
        await settled(pilot)
        await pilot.press("j", "j")  # 000:3, whose match is 001:5
        await settled(pilot)
        assert second.cursor == 4
        await pilot.press("tab")
        await settled(pilot)
        assert app.reader.active_view is second and second.claim is second.doc.claims[4]
        assert 0 <= row_of(second) < second.size.height  # in sight
