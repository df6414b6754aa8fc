"""Hostile names, notes and formulas through the command line and every export (issue 9, 5-8)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from cli_helpers import run
from markdown_it import MarkdownIt

from tui.core.export import export
from tui.core.export.csv_format import neutralise
from tui.core.export.markdown import md_escape
from tui.core.workspace import Workspace, open_workspace

ESCAPE_NAME = "evil\x1b[2Jname"
OSC52_NAME = "aosc\x1b]52;c;SGVsbG8gZnJvbSBmaWxlbmFtZQ==\x1b\\x"
BIDI_NAME = "photo\u202egpj"
ANALYST = "Eve\u202e\u200b\x1b[31m"
NOTE = "see\u200bthis\u2028now \x1b]52;c;SGVsbG8=\x07 \u202edetrats"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\u2028")

ARTICLE = (
    "The ministry said 40 schools were closed on Monday. "
    "Critics called the decision rushed and unfair.\n"
)


def hostile_corpus(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """Articles under hostile names, each with a hostile analyst's tag and note; the corpus."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (ESCAPE_NAME, OSC52_NAME, BIDI_NAME, "row\nsplit"):
        (corpus / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    for name, text in (extra or {}).items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst=ANALYST)
    for doc in ws.corpus:
        ws.store.set(doc.claims[0], "disputed", note=NOTE, sources=["https://example.org/x"])
    return corpus


@pytest.fixture
def hostile(tmp_path: Path) -> Workspace:
    return open_workspace([hostile_corpus(tmp_path)], annotations=tmp_path / "annotations")


def _clean(text: str) -> None:
    for char in RAW:
        assert char not in text, (char, text)


@pytest.mark.parametrize(
    "argv",
    [
        ["claims"],
        ["stats"],
        ["search", "schools"],
        ["export", "--format", "markdown"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["export", "--format", "claimreview"],
        ["claims", "--json"],
        ["search", "schools", "--json"],
    ],
)
def test_cli_never_prints_a_raw_control_or_invisible_character(hostile, capsys, argv):
    corpus = hostile.corpus.roots[0]
    status, out, err = run(capsys, *argv, "--corpus", str(corpus))
    assert status == 0, err
    _clean(out)
    _clean(err)


def test_cli_rows_stay_one_per_claim_and_names_are_visible(hostile, capsys):
    corpus = hostile.corpus.roots[0]
    status, out, _ = run(capsys, "claims", "--corpus", str(corpus))
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2 * len(hostile.corpus)  # a "\n" in a file name splits no row
    assert any(line.startswith("photo⟨U+202E⟩gpj:") for line in lines)
    assert any(line.startswith("evil[2Jname:") for line in lines)


def test_tag_output_names_the_file_safely(hostile, capsys):
    corpus = hostile.corpus.roots[0]
    status, out, err = run(capsys, "tag", f"{BIDI_NAME}:2", "opinion", "--corpus", str(corpus))
    assert status == 0, err
    _clean(out)
    assert "photo⟨U+202E⟩gpj" in out


def test_markdown_and_claimreview_show_what_is_hidden(hostile):
    markdown = export(hostile, "markdown", matches=False)
    _clean(markdown)
    assert "Eve⟨U+202E⟩⟨U+200B⟩\\[31m" in markdown
    assert "see⟨U+200B⟩this⟨U+2028⟩now" in markdown
    reviews = json.loads(export(hostile, "claimreview"))
    assert reviews and all(r["author"]["name"] == "Eve⟨U+202E⟩⟨U+200B⟩[31m" for r in reviews)
    assert all("⟨U+202E⟩detrats" in r["reviewBody"] for r in reviews)
    assert all("\x1b" not in r["reviewBody"] for r in reviews)


def test_csv_cells_show_what_is_hidden(hostile):
    text = export(hostile, "csv")
    _clean(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["doc"] for row in rows} >= {"photo⟨U+202E⟩gpj", "evil[2Jname"}
    assert all(row["analyst"] == "Eve⟨U+202E⟩⟨U+200B⟩[31m" for row in rows)


def test_json_keeps_the_exact_strings_with_visible_escapes(hostile):
    text = export(hostile, "json", matches=False)
    _clean(text)
    assert "\\u202e" in text
    data = json.loads(text)
    notes = {a["note"] for d in data["documents"] for a in d["annotations"]}
    assert notes == {NOTE.replace("\x07", "\x07")}  # the exact note, once parsed
    assert {d["doc"] for d in data["documents"]} >= {BIDI_NAME, ESCAPE_NAME}


# --- CSV formulas (item 7) ---------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "\r=1+1",
        "\n=1+1",
        "\n=1",
        "\uff1d1+1",
        "\ufe661+1",
        "\uff0b1+1",
        "\uff0d1",
        "\uff201",
        "   =1+1",
        "\u00a0=1+1",
        "\u200b=1+1",
        "\u200b @SUM(A1)",
        "\ufeff=1",
        "\u3000=1",
        "\x1b=1+1",
        "\t=1",
        "-5",
        "+1",
        "@x",
    ],
)
def test_csv_guards_every_formula_start(cell):
    guarded = neutralise(cell)
    assert guarded.startswith("'"), repr(guarded)


@pytest.mark.parametrize("cell", ["plain, text", "5 = 5", "a@b", "100%", "", "Überall"])
def test_csv_leaves_plain_cells_alone(cell):
    assert neutralise(cell) == cell


def test_csv_guard_reaches_the_file(tmp_path, corpus_dir, annotations_dir):
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="a")
    claim = ws.corpus.documents[0].claims[0]
    ws.store.set(claim, "disputed", note='\r=HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(export(ws, "csv"))))
    assert rows[0]["note"] == '\'\n=HYPERLINK("http://x")'


# --- bare URLs in Markdown (item 8) ----------------------------------------------


def _linkify() -> MarkdownIt:
    return MarkdownIt("gfm-like", {"linkify": True}).enable("linkify")


@pytest.mark.parametrize(
    "note",
    [
        "visit https://evil.example/phish now",
        "see www.evil.com today",
        "write to boss@evil.com",
        "go to evil.com",
        "ftp://files.evil.org/x and mailto:a@b.org",
    ],
)
def test_markdown_notes_never_become_links_under_linkify(note):
    md = _linkify()
    assert any(t.type == "link_open" for t in md.parseInline(note)[0].children)  # the control
    children = md.parseInline(md_escape(note))[0].children
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == note


def test_markdown_export_has_no_link_but_the_sources(corpus_dir, annotations_dir):
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="a")
    claim = ws.corpus.documents[0].claims[0]
    ws.store.set(claim, "disputed", note="visit https://evil.example/phish now")
    tokens = _linkify().parse(export(ws, "markdown", matches=False))
    links = [
        c.attrs.get("href")
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open"
    ]
    assert "https://evil.example/phish" not in links


def test_hostile_names_survive_on_this_file_system(tmp_path):
    # The fixture relies on control characters in file names (Linux allows them).
    path = tmp_path / f"{OSC52_NAME}.txt"
    path.write_text("x")
    assert os.path.exists(path)
