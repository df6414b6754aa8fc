"""The cross-document part of the exports: claims found in several documents.

The grouping is tested against a small implementation of the ``similar``
contract (``SearchIndex.build(corpus)``, ``find_similar(index, claim, *,
limit, label_of) -> [SimilarHit(claim, score, label_differs, band)]``); the real
module is tested on the seeds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from tui.core.export import export, matches
from tui.core.model import Claim
from tui.core.workspace import Workspace, open_workspace

ARTICLES = {
    "a.txt": "The bridge in Mitrovica has been closed since 2011. Critics call it reckless.\n",
    "b.txt": "The bridge at Mitrovica has been closed since 2011. Officials deny any plan.\n",
    "c.txt": "Officials deny any plan. The weather was fine on Tuesday.\n",
}


@dataclass(frozen=True)
class Hit:
    claim: Claim
    score: float
    label_differs: bool
    band: str


class RatioIndex:
    """Every claim of the corpus, compared with rapidfuzz's ratio."""

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims

    @classmethod
    def build(cls, corpus) -> RatioIndex:
        return cls(list(corpus.claims()))


def ratio_similar(index: RatioIndex, claim: Claim, *, limit: int = 10, label_of=None) -> list[Hit]:
    hits = []
    for other in index.claims:
        if other.doc is claim.doc:
            continue
        score = fuzz.ratio(claim.text, other.text)
        if score >= 50:
            differs = bool(label_of and label_of(claim) != label_of(other))
            hits.append(Hit(other, score, differs, "same" if score >= 85 else "related"))
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


@pytest.fixture
def ratio_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matches, "SearchIndex", RatioIndex)
    monkeypatch.setattr(matches, "find_similar", ratio_similar)


@pytest.fixture
def small(tmp_path: Path) -> Workspace:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return open_workspace([corpus], annotations=tmp_path / "annotations", analyst="Ana")


def claim(ws: Workspace, doc: str, start: str) -> Claim:
    return next(c for c in ws.corpus.get(doc).claims if c.text.startswith(start))


def test_matches_group_documents_and_flag_disagreement(small: Workspace, ratio_modules) -> None:
    small.store.set(claim(small, "a", "The bridge"), "sourced")
    small.store.set(claim(small, "b", "The bridge"), "disputed")
    small.store.set(claim(small, "b", "Officials"), "opinion")
    data = json.loads(export(small, "json"))
    matches = data["matches"]
    assert [m["labels_disagree"] for m in matches] == [True, False]
    bridge, officials = matches
    assert [(c["doc"], c["label"]) for c in bridge["claims"]] == [
        ("a", "sourced"),
        ("b", "disputed"),
    ]
    assert bridge["labels"] == ["disputed", "sourced"]
    # An untagged claim in another document is listed as not reviewed.
    assert [(c["doc"], c["label"]) for c in officials["claims"]] == [("b", "opinion"), ("c", None)]
    text = export(small, "markdown")
    section = text.split("## Claims in several documents", 1)[1].split("\n## ", 1)[0]
    assert "**labels disagree**: disputed, sourced" in section
    assert "  - a, claim 1" in section and "  - c, claim 1" in section
    assert "not reviewed" in section
    assert "Critics" not in section and "weather" not in section


def test_no_tags_no_search(small: Workspace, ratio_modules, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise AssertionError("searched although nothing is tagged")

    monkeypatch.setattr(RatioIndex, "build", classmethod(boom))
    assert json.loads(export(small, "json"))["matches"] == []


def test_without_matches_the_summary_says_so(small: Workspace, ratio_modules) -> None:
    small.store.set(claim(small, "a", "The bridge"), "sourced")
    assert "Not computed for this export." in export(small, "markdown", matches=False)
    assert json.loads(export(small, "json", matches=False))["matches"] is None


def test_real_similar_on_the_seeds(corpus_dir: Path, annotations_dir: Path) -> None:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="Ana")
    needle = "Wagner Recruitment Cultural Centre"
    found = [c for c in ws.corpus.claims() if needle in c.text]
    docs = {c.doc.id for c in found}
    assert len(docs) >= 2, "the seeds repeat this claim across articles"
    first, second = sorted(found, key=lambda c: c.doc.id)[:2]
    ws.store.set(first, "disputed")
    ws.store.set(second, "sourced")
    matches = json.loads(export(ws, "json"))["matches"]
    match = next(m for m in matches if any(needle in c["text"] for c in m["claims"]))
    assert match["labels_disagree"]
    assert {(c["doc"], c["id"]) for c in match["claims"]} >= {
        (first.doc.id, first.id),
        (second.doc.id, second.id),
    }
