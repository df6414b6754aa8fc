"""Polarity in ``differs``: "refused to", "declined to", "failed to" and "unless" negate the
word they stand before, as "not" does."""

from __future__ import annotations

import pytest

from tui.core.match import Matcher, load_aliases
from tui.core.match.matcher import idf_from_counts


def negations(a: str, b: str) -> list[tuple[str, str]]:
    matcher = Matcher(idf_from_counts(lambda term: 2, 1000), load_aliases())
    return [(d.here, d.there) for d in matcher.compare(a, b).differs if d.kind == "negation"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The spokesman would not comment on the search, the company said.",
            "The spokesman declined to comment on the search, the company said.",
        ),
        (
            "United paid $34 million in penalties for not meeting its employment targets.",
            "United paid $34 million in penalties for failing to meet its employment targets.",
        ),
        (
            "The operator gave no details of the passengers, the police said.",
            "The operator declined to give details of the passengers, the police said.",
        ),
        (
            "The EU will impose sanctions if the subsidies are not repealed by March.",
            "The EU will impose sanctions unless the subsidies are repealed by March.",
        ),
        (  # before a figure, "declined" is a fall, not a refusal
            "Third-quarter revenue declined to $36.9 billion, the company said.",
            "Third-quarter revenue fell to $36.9 billion, the company said.",
        ),
    ],
)
def test_two_ways_of_saying_no_are_one_polarity(a: str, b: str) -> None:
    assert negations(a, b) == []
    assert negations(b, a) == []


def test_a_refusal_against_the_act_is_a_turned_polarity() -> None:
    a = "The minister resigned on Friday after the report on the contract."
    b = "The minister refused to resign on Friday after the report on the contract."
    assert negations(a, b) == [("resigned", "refused to resign")]
    assert negations(b, a) == [("refused to resign", "resigned")]
