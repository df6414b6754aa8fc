"""Counts read as English: "1 article", "2 articles" (issue 14, rough edge 7)."""

from __future__ import annotations

from tui.core.progress import Progress, plural
from tui.core.workspace import open_workspace


def test_plural() -> None:
    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(2, "more article") == "2 more articles"


def test_a_corpus_of_one_article_says_article(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text("A single claim here.\n", encoding="utf-8")
    ws = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="a")
    progress = Progress(ws.corpus, ws.store)
    assert progress.text() == "1 article"
    progress.count_some(10)
    assert progress.text().endswith("· 1 article")
