"""Correcting claim boundaries in the reader: ``S`` split, ``J`` join, ``X`` not-a-claim, undo.

A correction is stored once in the document's metadata file (``<id>.toml`` beside
the text), the document is segmented again and every pane showing it redrawn;
tags are never dropped (they anchor afresh or become orphans) and undo takes
the correction back.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from app_helpers import SIZE, make_app, notifications, records, view_text

from tui.app.app import FactcheckApp
from tui.app.screens.split import SplitScreen
from tui.core.anchoring import Anchor
from tui.core.model import Document


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def stored(doc: Document) -> list[dict]:
    path = doc.path.with_suffix(".toml")
    if not path.exists():
        return []
    return tomllib.loads(path.read_text("utf-8")).get("boundary", [])


def active_doc(app: FactcheckApp) -> Document:
    return app.reader.active_view.doc


async def test_split_at_a_word_then_undo_and_redo(app: FactcheckApp) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = active_doc(app)
        first = doc.claims[0]
        count = len(doc.claims)
        await pilot.press("S")
        screen = app.screen
        assert isinstance(screen, SplitScreen)
        await pilot.press("home", "right", "right")  # after the third word
        offset = screen.offset
        words = first.text.split()
        assert doc.text[offset:].startswith(words[3])
        await pilot.press("enter")
        await pilot.pause()
        new = active_doc(app)
        assert new is not doc and len(new.claims) == count + 1
        assert new.claims[0].text == " ".join(words[:3])
        assert new.claims[1].text.startswith(words[3])
        assert app.reader.current_claim is new.claims[0]
        assert [b["action"] for b in stored(new)] == ["split"]
        assert app.reader.workspace.corpus.get(doc.id) is new
        assert any(m.startswith("Split 000:1") for m in seen)
        await pilot.press("u")
        await pilot.pause()
        assert len(active_doc(app).claims) == count and stored(active_doc(app)) == []
        assert active_doc(app).claims[0].text == first.text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(active_doc(app).claims) == count + 1
        assert [b["action"] for b in stored(active_doc(app))] == ["split"]


async def test_join_with_the_next_claim_redraws_every_pane_showing_it(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = active_doc(app)
        await app.reader.open_pane(doc)  # a second pane on the same document
        count = len(doc.claims)
        joined = f"{doc.claims[0].text} {doc.claims[1].text}"
        app.reader.active_view.move_to(0)
        await pilot.press("J")
        await pilot.pause()
        shown = [pane.doc for pane in app.reader.panes if pane.doc.id == doc.id]
        assert len(shown) == 2 and all(d is active_doc(app) for d in shown)
        assert len(shown[0].claims) == count - 1
        assert " ".join(shown[0].claims[0].text.split()) == " ".join(joined.split())
        assert [b["action"] for b in stored(shown[0])] == ["join"]
        # Splitting where it was joined takes the join back, rather than storing both.
        await pilot.press("u")
        await pilot.pause()
        assert len(active_doc(app).claims) == count and stored(active_doc(app)) == []


async def test_not_a_claim_marks_the_whole_line_and_moves_on(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = active_doc(app)
        line = doc.claims[0].block
        on_line = [c for c in doc.claims if c.block == line]
        after_line = doc.claims[len(on_line)]
        app.reader.active_view.move_to(1)
        await pilot.press("X")
        await pilot.pause()
        new = active_doc(app)
        assert len(new.claims) == len(doc.claims) - len(on_line)
        assert all(c.block != line for c in new.claims)
        assert app.reader.current_claim.text == after_line.text  # the next line's first claim
        assert [b["action"] for b in stored(new)] == ["noclaim"]
        text = "\n".join(view_text(app.reader.active_view))
        assert on_line[0].text[:20] in text  # still shown, dimmed, as boilerplate
        await pilot.press("u")
        await pilot.pause()
        assert len(active_doc(app).claims) == len(doc.claims)


@pytest.mark.parametrize(
    ("keys", "status", "said"),
    [
        (("home",), Anchor.FUZZY, "1 tag moved"),  # the long part still reads as the claim
        ((), Anchor.ORPHAN, "1 tag orphaned"),  # cut in the middle: neither part does
    ],
)
async def test_a_tag_on_a_split_claim_is_kept_and_comes_back_with_undo(
    app: FactcheckApp, annotations_dir: Path, keys: tuple[str, ...], status: Anchor, said: str
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = active_doc(app)
        app.reader.active_view.move_to(0)
        await pilot.press("d")  # disputed on claim 1, cursor moves to claim 2
        app.reader.active_view.move_to(0)
        kept = records(annotations_dir, doc)
        assert [r["label"] for r in kept] == ["disputed"]
        await pilot.press("S", *keys, "enter")
        await pilot.pause()
        new = active_doc(app)
        assert records(annotations_dir, new) == kept  # the file is not touched
        state = app.reader.store.load(new)
        (record,) = state.anchored
        assert record.status is status
        assert any(said in m for m in seen)
        await pilot.press("u")  # the split taken back: the tag is on its claim again
        # The undo reads the document again, awaiting its panes' replacement: on a loaded
        # machine one pause was once too few (seen once in a run of every app test, not
        # reproduced alone): wait, boundedly, for the document as read again.
        for _ in range(40):
            await pilot.pause()
            back = active_doc(app)
            if back is not new and len(app.reader.store.load(back).anchored) == 1:
                break
        (record,) = app.reader.store.load(back).anchored
        assert record.status is Anchor.EXACT and record.claim is back.claims[0]
        assert any(m.startswith("Undone: split 000:1") for m in seen)


async def test_corrections_are_the_teams_and_survive_a_restart(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = active_doc(app)
        count = len(doc.claims)
        app.reader.active_view.move_to(0)
        await pilot.press("J")
        await pilot.pause()
    again = make_app([corpus_dir], annotations_dir)
    assert len(again.workspace.corpus.get(doc.id).claims) == count - 1
