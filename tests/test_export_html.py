"""The HTML report: self-contained, escaped, the Markdown report's content (issue 13, item 4).

No headless browser can be installed from the package index alone (Playwright
and pyppeteer download their browsers from their own servers), so the page is
checked with parsers: ``html.parser`` for every tag and attribute, lxml for
the document structure.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from tui.core.export import export, format_for_path
from tui.core.workspace import Workspace, open_workspace

HOSTILE = "<script>alert(1)</script> \u202egpj.exe\x1b[2J & \u200bzero"
SOURCES = ["https://e.org/report?a=1&b=2", "javascript:alert(1)", "a printed book"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def team(corpus_dir: Path, annotations_dir: Path) -> Workspace:
    def as_(name: str) -> Workspace:
        return open_workspace([corpus_dir], annotations=annotations_dir, analyst=name)

    docs = as_("alice").corpus.documents
    (corpus_dir / f"{docs[0].id}.toml").write_text(
        'url = "https://news.example/story"\ntitle = "A <b>bold</b> headline"\n'
        'author = "Jo Reporter"\npublished = 2024-09-25\n',
        encoding="utf-8",
    )
    as_("alice").store.set(docs[0].claims[1], "disputed", note=HOSTILE, sources=SOURCES)
    as_("bob").store.set(docs[0].claims[1], "sourced", note="bob found it")
    as_("alice").store.set(docs[0].claims[2], "sourced", note="agreed", sources=SOURCES[:1])
    as_("bob").store.set(docs[0].claims[2], "sourced")
    as_("alice").store.set(docs[1].claims[3], "opinion", note="a view")
    as_("carol").store.set(docs[2].claims[4], "disputed", note="settled", verdict=True)
    as_("alice").store.set(docs[2].claims[4], "sourced")
    return open_workspace([corpus_dir], annotations=annotations_dir)


def test_no_script_and_no_resource_from_anywhere(team: Workspace) -> None:
    page = export(team, "html")
    tags = parse(page).tags
    names = {tag for tag, _ in tags}
    assert "script" not in names and "iframe" not in names and "img" not in names
    assert not any(tag == "link" for tag, _ in tags)  # no style sheet, font or icon
    assert "@import" not in page and "url(" not in page
    hrefs = []
    for tag, attrs in tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        if "href" in attrs:
            assert tag == "a" and attrs.get("rel") == "noopener noreferrer"
            hrefs.append(attrs["href"])
    assert set(hrefs) == {"https://news.example/story", "https://e.org/report?a=1&b=2"}


def test_hostile_text_is_escaped_and_made_visible(team: Workspace) -> None:
    page = export(team, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "A &lt;b&gt;bold&lt;/b&gt; headline" in page
    for char in ("\u202e", "\u200b", "\x1b"):
        assert char not in page
    text = "".join(parse(page).text)
    assert "⟨U+202E⟩gpj.exe[2J & ⟨U+200B⟩zero" in text
    assert "javascript:alert(1)" in text  # shown as words, never as a link


def test_the_same_content_as_the_markdown_report(team: Workspace) -> None:
    root = lxml.html.fromstring(export(team, "html"))
    h2 = [h.text_content() for h in root.iter("h2")]
    assert h2[:3] == ["Progress", "Documents", "Contested claims"]
    assert {"Disputed claims", "Sourced claims", "Opinion claims", "Agreement"} <= set(h2)
    assert "Claims in several documents" in h2
    docs = team.corpus.documents
    claim_tables = root.find_class("claims")
    # One table per document and label: sourced (000), opinion (001), disputed (002).
    assert len(claim_tables) == 3
    contested = root.find_class("contested")
    assert len(contested) == 1
    rows = contested[0].findall(".//tr")[1:]
    assert [r.findall("td")[-4].text_content() for r in rows] == ["alice", "bob"]
    body = root.text_content()
    assert "Settled by the verdict of carol" in body and "alice: sourced" in body
    assert "agreed" in body and "a view" in body and "bob found it" in body
    assert "Jo Reporter" in body and "2024-09-25" in body
    assert "Cohen's κ" in body
    assert docs[1].claims[3].text in body
    # The charts: one bar per document plus the total, and the labels' shares.
    assert len(root.find_class("bar")) == len(docs) + 2


def test_printable_and_deterministic(team: Workspace) -> None:
    page = export(team, "html")
    assert "@media print" in page
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert export(team, "html") == page
    assert format_for_path(Path("report.html")) == "html"


def test_an_empty_corpus_says_so(corpus_dir: Path, annotations_dir: Path) -> None:
    ws = open_workspace([corpus_dir], annotations=annotations_dir)
    page = export(ws, "html")
    assert "No annotations yet" in page
    assert lxml.html.fromstring(page).find_class("documents")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_note_of_an_agreeing_tag_is_kept_when_a_newer_tag_without_one_speaks(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Both sourced; alice wrote why, bob agreed a second later without a note. The
    newest agreeing tag (bob's) speaks for the claim: alice's note must still be there
    (it used to depend on both tags falling in one second)."""
    import tui.core.records as records_module

    clock = iter(
        [datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC)]
    )
    monkeypatch.setattr(records_module, "now", lambda: next(clock))

    def as_(name: str) -> Workspace:
        return open_workspace([corpus_dir], annotations=annotations_dir, analyst=name)

    claim = as_("alice").corpus.documents[0].claims[2]
    as_("alice").store.set(claim, "sourced", note="the ministry table of 2024")
    as_("bob").store.set(claim, "sourced")
    report = export(open_workspace([corpus_dir], annotations=annotations_dir), fmt)
    assert "the ministry table of 2024" in report
