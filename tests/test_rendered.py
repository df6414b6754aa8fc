"""HTML and Markdown files in a corpus folder: read as the text a reader of them sees."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.web_server import DATA
from tui.core import rendered
from tui.core.corpus import load_corpus
from tui.core.workspace import open_workspace

MARKDOWN = """\
# Toll *rise* denied

The council said the toll rose by **12%** ([source](https://x.org/report)).
It was `wrong`, said the _mayor_.

- Ban the toll
- Review the budget

> "We got this wrong," she said.

![The bridge at dusk](bridge.jpg)

---

```
print("not a claim")
```
"""


def test_markdown_reads_as_text_without_markup() -> None:
    assert rendered.markdown_text(MARKDOWN) == (
        "Toll rise denied\n\n"
        "The council said the toll rose by 12% (source). It was wrong, said the mayor.\n\n"
        "Ban the toll\n\nReview the budget\n\n"
        '"We got this wrong," she said.\n'
    )


def test_a_markdown_article_has_claims_without_markup_and_offsets_in_its_text(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "toll.md").write_text(MARKDOWN, encoding="utf-8")
    corpus = load_corpus([folder])
    doc = corpus.get("toll")
    texts = [c.text for c in doc.claims]
    assert texts == [
        "Toll rise denied",
        "The council said the toll rose by 12% (source).",
        "It was wrong, said the mayor.",
        "Ban the toll",
        "Review the budget",
        '"We got this wrong," she said.',
    ]
    assert all(doc.text[c.start : c.end] == c.text for c in doc.claims)
    assert not any(mark in doc.text for mark in ("**", "](", "`", "# ", "![", "> "))


def test_html_in_a_corpus_folder_is_read_through_the_extraction_and_cached(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(DATA / "news_article.html", folder / "bridge.html")
    ws = open_workspace([folder], annotations=tmp_path / "annotations", analyst="Ana")
    doc = ws.corpus.get("bridge")
    assert doc.claims[0].text == "Council admits bridge toll figures were wrong"
    assert not any("<" in c.text or "Cookie" in c.text for c in doc.claims)
    assert ws.corpus.warnings == []
    claim = next(c for c in doc.claims if "1.2 per cent" in c.text)
    ws.store.set(claim, "sourced")
    again = open_workspace([folder], annotations=tmp_path / "annotations", analyst="Ana")
    (kept,) = again.store.load(again.corpus.get("bridge")).anchored
    assert kept.status == "exact" and kept.claim.text == claim.text


def test_an_html_file_without_an_article_is_skipped_with_a_warning_naming_add(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "menu.htm").write_text("<html><body><a href='/'>Home</a></body></html>", "utf-8")
    (folder / "story.txt").write_text("A story. It has claims.\n", "utf-8")
    corpus = load_corpus([folder])
    assert [d.id for d in corpus] == ["story"]
    (warning,) = corpus.warnings
    assert "menu.htm" in warning and "`factcheck add`" in warning and warning.endswith("skipped")
