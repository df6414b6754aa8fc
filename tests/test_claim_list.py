"""The corpus claims list: rows, sorting and search-as-you-type, without a screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.claim_list import Order, filter_rows, make_row, sort_rows
from tui.core.corpus import load_corpus


@pytest.fixture
def rows(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Exports fell by 12 percent in 2023, the ministry said. I love this town. "
        "The harbour was rebuilt.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "What a day! The council spent $4 million on roads.", encoding="utf-8"
    )
    claims = [claim for doc in load_corpus([tmp_path]) for claim in doc.claims]
    facts = [
        (90, "tagged", "sourced", ("ann",)),
        (5, "contested", None, ("ann", "bob")),
        (30, "unreviewed", None, ()),
        (2, "settled", "skip", ("Cy",)),
        (80, "tagged", "disputed", ("bob",)),
    ]
    assert len(claims) == len(facts)
    return [make_row(claim, *fact) for claim, fact in zip(claims, facts, strict=True)]


def numbers(rows):
    return [(row.doc_id, row.claim.number) for row in rows]


def test_sorted_by_checkworthiness(rows):
    assert [r.score for r in sort_rows(rows, Order.CHECKWORTHY)] == [90, 80, 30, 5, 2]


def test_sorted_by_status_puts_contested_first_then_unreviewed(rows):
    assert [r.status for r in sort_rows(rows, Order.STATUS)] == [
        "contested", "unreviewed", "tagged", "tagged", "settled"
    ]  # fmt: skip


def test_sorted_by_label_document_and_analyst(rows):
    assert [r.label for r in sort_rows(rows, Order.LABEL)] == [
        "sourced", "disputed", "skip", None, None
    ]  # fmt: skip
    assert numbers(sort_rows(rows, Order.DOCUMENT)) == numbers(rows)
    assert [r.analysts[:1] for r in sort_rows(rows, Order.ANALYST)] == [
        ("ann",), ("ann",), ("bob",), ("Cy",), ()
    ]  # fmt: skip


def test_search_as_you_type(rows):
    assert [r.score for r in filter_rows(rows, "harbour")] == [30]
    assert [r.score for r in filter_rows(rows, "HARBOUR rebuilt")] == [30]
    assert filter_rows(rows, "harbour roads") == []
    assert len(filter_rows(rows, "   ")) == 5


def test_field_filters(rows):
    assert [r.score for r in filter_rows(rows, "label:disputed")] == [80]
    assert [r.score for r in filter_rows(rows, "label:none")] == [5, 30]
    assert [r.score for r in filter_rows(rows, "status:contested")] == [5]
    assert [r.score for r in filter_rows(rows, "analyst:bob")] == [5, 80]
    assert [r.score for r in filter_rows(rows, "doc:b analyst:bob")] == [80]
    assert [r.score for r in filter_rows(rows, "status:tagged spent")] == [80]
