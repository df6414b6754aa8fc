"""Pilot tests of the note editor's saving: it closes only once the note is on disk.

A change another process made while the editor was open is shown, never
overwritten silently; a failed save keeps the editor open with the text; the
editor fits a small terminal and shows a long claim whole.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from app_helpers import SIZE, make_app, notifications, records
from note_helpers import note_screen
from textual.widgets import Button, Static, TextArea

import tui.core.store as store_module
from tui.app.app import FactcheckApp
from tui.core.store import AnnotationStore


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


def other_shell(annotations_dir: Path, app: FactcheckApp, analyst: str = "tester"):
    """A second process's store on the same folder (what ``factcheck tag`` writes through)."""
    return AnnotationStore(annotations_dir, analyst)


def first(annotations_dir: Path, app: FactcheckApp, analyst: str = "tester") -> tuple:
    doc = app.reader.panes[0].doc
    found = [r for r in records(annotations_dir, doc, analyst) if r["id"] == doc.claims[0].id]
    return tuple((r["label"], r.get("note", ""), r.get("sources", [])) for r in found)


async def open_with_change(pilot, app: FactcheckApp, annotations_dir: Path) -> None:
    """Tag claim 1 sourced, open its editor, write a note; meanwhile another shell tags it."""
    await pilot.press("s", "k", "e", *"mine")
    claim = app.reader.panes[0].doc.claims[0]
    other_shell(annotations_dir, app).set(
        claim, "disputed", note="theirs", sources=["https://example.org/y"]
    )


async def test_a_change_on_disk_meanwhile_is_shown_not_overwritten(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_with_change(pilot, app, annotations_dir)
        await pilot.press("ctrl+s")
        assert type(app.screen).__name__ == "ConflictScreen"
        theirs = str(app.screen.query_one("#conflict-theirs", Static).render())
        mine = str(app.screen.query_one("#conflict-mine", Static).render())
        assert "disputed" in theirs and "theirs" in theirs and "https://example.org/y" in theirs
        assert "sourced" in mine and "mine" in mine
        assert first(annotations_dir, app) == (("disputed", "theirs", ["https://example.org/y"]),)
        assert not any(message.startswith("Saved") for message in seen)
        await pilot.press("m")  # keep mine, knowingly
        assert app.screen is app.reader
        assert first(annotations_dir, app) == (("sourced", "mine", []),)
        assert "Saved the note on 000:1." in seen


async def test_take_theirs_discards_mine(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_with_change(pilot, app, annotations_dir)
        await pilot.press("ctrl+s", "t")
        assert app.screen is app.reader
        assert first(annotations_dir, app) == (("disputed", "theirs", ["https://example.org/y"]),)
        await pilot.pause()
        assert "theirs" in app.reader.inspector.text


async def test_back_to_editing_shows_theirs_to_merge_then_saves_mine(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_with_change(pilot, app, annotations_dir)
        await pilot.press("ctrl+s", "e")
        screen = note_screen(app)
        theirs = screen.query_one("#note-theirs", TextArea)
        assert theirs.display and "theirs" in theirs.text
        assert screen.query_one("#note-text", TextArea).text == "mine"
        await pilot.press(*" and theirs", "ctrl+s")  # merged by hand; theirs was seen
        assert app.screen is app.reader
        assert first(annotations_dir, app) == (("sourced", "mine and theirs", []),)


async def test_a_conflict_on_an_untagged_claim(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"fresh", "alt+o")
        other_shell(annotations_dir, app).set(app.reader.panes[0].doc.claims[0], "skip")
        await pilot.press("ctrl+s")
        assert type(app.screen).__name__ == "ConflictScreen"
        await pilot.press("m")
        assert first(annotations_dir, app) == (("opinion", "fresh", []),)


async def test_a_failed_save_keeps_the_editor_and_the_note(
    app: FactcheckApp, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = notifications(app)

    def full_disk(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(store_module, "write_atomic", full_disk)
        await pilot.press("e", *"keep me", "alt+d", "ctrl+s")
        screen = note_screen(app)
        message = str(screen.query_one("#note-error", Static).render())
        assert message.startswith("Not saved:")
        assert "No space left on device" in message
        assert "the note is still here" in message.lower()
        assert str(app.workspace.store.path_for(app.reader.panes[0].doc)) in message
        assert screen.query_one("#note-text", TextArea).text == "keep me"
        assert not any(m.startswith("Saved") for m in seen)
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # the disk has room again
        assert app.screen is app.reader
        assert first(annotations_dir, app) == (("disputed", "keep me", []),)


async def test_undo_takes_back_a_note_save(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "k", "e", *"a note", "ctrl+s")
        assert first(annotations_dir, app) == (("sourced", "a note", []),)
        await pilot.press("u")
        assert first(annotations_dir, app) == (("sourced", "", []),)
        await pilot.press("ctrl+r")
        assert first(annotations_dir, app) == (("sourced", "a note", []),)


async def test_a_note_on_a_claim_another_analyst_tagged_is_your_own(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    claim = app.workspace.corpus.documents[0].claims[0]
    other_shell(annotations_dir, app, "colleague").set(claim, "disputed", note="their view")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = note_screen(app)
        assert screen.label is None and screen.query_one("#note-text", TextArea).text == ""
        await pilot.press(*"my view", "alt+s", "ctrl+s")
        assert first(annotations_dir, app) == (("sourced", "my view", []),)
        assert first(annotations_dir, app, "colleague") == (("disputed", "their view", []),)


def long_claim_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "long"
    corpus.mkdir()
    words = " ".join(f"word{i}" for i in range(90))
    (corpus / "long.txt").write_text(f"A very long claim with {words} at its end.\n", "utf-8")
    return corpus


async def test_a_long_claim_is_shown_whole_and_the_buttons_fit_a_small_terminal(
    tmp_path: Path,
) -> None:
    app = make_app([long_claim_corpus(tmp_path)], tmp_path / "annotations")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = note_screen(app)
        claim = app.reader.panes[0].doc.claims[0].text
        assert len(claim) > 240
        shown = str(screen.query_one("#note-claim", Static).render())
        assert "word89 at its end." in shown
        box = screen.query_one("#note-claim-box")
        assert box.region.height <= 4 and box.virtual_size.height > box.region.height
        inside = screen.region
        for button in screen.query(Button):
            assert inside.contains_region(button.region), button.id
        assert screen.focused is screen.query_one("#note-text")
        assert inside.contains_region(screen.focused.region)
        await pilot.press("tab")  # the sources box scrolls into view above the buttons
        await pilot.pause()
        assert inside.contains_region(screen.focused.region)
