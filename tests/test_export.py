"""Exports: each format parsed back and compared with what was tagged.

The Markdown summary of a small fixed corpus is compared with
``tests/expected/summary.md``; after a deliberate change of the layout,
regenerate it with ``FACTCHECK_UPDATE_EXPECTED=1 pytest tests/test_export.py``
and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui.cli.main import main
from tui.core.export import FORMATS, default_path, export, format_for_path, write_export
from tui.core.export.claimreview import BEST_RATING, RATINGS, WORST_RATING, review_url
from tui.core.export.csv_format import COLUMNS, neutralise
from tui.core.export.markdown import md_escape
from tui.core.export.summary import summarize
from tui.core.model import Claim
from tui.core.records import Annotation, AnnotationFile
from tui.core.workspace import Workspace, open_workspace

EXPECTED = Path(__file__).parent / "expected" / "summary.md"
HOSTILE = (
    '=HYPERLINK("http://evil.example","click"), said "they" | `rm -rf` *bold* '
    "[link](http://x.example)\n# not a heading\n<b>html</b> &amp; ünïcødé — 東京"
)
"""A note with everything that breaks a table, a spreadsheet or a naive writer."""
SOURCES = ["https://example.org/a?x=1&y=2", "=cmd|' /C calc'!A0"]


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def inline_text(source: str) -> tuple[str, set[str]]:
    """The text a Markdown renderer shows for ``source``, and the inline token types."""
    tokens = md().parse(source)
    inline = [t for t in tokens if t.type == "inline"]
    types = {c.type for t in inline for c in t.children or []}
    text = "".join(c.content for t in inline for c in t.children or [] if c.type == "text")
    return text, types


def tag(ws: Workspace, claim: Claim, label: str, note: str = "", sources: list[str] | None = None):
    ws.store.set(claim, label, note=note, sources=sources or [])


# --- the escaping ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1. _*`|[]()<>#&\\!-+=~$:\n\té東"), max_size=24))
def test_md_escape_reads_back_as_the_same_words(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped
    shown, types = inline_text(escaped)
    assert types <= {"text"}, (text, escaped, types)
    assert shown == " ".join(text.split())


def test_md_escape_keeps_a_table_row_whole() -> None:
    row = f"| {md_escape('a | b')} | {md_escape(HOSTILE)} |"
    source = f"| x | y |\n| --- | --- |\n{row}\n"
    tokens = md().parse(source)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    texts = [t.children for t in tokens if t.type == "inline"][2:]
    assert ["".join(c.content for c in kids) for kids in texts] == [
        "a | b",
        " ".join(HOSTILE.split()),
    ]
    assert "snake_case" in md_escape("snake_case and _this_")
    assert md_escape("# title") == "\\# title"
    assert md_escape("12. item") == "12\\. item"


# --- round trips on a copy of the seeds -------------------------------------------


@pytest.fixture
def tagged(corpus_dir: Path, annotations_dir: Path) -> tuple[Workspace, list[tuple[Claim, str]]]:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="Ana Lyst")
    docs = ws.corpus.documents
    plan = [
        (docs[0].claims[2], "disputed", HOSTILE, SOURCES),
        (docs[0].claims[4], "sourced", "Checked, fine.", ["https://example.org/ok"]),
        (docs[1].claims[1], "opinion", "", []),
        (docs[2].claims[3], "skip", "", []),
        (docs[2].claims[5], "sourced", "-5 % says the report", []),
    ]
    for claim, label, note, sources in plan:
        tag(ws, claim, label, note, sources)
    reopened = open_workspace([corpus_dir], annotations=annotations_dir)
    return reopened, [(reopened.corpus.get(c.doc.id).claims[c.index], lb) for c, lb, *_ in plan]


def test_csv_round_trip(tagged) -> None:
    ws, plan = tagged
    rows = list(csv.DictReader(io.StringIO(export(ws, "csv"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(plan)
    by_id = {(r["doc"], r["id"]): r for r in rows}
    for claim, label in plan:
        row = by_id[(claim.doc.id, claim.id)]
        record = ws.store.load(claim.doc).get(claim).record
        assert row["label"] == label
        assert (int(row["start"]), int(row["end"])) == (claim.start, claim.end)
        assert row["quote"] == neutralise(claim.text)
        assert row["analyst"] == "Ana Lyst"
        assert row["anchor"] == "exact"
        assert row["updated"] == record.updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    hostile = by_id[(plan[0][0].doc.id, plan[0][0].id)]
    # The formula is neutralised; everything else (commas, quotes, newlines, non-ASCII) survives.
    assert hostile["note"] == "'" + HOSTILE
    assert hostile["sources"] == " | ".join(SOURCES)
    minus = by_id[(plan[4][0].doc.id, plan[4][0].id)]
    assert minus["note"] == "'-5 % says the report"


def test_csv_neutralises_every_formula_start() -> None:
    for start in ("=", "+", "-", "@", "\t", "\n"):
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("\r1+1") == "'\n1+1"  # a carriage return reads as a line break
    assert neutralise("plain, text") == "plain, text"
    assert neutralise("\x1b[2Jx") == "[2Jx"


def test_json_round_trip(tagged) -> None:
    ws, plan = tagged
    data = json.loads(export(ws, "json", matches=False))
    assert data["format"] == 2
    assert data["totals"]["annotations"] == len(plan)
    assert data["totals"]["claims"] == sum(len(d.claims) for d in ws.corpus)
    docs = {d["doc"]: d for d in data["documents"]}
    assert list(docs) == [d.id for d in ws.corpus]
    for claim, label in plan:
        doc = docs[claim.doc.id]
        ann = next(a for a in doc["annotations"] if a["id"] == claim.id)
        assert (ann["label"], ann["claim"], ann["start"], ann["end"]) == (
            label,
            claim.number,
            claim.start,
            claim.end,
        )
        assert ann["quote"] == ann["text"] == claim.text
        assert doc["labels"][label] >= 1
    for doc in data["documents"]:
        assert doc["reviewed"] == len(doc["annotations"]) == sum(doc["labels"].values())
    first = docs[plan[0][0].doc.id]["annotations"]
    assert next(a for a in first if a["label"] == "disputed")["note"] == HOSTILE
    assert data["matches"] is None


def test_claimreview_objects(tagged) -> None:
    ws, plan = tagged
    reviews = json.loads(export(ws, "claimreview", url_base="https://fc.example/reviews/"))
    expected = [(c, lb) for c, lb in plan if lb in ("sourced", "disputed")]
    assert len(reviews) == len(expected)
    by_text = {r["claimReviewed"]: r for r in reviews}
    for claim, label in expected:
        review = by_text[" ".join(claim.text.split())]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        rating = review["reviewRating"]
        assert rating == {
            "@type": "Rating",
            "ratingValue": RATINGS[label][0],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": label.capitalize(),
        }
        assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"]["@type"] == "CreativeWork"
        assert item["appearance"]["headline"] == " ".join(claim.doc.title.split())
        assert review["author"] == {"@type": "Person", "name": "Ana Lyst"}
        record = ws.store.load(claim.doc).get(claim).record
        assert review["datePublished"] == record.updated.date().isoformat()
        assert review["url"] == f"https://fc.example/reviews/{claim.doc.id}#{claim.id}"
    hostile = by_text[" ".join(plan[0][0].text.split())]
    assert hostile["reviewBody"] == " ".join(HOSTILE.split())
    assert hostile["citation"] == SOURCES


def test_claimreview_date_url_template_and_article_metadata(tagged, annotations_dir) -> None:
    ws, plan = tagged
    claim = plan[0][0]
    path = annotations_dir / f"{claim.doc.id}.toml"  # format 1 files may carry metadata
    stored = AnnotationFile(claim.doc.path.name, format=1)
    stored.extra.update(
        url="https://news.example/story",
        author={"type": "Organization", "name": "Daily Example", "url": "https://news.example"},
        published="2024-09-25",
    )
    path.write_text(stored.dumps(), encoding="utf-8")
    ws = open_workspace(ws.corpus.roots, annotations=annotations_dir)
    reviews = json.loads(
        export(ws, "claimreview", date="2026-12-01", url_base="https://fc.example/{doc}/{claim}")
    )
    review = next(r for r in reviews if r["claimReviewed"] == " ".join(claim.text.split()))
    assert review["datePublished"] == "2026-12-01"
    assert review["url"] == f"https://fc.example/{claim.doc.id}/{claim.id}"
    author = {"@type": "Organization", "name": "Daily Example", "url": "https://news.example"}
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {
            "@type": "CreativeWork",
            "headline": " ".join(claim.doc.title.split()),
            "url": "https://news.example/story",
            "author": author,
            "datePublished": "2024-09-25",
        },
        "author": author,
        "datePublished": "2024-09-25",
    }
    assert review_url("https://x.example", "a b", "c1") == "https://x.example/a%20b#c1"


def test_markdown_lists_disputed_and_opinion_with_notes(tagged) -> None:
    ws, plan = tagged
    text = export(ws, "markdown", matches=False)
    rendered = md().render(text)
    assert "<b>html</b>" not in rendered and "<a href" in rendered  # only our autolinks
    assert 'href="http://x.example"' not in rendered
    disputed = text.split("## Disputed claims", 1)[1].split("\n## ", 1)[0]
    assert md_escape(plan[0][0].text) in disputed
    assert md_escape(HOSTILE) in disputed
    assert "<https://example.org/a?x=1&y=2>" in disputed
    opinion = text.split("## Opinion claims", 1)[1].split("\n## ", 1)[0]
    assert md_escape(plan[2][0].text) in opinion
    # Sourced claims are listed too, with their notes and sources (issue 13, item 4).
    sourced = text.split("## Sourced claims", 1)[1].split("\n## ", 1)[0]
    assert md_escape(plan[1][0].text) in sourced
    assert "Checked, fine." in sourced and "<https://example.org/ok>" in sourced
    for line in text.splitlines():
        if line.startswith("| ") and "---" not in line:
            assert line.replace("\\|", "").count("|") == 10, line


def test_exports_are_deterministic(tagged) -> None:
    ws, _ = tagged
    for fmt in FORMATS:
        first = export(ws, fmt, matches=False)
        assert export(ws, fmt, matches=False) == first
        assert "Date:" not in first and '"date": null' in export(ws, "json", matches=False)
    assert "- Date: 2026-01-31" in export(ws, "markdown", date="2026-01-31", matches=False)


# --- the fixed corpus compared with tests/expected/summary.md ----------------------

ARTICLES = {
    "alpha.txt": "Bridge Report\nThe bridge in Mitrovica has been closed since 2011. "
    "The mayor said it will reopen in May. Critics call the plan reckless.\n"
    "Traffic fell by half last year.\n",
    "beta.txt": "https://news.example/beta-story\nSecond Look at the Bridge\n"
    "The bridge in Mitrovica has been closed since 2011. Officials deny any plan to reopen it.\n",
    "gamma.txt": "Nothing tagged here. It is only counted.\n",
}


def _record(text: str, quote: str, label: str, when: int, **fields) -> Annotation:
    start = text.find(quote)
    return Annotation(
        id=fields.pop("id", ""),
        label=label,
        quote=quote,
        start=fields.pop("start", start),
        end=fields.pop("end", start + len(quote)),
        analyst=fields.pop("analyst", "Ana Lyst"),
        updated=datetime(2026, 3, when, 9, 30, tzinfo=UTC),
        **fields,
    )


@pytest.fixture
def fixed(tmp_path: Path) -> Workspace:
    """Three small articles with hand-written annotation files: nothing depends on the clock."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "annotations"
    folder.mkdir()
    alpha, beta = ARTICLES["alpha.txt"], ARTICLES["beta.txt"]
    files = {
        "alpha": [
            _record(
                alpha,
                "The bridge in Mitrovica has been closed since 2011.",
                "sourced",
                1,
                sources=["https://example.org/bridge"],
            ),
            _record(
                alpha,
                "The mayor said it will reopen in May.",
                "disputed",
                2,
                note='No date given | "May" is a guess\n# not a heading, *not bold*, [no link]',
                sources=["https://example.org/mayor", "not a url"],
            ),
            _record(alpha, "Critics call the plan reckless.", "opinion", 3, note="Whose view? ünï"),
            _record(alpha, "Traffic fell by half last year.", "skip", 4, start=3, end=34),
            _record(
                alpha,
                "The toll was abolished in 2019.",
                "disputed",
                5,
                start=200,
                end=231,
                note="Removed from the article",
            ),
        ],
        "beta": [
            _record(
                beta,
                "The bridge in Mitrovica has been closed since 2011.",
                "disputed",
                6,
                analyst="Bo Checker",
            ),
            _record(beta, "Officials deny any plan to reopen it.", "opinion", 7, analyst=""),
        ],
    }
    stale = "0" * 64  # alpha was annotated against an older text
    for doc, records in files.items():
        stored = AnnotationFile(f"{doc}.txt", stale if doc == "alpha" else "", records)
        (folder / f"{doc}.toml").write_text(stored.dumps(), encoding="utf-8")
    (folder / "delta.toml").write_text('format = 1\ndocument = "delta.txt"\n', encoding="utf-8")
    return open_workspace([corpus], annotations=folder)


def test_markdown_summary_matches_expected_file(fixed: Workspace) -> None:
    text = export(fixed, "markdown", analyst="Fallback Name", matches=False)
    if os.environ.get("FACTCHECK_UPDATE_EXPECTED"):
        EXPECTED.parent.mkdir(exist_ok=True)
        EXPECTED.write_text(text, encoding="utf-8")
    assert text == EXPECTED.read_text(encoding="utf-8")


def test_fixed_corpus_details(fixed: Workspace) -> None:
    summary = summarize(fixed, matches=False)
    alpha, beta, gamma = summary.documents
    assert [e.anchor.value for e in alpha.entries] == ["exact", "exact", "exact", "moved", "orphan"]
    assert [e.record.quote for e in alpha.orphans] == ["The toll was abolished in 2019."]
    assert beta.url == "https://news.example/beta-story" and alpha.url is None
    assert summary.stray_files == ["delta.toml"]
    assert alpha.changed and not beta.changed and gamma.entries == []
    assert summary.analysts == ["Ana Lyst", "Bo Checker"]
    text = export(fixed, "markdown", matches=False)
    orphans = text.split("## Orphaned annotations", 1)[1]
    assert "The toll was abolished in 2019." in orphans and "Removed from the article" in orphans
    rows = list(csv.DictReader(io.StringIO(export(fixed, "csv"))))
    assert [r["anchor"] for r in rows].count("orphan") == 1
    reviews = json.loads(export(fixed, "claimreview"))
    # Orphans, opinions and skips are not published.
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Sourced",
        "Disputed",
        "Disputed",
    ]
    assert reviews[2]["itemReviewed"]["appearance"]["url"] == "https://news.example/beta-story"
    assert "url" not in reviews[0]


# --- empty corpora, files, errors ----------------------------------------------------


def test_empty_annotations_export_says_so(corpus_dir: Path, annotations_dir: Path) -> None:
    ws = open_workspace([corpus_dir], annotations=annotations_dir)
    assert "No annotations yet" in export(ws, "markdown")
    assert export(ws, "csv").splitlines() == [",".join(f'"{c}"' for c in COLUMNS)]
    data = json.loads(export(ws, "json"))
    assert data["totals"]["annotations"] == 0 and len(data["documents"]) == len(ws.corpus)
    assert json.loads(export(ws, "claimreview")) == []


def test_corpus_without_documents(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    ws = open_workspace([tmp_path / "empty"])
    text = export(ws, "markdown")
    assert "0 documents" in text and "No annotations yet" in text


def test_unreadable_annotation_file_is_reported(corpus_dir: Path, annotations_dir: Path) -> None:
    annotations_dir.mkdir()
    doc_id = sorted(p.stem for p in corpus_dir.glob("*.txt"))[0]
    (annotations_dir / f"{doc_id}.toml").write_text("format = 1\n[[claim]\n", encoding="utf-8")
    ws = open_workspace([corpus_dir], annotations=annotations_dir)
    problems = export(ws, "markdown").split("## Problems", 1)[1]
    assert f"{doc_id}.toml, line 2" in problems
    assert json.loads(export(ws, "json"))["documents"][0]["error"].startswith(f"{doc_id}.toml")


def test_write_export_is_atomic_and_csv_has_a_bom(tagged, tmp_path: Path) -> None:
    ws, _ = tagged
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    write_export(ws, "csv", target)
    data = target.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf"doc"')
    assert list(target.parent.iterdir()) == [target]
    assert default_path(ws, "claimreview").name == "factcheck-summary.jsonld"
    assert format_for_path(Path("x.CSV")) == "csv" and format_for_path(Path("x.txt")) is None
    with pytest.raises(ValueError):
        export(ws, "pdf")
    with pytest.raises(ValueError):
        export(ws, "claimreview", url_base="javascript:alert(1)")
    with pytest.raises(ValueError):
        export(ws, "markdown", date="yesterday")


# --- the command line ---------------------------------------------------------------


def test_cli_prints_and_writes(tagged, corpus_dir: Path, tmp_path: Path, capsys) -> None:
    _, plan = tagged
    base = ["export", "--corpus", str(corpus_dir)]
    assert main([*base, "--format", "json", "--no-matches"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["annotations"] == len(plan)
    out = tmp_path / "exports" / "r.jsonld"
    assert main([*base, "--output", str(out), "--analyst", "Someone"]) == 0
    assert "written to" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))[0]["@type"] == "ClaimReview"
    assert main([*base, "--format", "csv", "-o", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith('"doc"')


def test_cli_empty_and_errors(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    base = ["export", "--corpus", str(corpus_dir)]
    assert main(base) == 0
    captured = capsys.readouterr()
    assert "No annotations yet" in captured.out and "no annotations" in captured.err
    assert main([*base, "--date", "31/01/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main([*base, "--output", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main([*base, "--format", "claimreview", "--url-base", "ftp://x"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main([*base, "--format", "pdf"]) == 2
