"""``factcheck add``: real pages over a local HTTP server (127.0.0.1 only) and saved files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tests.web_server import DATA, Handler, serve
from tui.core import metadata
from tui.core.export import export
from tui.core.metadata import Author
from tui.core.web.add import AddError, add_page, slug
from tui.core.web.fetch import USER_AGENT, FetchError, fetch
from tui.core.workspace import open_workspace

STORY = "/news/2026/11/bridge-toll-figures"
KEPT = [
    "The city council has admitted that the figures it used to justify a new toll",
    "The correct figure, it now says, is 1.2 per cent.",
    '"We got this wrong and we apologise," said councillor Maria Okafor',
    "How the error was found",
    "It took me an afternoon to find it.",
    "money that was to be spent on repairs to the bridge's foundations.",
]
FURNITURE = [
    "Skip to main content",
    "Subscribe for £1 a week",
    "Winter tyres",
    "Photo: Courier archive",  # a caption
    "Related stories",
    "Share this article",
    "two cats",  # the author's bio
    "Scrap the toll now",  # reader comments
    "so-called experts",
    "All rights reserved",
    "Cookie settings",
]


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_add_keeps_the_article_and_its_metadata_and_leaves_out_the_furniture(
    site: str, corpus: Path
) -> None:
    added = add_page(site + STORY, corpus)
    assert added.new and added.doc_id.startswith("council-admits-bridge-toll-figures-were-wrong-")
    assert files(corpus) == [f"{added.doc_id}.toml", f"{added.doc_id}.txt"]
    text = added.path.read_text(encoding="utf-8")
    assert text.startswith("Council admits bridge toll figures were wrong\n\n")
    for kept in KEPT:
        assert kept in text
    for furniture in FURNITURE:
        assert furniture not in text
    meta = metadata.read(metadata.path_for(added.path))
    assert meta.title == "Council admits bridge toll figures were wrong"
    assert meta.author == Author("Priya Natarajan")
    assert meta.published.isoformat() == "2026-11-20"
    assert meta.site == "The Riverside Courier"
    assert meta.url == "https://courier.example/news/2026/11/bridge-toll-figures"  # canonical
    assert meta.fetched is not None and meta.fetched.tzinfo is not None
    assert Handler.seen_agents[-1] == USER_AGENT


def test_the_same_text_is_never_added_twice(site: str, corpus: Path) -> None:
    first = add_page(site + STORY, corpus)
    again = add_page(site + "/moved", corpus)  # a redirect to the same page
    assert not again.new and again.doc_id == first.doc_id
    saved = add_page(str(DATA / "news_article.html"), corpus)  # the same page, saved
    assert not saved.new and saved.doc_id == first.doc_id
    assert len(files(corpus)) == 2


def test_a_saved_page_without_canonical_url_has_no_url_and_no_fetched_time(corpus: Path) -> None:
    added = add_page(str(DATA / "blog_post.html"), corpus)
    meta = metadata.read(metadata.path_for(added.path))
    assert (meta.title, meta.author, meta.site) == (
        "Five claims about the heat pump grant, checked",
        Author("Sam Ellery"),
        "Watt Now",
    )
    assert meta.url is None and meta.fetched is None
    text = added.path.read_text(encoding="utf-8")
    assert "1. The grant is now worth £7,500." in text
    for furniture in ("energy analyst", "Popular posts", "Total waste", "Leave a Reply", "Loading"):
        assert furniture not in text


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/missing", "answered 404 Not Found."),
        ("/report.pdf", "is not a web page (the server sent application/pdf)."),
        ("/mislabelled", "is not a web page (it holds binary data)."),
        ("/loop/a", "redirects too many times"),
        ("/index", "No article was found in"),
        ("/big", "over the 1,048,576 byte limit for a page."),
        ("/big-unannounced", "over the 1,048,576 byte limit for a page."),
    ],
)
def test_a_failed_add_writes_nothing_and_says_why(
    site: str, corpus: Path, path: str, says: str
) -> None:
    with pytest.raises(AddError) as caught:
        add_page(site + path, corpus, fetcher=lambda url: fetch(url, max_bytes=1024 * 1024))
    message = str(caught.value)
    assert says in message and message.count(".") >= 1 and "\n" not in message
    assert files(corpus) == []


def test_a_timeout_is_one_sentence(site: str) -> None:
    with pytest.raises(FetchError, match=r"did not answer within 0.5 seconds\.$"):
        fetch(site + "/slow", timeout=0.5)


def test_only_http_and_https(corpus: Path) -> None:
    for url in ("ftp://127.0.0.1/x", "file:///etc/passwd", "http://"):
        with pytest.raises(FetchError, match="is not an http or https address"):
            fetch(url)
    with pytest.raises(AddError, match=r"^ftp://127.0.0.1/x is not an http or https address\.$"):
        add_page("ftp://127.0.0.1/x", corpus)
    assert files(corpus) == []


def test_slugs_are_readable_ascii() -> None:
    assert slug("Ça coûte 12 € : le maire dément !") == "ca-coute-12-le-maire-dement"
    assert len(slug("word " * 40)) <= 48 and not slug("word " * 40).endswith("-")


def test_cli_add_prints_ids_and_fails_cleanly(site: str, corpus: Path, capsys) -> None:
    code, out, err = run(capsys, "add", site + STORY, "--corpus", str(corpus))
    assert code == 0 and err == ""
    (doc_id,) = out.split()
    code, out, _ = run(capsys, "add", site + STORY, "--corpus", str(corpus))
    assert code == 0 and out.startswith(doc_id) and "already in the corpus" in out
    code, out, err = run(capsys, "add", site + "/missing", "--corpus", str(corpus))
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert len(files(corpus)) == 2
    code, out, _ = run(
        capsys, "add", str(DATA / "blog_post.html"), "--json", "--corpus", str(corpus)
    )
    (row,) = json.loads(out)
    assert row["new"] and row["doc"].startswith("five-claims-about-the-heat-pump-grant-checked-")


def test_claimreview_of_an_added_article_names_headline_author_date_and_url(
    site: str, corpus: Path, tmp_path: Path
) -> None:
    added = add_page(site + STORY, corpus)
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="Ana")
    doc = ws.corpus.get(added.doc_id)
    claim = next(c for c in doc.claims if "1.2 per cent" in c.text)
    ws.store.set(claim, "sourced", note="The council's correction notice says 1.2%.")
    (review,) = json.loads(export(ws, "claimreview"))
    assert review["claimReviewed"] == "The correct figure, it now says, is 1.2 per cent."
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "headline": "Council admits bridge toll figures were wrong",
        "url": "https://courier.example/news/2026/11/bridge-toll-figures",
        "author": {"@type": "Person", "name": "Priya Natarajan"},
        "datePublished": "2026-11-20",
    }


def test_a_url_given_to_the_reader_says_how_to_add_it(capsys) -> None:
    code, _out, err = run(capsys, "https://www.bbc.co.uk/news/uk-12345")
    assert code == 2
    assert_one_line_error(err)
    assert "https://www.bbc.co.uk/news/uk-12345 is a web address" in err
    assert "`factcheck add https://www.bbc.co.uk/news/uk-12345`" in err


def test_fetch_reports_progress_as_the_page_arrives(site: str) -> None:
    seen: list[tuple[int, int | None]] = []
    page = fetch(site + STORY, progress=lambda got, total: seen.append((got, total)))
    assert seen and seen[-1] == (len(page.content), len(page.content))
    assert [got for got, _ in seen] == sorted(got for got, _ in seen)


def test_the_corpus_takes_an_added_page_without_loading_again(site: str, corpus: Path) -> None:
    ws = open_workspace([corpus])
    added = add_page(site + STORY, corpus)
    doc = ws.corpus.add(added.path)
    assert ws.corpus.get(added.doc_id) is doc and ws.corpus.add(added.path) is doc
    assert doc.claims[0].text == "Council admits bridge toll figures were wrong"
