"""The reader with a config file: remapped keys (and every hint), the theme, a bad file.

Also: a fifth label added to the one definition shows up everywhere labels are listed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import SIZE, inspector_text, make_app, notifications, records, view_text
from textual.widgets import RadioButton, Static
from textual.widgets._footer import FooterKey

from tui.app.app import FactcheckApp
from tui.core import labels
from tui.core.config import config_path, load_config
from tui.core.labels import LabelDef
from tui.core.workspace import open_workspace


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(autouse=True)
def no_config():
    """Every test starts without a config file (the folder is the tests' own, see conftest)."""
    config_path().unlink(missing_ok=True)
    yield
    config_path().unlink(missing_ok=True)


def footer(app: FactcheckApp) -> dict[str, str]:
    """Description -> key as the Footer shows it."""
    return {key.description: key.key_display for key in app.reader.query(FooterKey)}


async def test_a_remapped_key_works_and_every_hint_shows_it(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    write_config('[keys]\ntag-disputed = "z"\nedit-note = "ctrl+e"\n')
    app = make_app([corpus_dir], annotations_dir, config=load_config())
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        await pilot.pause()
        doc = app.reader.panes[0].doc
        assert footer(app)["Disputed"] == "z" and footer(app)["Note"] == "^e"
        assert "s z o x to tag · ctrl+e for a note" in inspector_text(app)
        await pilot.press("d")  # the old key does nothing now
        assert records(annotations_dir, doc) == []
        await pilot.press("z")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed"]
        await pilot.press("2")  # the second key survives a remap of the first
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed", "disputed"]

        await pilot.press("question_mark")
        help_text = str(app.screen.query_one("#help-text", Static).render())
        assert "z 2 " in help_text and "d 2" not in help_text
        await pilot.press("escape")

        commands = {c.title: c.help for c in app.get_system_commands(app.reader)}
        assert commands["Disputed"].endswith("(z 2)")

        await pilot.press("e")  # remapped away from e: no editor
        assert app.screen is app.reader
        await pilot.press("enter")  # its second key still opens it
        assert type(app.screen).__name__ == "NoteScreen"
        caption = str(app.screen.query(".note--caption").first(Static).render())
        assert "s z o x here" in caption
        await pilot.press("escape")


async def test_a_second_key_moves_only_when_remapped_itself(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    write_config('[keys]\ntag-disputed-alt = "9"\n')
    app = make_app([corpus_dir], annotations_dir, config=load_config())
    async with app.run_test(size=SIZE) as pilot:
        doc = app.reader.panes[0].doc
        await pilot.press("2", "9", "d")
        assert [r["label"] for r in records(annotations_dir, doc)] == ["disputed", "disputed"]


async def test_a_theme_chosen_in_the_reader_survives_a_restart(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    path = write_config('# mine\nanalyst = "Jane"\nfuture = true\n')
    app = make_app([corpus_dir], annotations_dir, config=load_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    assert path.read_text("utf-8") == '# mine\nanalyst = "Jane"\nfuture = true\ntheme = "nord"\n'
    again = make_app([corpus_dir], annotations_dir, config=load_config())
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


async def test_a_bad_config_file_is_named_with_its_line_and_the_reader_starts(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    path = write_config('theme = "nord"\n[keys]\ntag-disputed = \n')
    app = make_app([corpus_dir], annotations_dir, config=load_config())
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(f"{path}, line 3" in message for message in seen)
        assert app.theme != "nord"  # defaults, nothing half-applied
        await pilot.press("d")
        assert [r["label"] for r in records(annotations_dir, app.reader.panes[0].doc)]
        app.theme = "nord"
        await pilot.pause()
    assert path.read_text("utf-8") == 'theme = "nord"\n[keys]\ntag-disputed = \n'  # never written


async def test_an_unknown_binding_id_and_theme_are_said(corpus_dir: Path, annotations_dir: Path):
    write_config('theme = "no-such-theme"\n[keys]\ntag-dsputed = "z"\n')
    app = make_app([corpus_dir], annotations_dir, config=load_config())
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("no theme named 'no-such-theme'" in message for message in seen)
        assert any("tag-dsputed" in message for message in seen)


def test_the_command_line_takes_the_analyst_from_the_config(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config('analyst = "Config Person"\n')
    monkeypatch.delenv("FACTCHECK_ANALYST", raising=False)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "tag", "000:1", "sourced", "--corpus", str(corpus_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = list(annotations_dir.rglob("*.toml"))
    assert written and 'analyst = "Config Person"' in written[0].read_text("utf-8")


# -- a fifth label -----------------------------------------------------------------------------

UNCLEAR = LabelDef("unclear", "y", "5", "U", "accent", "too vague to check")


@pytest.fixture
def fifth_label(monkeypatch: pytest.MonkeyPatch) -> LabelDef:
    monkeypatch.setattr(labels, "LABEL_DEFS", (*labels.LABEL_DEFS, UNCLEAR))
    return UNCLEAR


async def test_a_fifth_label_appears_everywhere_labels_are_listed(
    fifth_label: LabelDef, corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="tester")
    app = FactcheckApp(workspace, session=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        await pilot.pause()
        doc = app.reader.panes[0].doc
        assert footer(app)["Unclear"] == "y"  # a binding, shown in the footer
        assert "s d o x y to tag" in inspector_text(app)
        await pilot.press("y", "5")  # both its keys tag
        assert [r["label"] for r in records(annotations_dir, doc)] == ["unclear", "unclear"]
        lines = view_text(app.reader.panes[0].view)
        assert lines[0].startswith("U  ")  # its margin letter
        await pilot.press("k")
        assert "[U] unclear" in inspector_text(app)

        await pilot.press("question_mark")
        assert "too vague to check" in str(app.screen.query_one("#help-text", Static).render())
        await pilot.press("escape")
        assert "Unclear" in {c.title for c in app.get_system_commands(app.reader)}

        await pilot.press("j", "e")
        assert "label-unclear" in {b.id for b in app.screen.query(RadioButton)}
        await pilot.press("escape")

    from tui.core.export import export

    assert "| Unclear |" in export(workspace, "markdown", matches=False)  # its count column
    assert '"unclear"' in export(workspace, "csv")
    assert '"unclear": 2' in export(workspace, "json", matches=False)


def test_the_command_line_lists_a_fifth_label(
    fifth_label: LabelDef, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    assert main(["tag", "000:1", "vague", "--corpus", str(corpus_dir)]) == 2
    assert "sourced, disputed, opinion, skip, unclear or none" in capsys.readouterr().err
