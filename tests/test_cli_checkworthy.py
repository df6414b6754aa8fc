"""``factcheck claims``: check-worthiness in the JSON and ``--sort checkworthy``."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tui.core.checkworthy import checkworthiness


def test_claims_json_carries_checkworthiness_and_reasons(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, out, _ = run(capsys, "claims", "000", "--json", "--corpus", str(corpus_dir))
    assert status == 0
    rows = json.loads(out)
    for row in rows:
        assert 0 <= row["checkworthy"] <= 100
        worth = checkworthiness(row["text"])
        assert row["checkworthy"] == worth.score
        assert row["checkworthy_reasons"] == list(worth.reasons)
    assert len({row["checkworthy"] for row in rows}) > 3


def test_sort_by_checkworthiness_puts_the_most_worth_checking_first(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, "claims", "--json", *corpus)
    in_order = json.loads(out)
    status, out, _ = run(capsys, "claims", "--json", "--sort", "checkworthy", *corpus)
    assert status == 0
    ranked = json.loads(out)
    scores = [row["checkworthy"] for row in ranked]
    assert scores == sorted(scores, reverse=True)
    assert sorted((r["doc"], r["id"]) for r in ranked) == sorted(
        (r["doc"], r["id"]) for r in in_order
    )
    # Ties keep reading order.
    position = {(r["doc"], r["id"]): i for i, r in enumerate(in_order)}
    for a, b in itertools.pairwise(ranked):
        if a["checkworthy"] == b["checkworthy"]:
            assert position[a["doc"], a["id"]] < position[b["doc"], b["id"]]


def test_sort_in_the_text_table(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    status, out, _ = run(
        capsys, "claims", "001", "--sort", "checkworthy", "--corpus", str(corpus_dir)
    )
    assert status == 0
    scores = [int(line.split("\t")[5]) for line in out.splitlines()]
    assert scores == sorted(scores, reverse=True)


def test_an_unknown_sort_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, _, err = run(capsys, "claims", "--sort", "louder", "--corpus", str(corpus_dir))
    assert status == 2
    assert_one_line_error(err)


def test_enough_team_tags_bring_the_learned_model_in(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, "claims", "000", "--json", *corpus)
    rows = [r for r in json.loads(out) if r["kind"] == "claim"]
    for i, row in enumerate(rows[:30]):
        label = "sourced" if i % 2 else "skip"
        status, _, err = run(capsys, "tag", f"000:{row['id']}", label, "--analyst", "ann", *corpus)
        assert status == 0, err
    _, out, _ = run(capsys, "claims", "000", "--json", *corpus)
    assert (annotations_dir / ".model" / "checkworthy.json").is_file()
    assert any(
        reason.endswith("the team checked") or reason.endswith("the team set aside")
        for row in json.loads(out)
        for reason in row["checkworthy_reasons"]
    )
