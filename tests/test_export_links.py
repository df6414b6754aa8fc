"""Exports that link articles: conflicting details between matched claims (issue 11, item 2),
ClaimReview ``firstAppearance`` and ``itemReviewed`` from an added page (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tui.core.export import export
from tui.core.workspace import Workspace, open_workspace

DATA = Path(__file__).parent / "data"
FACT = "France delivered {n} Rafale jets to Serbia in March 2024 under the new contract."
ARTICLES = {
    "early": (FACT.format(n=12) + " Officials declined to comment.", "2024-03-01"),
    "later": (FACT.format(n=12) + " The weather was fine.", "2024-03-20"),
    "other": (FACT.format(n=14) + " Rain fell all day.", "2024-03-10"),
    "undated": (FACT.format(n=12) + " Nobody said when.", None),
}


def _corpus(tmp_path: Path, dated: bool = True) -> Workspace:
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for name, (text, published) in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        meta = f'title = "The {name} story"\nurl = "https://news.example/{name}"\n'
        if published and dated:
            meta += f"published = {published}\n"
        (corpus / f"{name}.toml").write_text(meta, encoding="utf-8")
    return open_workspace([corpus], annotations=tmp_path / "annotations", analyst="Ana")


def _claim(ws: Workspace, doc: str):
    return ws.corpus.get(doc).claims[0]


def test_markdown_names_the_conflicting_detail(tmp_path: Path) -> None:
    ws = _corpus(tmp_path)
    ws.store.set(_claim(ws, "later"), "disputed")
    out = export(ws, "markdown")
    section = out[out.index("## Conflicting details") :]
    assert "other says 14 where this says 12" in section
    assert "later, claim 1" in section
    # Documents that agree on the figure are matched but not listed as conflicting.
    assert "early says" not in section and "undated says" not in section
    (match,) = json.loads(export(ws, "json"))["matches"]
    conflict = {
        "here": {"doc": "later", "id": _claim(ws, "later").id},
        "there": {"doc": "other", "id": _claim(ws, "other").id},
        "differs": [{"kind": "number", "here": "12", "there": "14"}],
    }
    assert conflict in match["conflicts"]


def test_no_conflict_no_section(tmp_path: Path) -> None:
    ws = _corpus(tmp_path)
    (tmp_path / "seeds" / "other.txt").write_text("Rain fell all day.\n", encoding="utf-8")
    ws = open_workspace([tmp_path / "seeds"], annotations=tmp_path / "annotations", analyst="A")
    ws.store.set(_claim(ws, "later"), "disputed")
    out = export(ws, "markdown")
    assert "## Claims in several documents" in out
    assert "## Conflicting details" not in out


def _review(ws: Workspace, doc: str) -> dict:
    ws.store.set(_claim(ws, doc), "sourced", note="checked")
    reviews = json.loads(export(ws, "claimreview"))
    return next(
        r for r in reviews if r["itemReviewed"]["appearance"]["headline"].endswith(doc + " story")
    )


def test_claimreview_first_appearance_is_the_earliest_article(tmp_path: Path) -> None:
    review = _review(_corpus(tmp_path), "later")
    assert review["itemReviewed"]["firstAppearance"] == {
        "@type": "CreativeWork",
        "headline": "The early story",
        "url": "https://news.example/early",
        "datePublished": "2024-03-01",
    }


@pytest.mark.parametrize(("doc", "dated"), [("early", True), ("undated", True), ("later", False)])
def test_no_first_appearance_without_an_earlier_dated_article(tmp_path, doc, dated) -> None:
    review = _review(_corpus(tmp_path, dated=dated), doc)
    assert "firstAppearance" not in review["itemReviewed"]


def test_added_page_exports_a_claimreview_naming_its_article(tmp_path: Path, capsys) -> None:
    """End to end through the CLI: ``add FILE.html``, ``tag``, ``export``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    code, out, _ = run(capsys, "add", str(DATA / "news_article.html"), "--corpus", str(corpus))
    assert code == 0
    (doc_id,) = out.split()
    code, out, _ = run(capsys, "claims", doc_id, "--json", "--corpus", str(corpus))
    claim = next(c for c in json.loads(out) if "1.2 per cent" in c["text"])
    tagged = f"{doc_id}:{claim['id']}"
    code, _, err = run(
        capsys, "tag", tagged, "sourced", "--source", "https://e.org", "--corpus", str(corpus),
        "--analyst", "Ana",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "export", "--format", "claimreview", "--corpus", str(corpus))
    (review,) = json.loads(out)
    assert review["claimReviewed"] == claim["text"]
    assert review["author"] == {"@type": "Person", "name": "Ana"}
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "headline": "Council admits bridge toll figures were wrong",
        "url": "https://courier.example/news/2026/11/bridge-toll-figures",
        "author": {"@type": "Person", "name": "Priya Natarajan"},
        "datePublished": "2026-11-20",
    }
