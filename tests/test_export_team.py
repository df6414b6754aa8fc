"""Exports with several analysts: every analyst's tag, statuses, contested claims never
published, verdicts settling (issue 10, item 6; issue 13, item 4)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.core.export import export
from tui.core.workspace import Workspace, open_workspace


@pytest.fixture
def team(corpus_dir: Path, annotations_dir: Path) -> tuple[Workspace, list]:
    def as_(name: str) -> Workspace:
        return open_workspace([corpus_dir], annotations=annotations_dir, analyst=name)

    doc = as_("alice").corpus.documents[0]
    agreed, contested, settled = doc.claims[1], doc.claims[3], doc.claims[5]
    as_("alice").store.set(agreed, "disputed", note="alice: no evidence")
    as_("bob").store.set(agreed, "disputed", note="bob: denied by the centre")
    as_("alice").store.set(contested, "disputed", note="alice disputes")
    as_("bob").store.set(contested, "sourced", note="bob found it", sources=["https://e.org/b"])
    as_("alice").store.set(settled, "disputed", note="alice first")
    as_("carol").store.set(settled, "sourced", note="carol settles", verdict=True)
    return open_workspace([corpus_dir], annotations=annotations_dir), [agreed, contested, settled]


def test_csv_has_one_row_per_analyst_with_the_verdict_flag(team):
    ws, (agreed, contested, settled) = team
    rows = list(csv.DictReader(io.StringIO(export(ws, "csv"))))
    assert list(rows[0])[:4] == ["doc", "id", "label", "verdict"]
    got = {(r["id"], r["analyst"]): (r["label"], r["verdict"]) for r in rows}
    assert got == {
        (agreed.id, "alice"): ("disputed", "false"),
        (agreed.id, "bob"): ("disputed", "false"),
        (contested.id, "alice"): ("disputed", "false"),
        (contested.id, "bob"): ("sourced", "false"),
        (settled.id, "alice"): ("disputed", "false"),
        (settled.id, "carol"): ("sourced", "true"),
    }


def test_json_counts_statuses_and_keeps_every_tag(team):
    ws, (_agreed, contested, _settled) = team
    data = json.loads(export(ws, "json", matches=False))
    doc = data["documents"][0]
    assert doc["statuses"]["tagged"] == 1
    assert doc["statuses"]["contested"] == 1
    assert doc["statuses"]["settled"] == 1
    assert doc["statuses"]["unreviewed"] == doc["claims"] - 3
    assert doc["contested"] == [contested.id]
    assert doc["labels"]["disputed"] == 1 and doc["labels"]["sourced"] == 1  # agreed, verdict
    assert doc["reviewed"] == 3
    assert len(doc["annotations"]) == 6
    assert [a["verdict"] for a in doc["annotations"]].count(True) == 1


def test_claimreview_publishes_agreed_and_settled_never_contested(team):
    ws, (agreed, _contested, settled) = team
    reviews = json.loads(export(ws, "claimreview"))
    by_claim = {r["claimReviewed"]: r for r in reviews}
    assert set(by_claim) == {agreed.text, settled.text}
    assert len(reviews) == 2  # one review per claim, not one per analyst
    assert by_claim[settled.text]["author"]["name"] == "carol"
    assert by_claim[settled.text]["reviewRating"]["alternateName"] == "Sourced"
    assert by_claim[settled.text]["reviewBody"] == "carol settles"
    assert by_claim[agreed.text]["reviewRating"]["alternateName"] == "Disputed"


def test_markdown_shows_contested_claims_each_tag_and_agreement(team):
    ws, (agreed, contested, settled) = team
    text = export(ws, "markdown", matches=False)
    section = text.split("## Contested claims", 1)[1].split("\n## ", 1)[0]
    assert f"({contested.id})" in section
    assert "  - alice: disputed" in section and "  - bob: sourced" in section
    assert "alice disputes" in section and "bob found it" in section
    assert agreed.id not in section and settled.id not in section
    disputed = text.split("## Disputed claims", 1)[1].split("\n## ", 1)[0]
    assert f"({agreed.id})" in disputed and "alice" in disputed and "bob" in disputed
    sourced = text.split("## Sourced claims", 1)[1].split("\n## ", 1)[0]
    assert f"({settled.id})" in sourced and "Settled by the verdict of carol" in sourced
    assert "alice: disputed" in sourced and "alice first" in sourced  # what the verdict overrode
    agreement = text.split("## Agreement", 1)[1].split("\n## ", 1)[0]
    assert "3 claims tagged by two analysts or more" in agreement
    assert "| alice / bob | 2 | 50.0%" in agreement


def test_team_exports_are_deterministic(team):
    ws, _ = team
    for fmt in ("markdown", "csv", "json", "claimreview"):
        assert export(ws, fmt, matches=False) == export(ws, fmt, matches=False)
