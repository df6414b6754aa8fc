"""The reader reopens where it was left: the same panes, claims and focused pane."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from app_helpers import SIZE, make_app
from textual import events

from tui.app.app import FactcheckApp
from tui.app.session import PaneState, Session, restore, session_path
from tui.core.workspace import open_workspace


@pytest.fixture(autouse=True)
def sessions_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_SESSION", raising=False)


def open_ids(app: FactcheckApp) -> list[str]:
    return [pane.doc.id[:3] for pane in app.reader.panes]


async def test_panes_cursors_and_focus_come_back_after_quitting(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    path = app.reader.session_keeper.path
    assert path is not None
    assert path.parent == Path(os.environ["XDG_STATE_HOME"]) / "factcheck" / "sessions"
    assert len(path.stem) == 16 and int(path.stem, 16) >= 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O", *"003", "enter")
        assert open_ids(app) == ["000", "003", "001"]
        assert path.exists()  # saved on opening a pane, before any quit
        await pilot.press("j", "j", "j")
        where = app.reader.current_claim
        await pilot.press("tab", "j", "j", "shift+tab")  # the last pane moved too
        last = app.reader.panes[2].view.claim
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert where is not None and last is not None and where.index == 3
    assert not any(annotations_dir.glob("*.json"))  # nothing beside the annotations

    again = make_app([corpus_dir], annotations_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert open_ids(again) == ["000", "003", "001"]
        assert again.reader.active_view is again.reader.panes[1].view
        assert again.focused is again.reader.panes[1].view
        assert again.reader.current_claim.id == where.id
        assert again.reader.panes[2].view.claim.id == last.id
        assert "003" in again.query_one("#inspector").text
        # In a terminal the screen first focuses the first pane (AUTO_FOCUS), and that
        # pane's focus event may arrive after the restored pane took over: it is ignored.
        again.post_message(events.DescendantFocus(again.reader.panes[0].view))
        await pilot.pause()
        assert again.reader.active_view is again.reader.panes[1].view
        assert again.reader.current_claim.id == where.id


async def test_closing_a_pane_is_saved_at_once(corpus_dir: Path, annotations_dir: Path) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "W")
        saved = json.loads(app.reader.session_keeper.path.read_text("utf-8"))
        assert [pane["doc"][:3] for pane in saved["panes"]] == ["000"]
    # No quit (as after a crash): the file written on closing is what the next start sees.
    again = make_app([corpus_dir], annotations_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert open_ids(again) == ["000"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"format": 1, "panes": "000", "focused": 0}',
        b'{"format": 1, "panes": [{"doc": 7}], "focused": 0}',
        b'{"format": 1, "panes": [{"doc": "000_b9222599d6781aaf"}], "focused": "x"}',
        b'{"format": 99, "panes": [], "focused": 0}',
        b'{"format": 1, "panes": [{"doc": "gone", "claim": "c1"}], "focused": 0}',
    ],
)
async def test_a_corrupt_or_useless_session_file_means_a_normal_start(
    corpus_dir: Path, annotations_dir: Path, content: bytes
) -> None:
    path = session_path(open_workspace([corpus_dir], annotations=annotations_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert open_ids(app) == ["000", "001"]
        assert app.focused is app.reader.panes[0].view
        assert app.reader.current_claim is app.reader.panes[0].doc.claims[0]


async def test_documents_and_claims_gone_since_are_skipped(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="tester")
    docs = workspace.corpus.documents
    workspace.store.set(docs[2].claims[0], "sourced")  # 002 opens at its first unreviewed: 2
    session = Session(
        (
            PaneState(docs[3].id, docs[3].claims[5].id),
            PaneState("999_removed", "c12345678"),
            PaneState(docs[2].id, "cgone0000"),
        ),
        focused=1,  # the pane of a removed document: the one before it gets the focus
    )
    path = session_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(session.to_json(workspace), "utf-8")
    app = FactcheckApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert open_ids(app) == ["003", "002"]
        assert app.reader.panes[0].view.claim is docs[3].claims[5]
        assert app.reader.panes[1].view.claim is docs[2].claims[1]
        assert app.focused is app.reader.panes[0].view


def test_restore_keeps_order_and_maps_the_focus(corpus_dir: Path) -> None:
    corpus = open_workspace([corpus_dir]).corpus
    a, b, c = corpus.documents[:3]
    panes = (PaneState("gone", None), PaneState(b.id, b.claims[2].id), PaneState(a.id, None))
    restored = restore(Session(panes, focused=2), corpus)
    assert restored is not None
    assert restored.documents == [b, a] and restored.cursors == [2, None]
    assert restored.focused == 1
    assert restore(Session(panes, focused=0), corpus).focused == 0
    assert restore(Session((PaneState("gone", None),)), corpus) is None
    assert c not in restored.documents


async def test_factcheck_session_0_neither_saves_nor_restores(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="tester")
    path = session_path(workspace)
    text = Session((PaneState(workspace.corpus.documents[3].id, None),)).to_json(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    monkeypatch.setenv("FACTCHECK_SESSION", "0")
    app = FactcheckApp(workspace)
    assert app.reader.session_keeper is None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert open_ids(app) == ["000", "001"]
        await pilot.press("O", *"002", "enter", "W", "q")
    assert path.read_text("utf-8") == text


def test_different_folders_have_different_sessions(tmp_path: Path, corpus_dir: Path) -> None:
    one = open_workspace([corpus_dir], annotations=tmp_path / "a")
    two = open_workspace([corpus_dir], annotations=tmp_path / "b")
    same = open_workspace([corpus_dir / ".." / corpus_dir.name], annotations=tmp_path / "a")
    assert session_path(one) != session_path(two)
    assert session_path(one) == session_path(same)
