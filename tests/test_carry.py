"""tui.core.carry: counterparts across documents, tags carried to them, what differs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.core.carry import (
    Carried,
    Source,
    best_match,
    carry_tags,
    counterpart,
    differs_line,
    key_of,
)
from tui.core.match import Difference
from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import find_similar
from tui.core.workspace import open_workspace

FIRST = """\
Serbia signed a contract for 12 Rafale fighter jets with the French maker Dassault.
The opposition in Belgrade called the purchase a waste of public money.
Kosovo's prime minister said the deal threatened the fragile peace in the region.
"""

SECOND = """\
Serbia signed a contract for 14 Rafale fighter jets with the French maker Dassault.
The opposition in Belgrade called the purchase a waste of public money.
The European Commission declined to comment on the purchase on Friday.
"""


@dataclass(frozen=True)
class FakeHit:
    claim: Claim
    score: float
    band: str = "same"
    differs: tuple[Difference, ...] = ()


@pytest.fixture
def docs(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, "utf-8")
    (folder / "b.txt").write_text(SECOND, "utf-8")
    (folder / "c.txt").write_text(FIRST.replace("12", "16"), "utf-8")
    workspace = open_workspace([folder], annotations=tmp_path / "annotations", analyst="t")
    return workspace.corpus


def short(claim: Claim) -> str:
    return claim.doc.id


def test_counterpart_prefers_the_same_band_then_the_score(docs) -> None:
    _a, b, c = docs
    hits = [
        FakeHit(b.claims[2], 80, "related"),
        FakeHit(b.claims[1], 60, "same"),
        FakeHit(b.claims[0], 70, "same"),
        FakeHit(c.claims[0], 99, "same"),
    ]
    assert counterpart(hits, b.id).claim is b.claims[0]
    assert counterpart(hits, c.id).claim is c.claims[0]
    assert counterpart(hits, "nowhere") is None
    assert counterpart([FakeHit(b.claims[2], 80, "related")], b.id).band == "related"
    assert best_match(hits).claim is c.claims[0]
    assert best_match([]) is None


def test_a_tag_carries_to_its_untagged_same_band_counterpart_in_each_document(docs) -> None:
    a, b, c = docs
    source = a.claims[0]
    matches = {
        key_of(source): [
            FakeHit(b.claims[0], 90),
            FakeHit(b.claims[1], 40),  # not the best in b: not its counterpart
            FakeHit(c.claims[0], 95),
        ]
    }
    carried = carry_tags([(source, "disputed")], matches, is_tagged=lambda _: False, short_id=short)
    assert set(carried) == {key_of(b.claims[0]), key_of(c.claims[0])}
    found = carried[key_of(b.claims[0])]
    assert found == Carried((Source("a", "disputed", key_of(source)),))
    assert found.label == "disputed"
    assert found.describe() == "tagged in a disputed"


def test_nothing_carries_to_a_tagged_claim_nor_through_a_related_match(docs) -> None:
    a, b, c = docs
    source = a.claims[0]
    matches = {
        key_of(source): [FakeHit(b.claims[0], 90), FakeHit(c.claims[0], 50, "related")],
    }
    tagged_there = {key_of(b.claims[0])}
    carried = carry_tags(
        [(source, "sourced")],
        matches,
        is_tagged=lambda claim: key_of(claim) in tagged_there,
        short_id=short,
    )
    assert carried == {}


def test_two_sources_agreeing_or_not(docs) -> None:
    a, b, c = docs
    target = b.claims[0]
    matches = {
        key_of(a.claims[0]): [FakeHit(target, 90)],
        key_of(c.claims[0]): [FakeHit(target, 80)],
    }

    def carry(label_a: str, label_c: str) -> Carried:
        tagged = [(a.claims[0], label_a), (c.claims[0], label_c)]
        return carry_tags(tagged, matches, is_tagged=lambda _: False, short_id=short)[
            key_of(target)
        ]

    agreed = carry("disputed", "disputed")
    assert agreed.label == "disputed" and agreed.describe() == "tagged in a, c disputed"
    torn = carry("disputed", "sourced")
    assert torn.label is None and torn.describe() == "tagged in a disputed, c sourced"


def test_a_match_in_its_own_document_never_carries(docs) -> None:
    a, *_ = docs
    matches = {key_of(a.claims[0]): [FakeHit(a.claims[1], 90)]}
    assert (
        carry_tags([(a.claims[0], "opinion")], matches, is_tagged=lambda _: False, short_id=short)
        == {}
    )


def test_differs_line_names_what_the_best_match_says_otherwise(docs) -> None:
    _a, b, c = docs
    hits = [
        FakeHit(b.claims[0], 70, "related", (Difference("number", "12", "99"),)),
        FakeHit(c.claims[0], 60, "same", (Difference("number", "12", "16"),)),
    ]
    assert differs_line(hits, short) == "c says 16 where this says 12"
    assert differs_line([FakeHit(b.claims[1], 90)], short) == ""
    assert differs_line([], short) == ""


def test_with_the_matcher_a_changed_figure_differs_and_carries_no_tag(docs) -> None:
    """A tag on "12 jets" is not one on "14 jets": related, named in differs, not carried."""
    a, b, _c = docs
    index = SearchIndex.build(docs)
    hits = find_similar(index, a.claims[0], docs={b.id})
    assert hits and hits[0].claim is b.claims[0] and hits[0].band == "related"
    assert differs_line(hits, short) == "b says 14 where this says 12"
    carried = carry_tags(
        [(a.claims[0], "disputed")],
        {key_of(a.claims[0]): hits},
        is_tagged=lambda _: False,
        short_id=short,
    )
    assert carried == {}
