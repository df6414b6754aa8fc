"""Pilot tests of the reader: every key flow, checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, inspector_text, make_app, notifications, records, view_text
from textual.widgets import TextArea

from tui.app.app import FactcheckApp
from tui.app.keys import reader_keys
from tui.app.widgets.inspector import ClaimInspector
from tui.core.live_index import IndexState


@pytest.fixture
def app(corpus_dir: Path, annotations_dir: Path) -> FactcheckApp:
    return make_app([corpus_dir], annotations_dir)


async def test_opens_the_first_two_documents_side_by_side(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        docs = app.workspace.corpus.documents
        assert [pane.doc for pane in app.reader.panes] == docs[:2]
        assert all(pane.display for pane in app.reader.panes)
        assert app.focused is app.reader.panes[0].view
        title = app.reader.panes[0].title_bar.render().plain
        assert title.startswith(" 000 ") and title.rstrip().endswith(
            f"0/{len(docs[0].claims)} reviewed"
        )
        assert "One year after Serbia" in "\n".join(view_text(app.reader.panes[0].view))
        assert f"0/{sum(len(d.claims) for d in docs)} claims reviewed" in app.reader.header.progress


async def test_a_tag_is_on_disk_at_once_and_the_cursor_moves_on(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("j", "d")
        saved = records(annotations_dir, doc)  # the analyst's own file
        assert [(r["id"], r["label"]) for r in saved] == [(doc.claims[1].id, "disputed")]
        assert saved[0]["quote"] == doc.claims[1].text
        assert app.reader.active_view.cursor == 2
        await pilot.pause()
        assert (
            app.reader.panes[0]
            .title_bar.render()
            .plain.rstrip()
            .endswith(f"1/{len(doc.claims)} reviewed")
        )
        assert "1/" in app.reader.header.progress
        await pilot.press("k")
        assert "[D] disputed" in inspector_text(app)
        line = next(t for t in view_text(app.reader.panes[0].view) if t.startswith("D "))
        assert doc.claims[1].text[:20] in line or line.startswith("D  ")


async def test_number_keys_tag_like_letters(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("1", "2", "3", "4")
        saved = {r["id"]: r["label"] for r in records(annotations_dir, doc)}
        assert saved == {
            doc.claims[0].id: "sourced",
            doc.claims[1].id: "disputed",
            doc.claims[2].id: "opinion",
            doc.claims[3].id: "skip",
        }


async def test_undo_goes_back_step_by_step_on_disk(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("s", "d", "k", "o")  # the second claim: disputed, then opinion
        assert [r["label"] for r in records(annotations_dir, doc)] == ["sourced", "opinion"]
        await pilot.press("u")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["sourced", "disputed"]
        assert app.reader.active_view.cursor == 1
        await pilot.press("u", "u")
        assert records(annotations_dir, doc) == []
        assert app.reader.active_view.cursor == 0
        await pilot.press("u")
        assert "Nothing to undo." in seen


async def test_redo_puts_back_what_undo_took_on_disk(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("s", "d")
        await pilot.press("u", "u")
        assert records(annotations_dir, doc) == []
        await pilot.press("ctrl+r")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["sourced"]
        await pilot.press("ctrl+r")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["sourced", "disputed"]
        await pilot.press("ctrl+r")
        assert "Nothing to redo." in seen
        await pilot.press("o")  # a new change ends the redo history
        await pilot.press("u", "ctrl+r")
        assert [r["label"] for r in records(annotations_dir, doc)][-1] == "opinion"


async def test_backspace_clears_a_tag_and_undo_restores_it(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("e")
        app.screen.query_one("#note-text", TextArea).text = "keep me"
        await pilot.click("#label-disputed")
        await pilot.press("ctrl+s")
        assert records(annotations_dir, doc)[0]["note"] == "keep me"
        await pilot.press("backspace")
        assert records(annotations_dir, doc) == []
        assert app.reader.active_view.cursor == 0
        await pilot.press("u")
        assert [(r["label"], r["note"]) for r in records(annotations_dir, doc)] == [
            ("disputed", "keep me")
        ]


async def test_documents_open_at_their_first_unreviewed_claim_and_n_skips_reviewed(
    app: FactcheckApp,
) -> None:
    store = app.workspace.store
    doc = app.workspace.corpus.documents[0]
    for claim in (*doc.claims[:3], doc.claims[4], doc.claims[-1]):
        store.set(claim, "sourced")
    async with app.run_test(size=SIZE) as pilot:
        assert app.reader.active_view.cursor == 3
        await pilot.press("n")
        assert app.reader.active_view.cursor == 5
        await pilot.press("N", "N")  # back to 3, then round to the last unreviewed one
        assert app.reader.active_view.cursor == len(doc.claims) - 2


async def test_tab_and_shift_tab_move_between_panes(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first, second = app.reader.panes
        await pilot.press("tab")
        assert app.focused is second.view
        await pilot.press("j", "s")
        assert app.workspace.store.load(second.doc).label(second.doc.claims[1]) == "sourced"
        await pilot.press("shift+tab")
        assert app.focused is first.view


async def test_note_editor_saves_a_multi_line_note_and_sources(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("s", "k", "enter")
        assert type(app.screen).__name__ == "NoteScreen"
        await pilot.press(*"one", "enter", *"two")
        sources = app.screen.query_one("#note-sources", TextArea)
        sources.text = "https://example.org/a\n\nhttps://example.org/b\nhttps://example.org/a\n"
        await pilot.press("ctrl+s")
        assert app.screen is app.reader
        [record] = records(annotations_dir, doc)
        assert record["label"] == "sourced"
        assert record["note"] == "one\ntwo"
        assert record["sources"] == ["https://example.org/a", "https://example.org/b"]
        assert "one two" in inspector_text(app)
        assert "https://example.org/a · https://example.org/b" in inspector_text(app)
        await pilot.press("e")
        await pilot.click("#note-save")  # the button saves too; nothing changed, nothing written
        assert app.screen is app.reader
        assert len(app.reader.editor.undo_stack) == 2


async def test_note_editor_escape_cancels(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"no")
        await pilot.press("escape")  # something was typed: it asks first
        assert type(app.screen).__name__ == "DiscardScreen"
        await pilot.press("d")
        assert app.screen is app.reader
        assert not any(annotations_dir.glob("**/*.toml"))


async def test_a_note_on_an_untagged_claim_asks_for_a_label_first(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("e")
        assert type(app.screen).__name__ == "NoteScreen"
        assert app.screen.focused is app.screen.query_one("#note-text")  # typing is the note
        await pilot.press(*"why", "ctrl+s")
        error = app.screen.query_one("#note-error").render()
        assert "Choose a label" in str(error)
        assert not any(annotations_dir.glob("**/*.toml"))
        await pilot.press("o")  # the label row has focus now: a label key picks and saves
        assert app.screen is app.reader
        assert [(r["label"], r["note"]) for r in records(annotations_dir, doc)] == [
            ("opinion", "why")
        ]


async def test_e_then_a_label_key_then_the_note(app: FactcheckApp, annotations_dir: Path) -> None:
    """The fast ways to tag with a note: `e`, alt+label, the note, `ctrl+s`; or the label last."""
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("e", "alt+d", *"no registry entry", "ctrl+s")
        assert type(app.screen).__name__ != "NoteScreen"
        await pilot.press("j", "e", *"dubious", "ctrl+s", "o")
        assert [(r["label"], r["note"]) for r in records(annotations_dir, doc)] == [
            ("disputed", "no registry entry"),
            ("opinion", "dubious"),
        ]


async def test_open_and_close_panes(app: FactcheckApp) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O")
        assert type(app.screen).__name__ == "OpenDocumentScreen"
        await pilot.press(*"003", "enter")
        # The new pane opens right of the active one.
        assert [pane.doc.id[:3] for pane in app.reader.panes] == ["000", "003", "001"]
        assert app.reader.active_view.doc.id.startswith("003")
        await pilot.press("W")
        assert [pane.doc.id[:3] for pane in app.reader.panes] == ["000", "001"]
        await pilot.press("W")
        assert len(app.reader.panes) == 1
        await pilot.press("W")
        assert len(app.reader.panes) == 1
        assert any("last pane" in message for message in seen)
        await pilot.press("O", "escape")
        assert len(app.reader.panes) == 1


async def test_a_pane_opened_when_not_all_fit_says_where_it_is(app: FactcheckApp) -> None:
    async with app.run_test(size=(80, 30)) as pilot:  # two panes fit
        await pilot.press("O", *"003", "enter")
        await pilot.pause()
        titles = [pane.title_bar.render().plain for pane in app.reader.panes]
        assert "pane 2/3" in titles[1] and app.reader.panes[1].doc.id.startswith("003")
        assert [pane.display for pane in app.reader.panes] == [True, True, False]


async def test_a_bad_annotation_file_opens_read_only_and_is_never_written(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    annotations_dir.mkdir()
    bad = annotations_dir / "000_b9222599d6781aaf.toml"
    bad.write_text('format = 1\n\n[[claim]\nlabel = "disputed"\n', "utf-8")
    before = bad.read_bytes()
    app = make_app([corpus_dir], annotations_dir)
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        banner = app.reader.panes[0].query_one(".pane--banner").render()
        assert "Read-only" in str(banner)
        assert "000_b9222599d6781aaf.toml, line 3" in str(banner)
        assert "read-only" in app.reader.panes[0].title_bar.render().plain
        await pilot.press("s", "d", "backspace", "e")
        assert app.screen is app.reader
        assert bad.read_bytes() == before
        assert any("read-only" in message for message in seen)
        await pilot.press("tab", "s")  # the other document is still writable
        assert app.store.path_for(app.reader.panes[1].doc).exists()


async def test_orphans_screen_reattaches_to_the_current_claim(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    path = annotations_dir / "tester" / "000_b9222599d6781aaf.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        'format = 2\ndocument = "000_b9222599d6781aaf.txt"\n\n[[claim]]\nid = "cdeadbeef"\n'
        'label = "disputed"\nquote = "A sentence that the article no longer holds at all."\n'
        'start = 5\nend = 56\nnote = "kept [/] note"\n',
        "utf-8",
    )
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("j", "j", "R")
        assert type(app.screen).__name__ == "OrphansScreen"
        await pilot.press("escape")  # leave it: nothing changes
        assert records(annotations_dir, doc)[0]["id"] == "cdeadbeef"
        await pilot.press("R", "enter")
        [record] = records(annotations_dir, doc)
        assert (record["id"], record["label"], record["note"]) == (
            doc.claims[2].id,
            "disputed",
            "kept [/] note",
        )
        assert app.workspace.store.load(doc).orphans == []
        await pilot.press("u")  # undo puts the orphan back
        assert [r["id"] for r in records(annotations_dir, doc)] == ["cdeadbeef"]


HOSTILE = (
    "[/] [@click=app.quit]x[/] headline\n"
    "Plain text with [bold]tags[/bold] and [/] here. An escape \x1b[2J sequence \x1b]0;pwned\x07 "
    "too. " + "w" * 200_000 + " end of the long word.\n"
)


async def test_a_hostile_article_renders_literally_and_nothing_crashes(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, "utf-8")
    (annotations := tmp_path / "annotations").mkdir()
    (annotations / "hostile.toml").write_text(
        'format = 1\n[[claim]]\nlabel = "disputed"\nquote = "[/] [@click=app.quit]x[/] headline"\n'
        'start = 0\nend = 34\nnote = "[/] and \\u001b[2J"\nsources = ["[@click=app.quit]s[/]"]\n',
        "utf-8",
    )
    app = make_app([folder], annotations)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.reader.panes[0].view
        lines = view_text(view)
        assert lines[0].startswith("D  [/] [@click=app.quit]x[/] headline")
        assert "[bold]tags[/bold] and [/] here" in " ".join(lines)
        assert all("\x1b" not in line and "\x07" not in line for line in lines)
        assert "[/] [@click=app.quit]x[/]" in app.reader.panes[0].title_bar.render().plain
        await pilot.press("k")  # it opened at the first unreviewed claim; the tagged one is above
        text = inspector_text(app)
        assert "[/] and" in text and "[@click=app.quit]s[/]" in text and "\x1b" not in text
        assert len(view.wrapped) > 200_000 // 100
        await pilot.press("end", "k", "s", "pagedown", "pageup", "home")
        await pilot.resize_terminal(50, 15)
        await pilot.press("j", "j")
        await pilot.pause()
        assert app.is_running


async def test_small_and_large_terminals(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first, second = app.reader.panes
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert first.display and not second.display
        assert "1/2" in first.title_bar.render().plain
        assert app.query_one(ClaimInspector).size.height == 2
        await pilot.press("j", "s", "tab")
        await pilot.pause()
        assert second.display and not first.display
        assert app.focused is second.view
        await pilot.resize_terminal(300, 100)
        await pilot.pause()
        assert first.display and second.display
        assert app.query_one(ClaimInspector).size.height == 4
        for size in ((20, 8), (80, 24), (1, 1), (300, 100)):
            await pilot.resize_terminal(*size)
            await pilot.press("j", "k")
        await pilot.pause()
        assert app.is_running


async def test_corpus_warnings_become_plain_notifications(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "good.txt").write_text("A fine sentence. Another one.\n", "utf-8")
    (folder / "[bold]binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me.".encode("latin-1"))
    (folder / "empty.txt").write_text("", "utf-8")
    app = make_app([folder], tmp_path / "annotations")
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("[bold]binary.txt looks like a binary file" in m for m in seen)
        assert any("latin1.txt is not valid UTF-8" in message for message in seen)
        assert len(app.reader.panes) == 2  # the empty file and the one with bad bytes
        await pilot.press("s", "tab", "s", "j", "O")
        await pilot.press("escape")
        assert app.is_running


@pytest.mark.parametrize(("files", "more"), [(4, "1 more warning;"), (5, "2 more warnings;")])
async def test_warnings_past_the_first_three_are_counted(
    tmp_path: Path, files: int, more: str
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "good.txt").write_text("A fine sentence.\n", "utf-8")
    for i in range(files):
        (folder / f"binary{i}.txt").write_bytes(b"\x00\x01" * 50)
    app = make_app([folder], tmp_path / "annotations")
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sum("looks like a binary file" in message for message in seen) == 3
        assert [m for m in seen if "more warning" in m] == [f"{more} `factcheck stats` lists them."]


async def test_an_empty_folder_says_so_and_keys_do_not_crash(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    app = make_app([folder], tmp_path / "annotations")
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        assert "No articles to show" in str(app.query_one("#empty").render())
        await pilot.press("j", "s", "u", "e", "W", "tab", "n", "R", "O", "m")
        await pilot.pause()
        assert app.is_running
        assert "No claim here to tag." in seen


async def test_help_lists_every_key_and_closes(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        text = str(app.screen.query_one("#help-text").render())
        flat = " ".join(text.split())  # a long description wraps in its column
        for key in reader_keys():
            assert " ".join(key.help.split()) in flat
        for shown in ("j ↓", "s 1", "e enter", "backspace", "/", "O", "W", "tab", "ctrl+p", "?"):
            assert shown in text
        assert "moves to the next claim" in text
        assert "Annotations: " in text and "annotations" in text
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_every_action_is_in_the_command_palette(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.reader)}
        assert {key.title for key in reader_keys()} <= titles
        await pilot.press("ctrl+p", *"disp")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        doc = app.reader.panes[0].doc
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed"]


async def test_keys_can_be_remapped_by_binding_id(app: FactcheckApp, annotations_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"factcheck.tag-disputed": "z"})
        await pilot.press("z")
        [record] = records(annotations_dir, app.reader.panes[0].doc)
        assert record["label"] == "disputed"


async def test_q_quits_and_a_new_session_finds_everything_as_left(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "d", "k", "e", *"why", "ctrl+s", "q")
        await pilot.pause()
        assert not app.is_running
    # Without the saved session (test_app_session.py), so the article opens at its first
    # unreviewed claim: what is on disk alone decides where.
    again = make_app([corpus_dir], annotations_dir, session=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert "[D] disputed" in inspector_text(again)
        assert "why" in inspector_text(again)
        assert again.reader.panes[0].title_bar.render().plain.rstrip().endswith("1/57 reviewed")


async def test_clicking_a_sentence_moves_the_cursor(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.reader.panes[1].view
        lines = view_text(view)
        y = next(i for i, line in enumerate(lines) if "Banjska attacks" in line)
        await pilot.click(view, offset=(10, y))
        assert app.focused is view
        assert "Banjska attacks" in view.claim.text


async def test_inspector_shows_the_same_claim_in_other_documents(app: FactcheckApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        await app.reader.settle()
        await pilot.pause()
        text = inspector_text(app)
        assert "Also in  001 (" in text


async def test_search_similar_and_export_are_wired(app: FactcheckApp) -> None:
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        target = app.workspace.corpus.documents[3].claims[4]
        await pilot.press("slash")
        assert type(app.screen).__name__ == "SearchScreen"
        app.screen.dismiss(target)
        await pilot.pause()
        assert app.reader.active_view.doc is target.doc and app.reader.active_view.claim is target
        assert len(app.reader.panes) == 3
        back = app.workspace.corpus.documents[0].claims[2]
        await pilot.press("m")
        assert type(app.screen).__name__ == "SimilarScreen"
        app.screen.dismiss(back)
        await pilot.pause()
        assert app.reader.active_view.claim is back and len(app.reader.panes) == 3
        await pilot.press("E")
        assert type(app.screen).__name__ == "ExportScreen"
        app.screen.dismiss(Path("summary.md"))
        await pilot.pause()
        assert "Exported to summary.md" in seen


async def test_export_from_the_reader_reuses_its_search_index(
    app: FactcheckApp, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.search import SearchIndex

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "d")  # a tagged claim, so the export looks for matches
        await app.reader.settle()
        assert app.reader.live_index.state is IndexState.READY

        def build_again(*args, **kwargs):
            raise AssertionError("the export indexed the corpus a second time")

        monkeypatch.setattr(SearchIndex, "build", classmethod(build_again))
        await pilot.press("E")
        assert type(app.screen).__name__ == "ExportScreen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ != "ExportScreen"
    written = annotations_dir.parent / "exports" / "factcheck-summary.md"
    text = written.read_text(encoding="utf-8")
    assert "## Claims in several documents" in text and "disputed" in text


async def test_tags_read_without_colour(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app([corpus_dir], annotations_dir)
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "d", "x")
        lines = view_text(app.reader.panes[0].view)
        assert lines[0].startswith("S  One year after")
        assert any(line.startswith("D  ") for line in lines)
        assert any(line.startswith("x  ") or line.startswith("Dx ") for line in lines)


async def test_the_current_claim_shows_without_colour(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR the cursor was grey 237 on grey 234: now reverse, and a margin mark."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app([corpus_dir], annotations_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        view = app.reader.panes[0].view
        claim = view.claim
        assert claim is not None
        lines = [view.render_line(y) for y in range(view.size.height)]
        marked = [strip for strip in lines if strip.text.startswith("›")]
        assert len(marked) == 1
        reversed_text = " ".join(
            segment.text
            for strip in lines
            for segment in list(strip)[1:]  # past the margin
            if segment.style and segment.style.reverse
        )
        assert " ".join(reversed_text.split()) == " ".join(claim.text.split())


async def test_help_descriptions_wrap_in_their_own_column(app: FactcheckApp) -> None:
    """At 60 columns a long description went on under the keys; now under its own text."""
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one("#help-text").render()).splitlines()
        undo = next(i for i, line in enumerate(lines) if line.startswith("  u "))
        text_column = lines[undo].index("Undo")
        follow = lines[undo + 1]
        assert follow[:text_column].strip() == "" and follow[text_column] != " "
        assert all(len(line) <= 56 for line in lines if line.startswith("  "))


async def test_c_in_the_similar_list_copies_the_tag_to_the_match_and_undo_takes_it_back(
    app: FactcheckApp, annotations_dir: Path
) -> None:
    seen = notifications(app)
    source = app.workspace.corpus.documents[0].claims[0]
    app.workspace.store.set(
        source, "disputed", note="No public evidence", sources=["https://e.org"]
    )
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        await pilot.press("k")  # it opened on the first unreviewed claim
        assert app.reader.current_claim is source
        await pilot.press("m")
        screen = app.screen
        assert type(screen).__name__ == "SimilarScreen"
        for _ in range(50):
            if screen.done:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.05)
        match = screen.hits[0].claim  # type: ignore[attr-defined]
        assert match.doc is not source.doc
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is not screen
        copied = app.workspace.store.load(match.doc).mine(match)
        assert copied is not None, seen
        assert (copied.record.label, copied.record.note, list(copied.record.sources)) == (
            "disputed",
            "No public evidence",
            ["https://e.org"],
        )
        assert any(message.startswith("Copied disputed with its note") for message in seen)
        await pilot.press("u")
        assert app.workspace.store.load(match.doc).mine(match) is None
