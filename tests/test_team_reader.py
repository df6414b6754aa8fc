"""The reader with several analysts: contested claims marked, everyone's tag listed, yours kept."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, inspector_text, make_app, records, view_text

from tui.core.store import AnnotationStore


def _margin(view, claim) -> str:
    line = view.wrapped.line_of(claim.start) - view.scroll_offset.y
    return view_text(view)[line][:2]


async def test_contested_claims_show_a_question_mark_and_every_analysts_tag(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.reader.panes[0].doc
        alice = AnnotationStore(annotations_dir, analyst="alice")
        alice.set(doc.claims[0], "disputed", note="no evidence")
        alice.set(doc.claims[1], "sourced", note="ministry report")
        app.reader.disk.poll()
        await pilot.pause()
        view = app.reader.panes[0].view
        view.move_to(0)
        await pilot.press("d")  # the same label as alice: still saved as tester's own tag
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed"]
        await pilot.press("o")  # claim 2: tester says opinion, alice sourced
        await pilot.pause()
        assert _margin(view, doc.claims[0]) == "D "
        assert _margin(view, doc.claims[1]) == "? "
        view.move_to(1)
        await pilot.pause()
        text = inspector_text(app)
        assert "? contested" in text
        assert "alice sourced" in text and "tester opinion" in text
        assert "alice: ministry report" in text
        await pilot.press("backspace")  # clears tester's tag only
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed"]
        assert records(annotations_dir, doc, "alice")[1]["label"] == "sourced"
        await pilot.pause()
        assert _margin(view, doc.claims[1]) == "S "
