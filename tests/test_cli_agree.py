"""``factcheck agree``: the team's agreement from the tags on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run

# Three analysts, nine claims of two articles, with disagreements and gaps.
TAGS = {
    "ann": {"000:2": "sourced", "000:3": "disputed", "000:4": "opinion", "000:5": "sourced",
            "001:2": "skip", "001:3": "sourced", "001:4": "opinion"},
    "bob": {"000:2": "sourced", "000:3": "sourced", "000:4": "opinion", "000:6": "skip",
            "001:2": "skip", "001:3": "disputed"},
    "Cy Young": {"000:2": "sourced", "000:3": "disputed", "000:5": "opinion",
                 "001:3": "sourced", "001:4": "opinion", "001:5": "skip"},
}  # fmt: skip


@pytest.fixture
def tagged(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> list[str]:
    corpus = ["--corpus", str(corpus_dir)]
    for analyst, tags in TAGS.items():
        for ref, label in tags.items():
            status, _, err = run(capsys, "tag", ref, label, "--analyst", analyst, *corpus)
            assert status == 0, err
    return corpus


def oracle_alpha(analysts: list[str]) -> float:
    """Krippendorff's α from the krippendorff package, on the same tags."""
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    labels = ["sourced", "disputed", "opinion", "skip"]
    units = sorted({ref for a in analysts for ref in TAGS[a]})
    matrix = [
        [labels.index(TAGS[a][u]) if u in TAGS[a] else np.nan for u in units] for a in analysts
    ]
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def test_agree_json_matches_an_independent_computation(
    capsys: pytest.CaptureFixture[str], tagged: list[str]
) -> None:
    status, out, _ = run(capsys, "agree", "--json", *tagged)
    assert status == 0
    data = json.loads(out)
    assert data["analysts"] == ["Cy Young", "ann", "bob"]
    assert data["units"] == 7  # 000:6 and 001:5 were tagged by one analyst only
    assert data["alpha"] == pytest.approx(oracle_alpha(["ann", "bob", "Cy Young"]), abs=1e-6)
    pairs = {(p["a"], p["b"]): p for p in data["pairs"]}
    assert pairs["ann", "bob"]["units"] == 5
    assert pairs["ann", "bob"]["percent"] == pytest.approx(60.0)
    assert set(data["labels"]) == {"sourced", "disputed", "opinion", "skip"}
    docs = {d["doc"][:3]: d for d in data["documents"]}
    assert docs["000"]["units"] == 4 and docs["001"]["units"] == 3


def test_agree_for_two_analysts_and_one_document(
    capsys: pytest.CaptureFixture[str], tagged: list[str]
) -> None:
    status, out, _ = run(capsys, "agree", "--json", "--analysts", "ann,bob", *tagged)
    assert status == 0
    data = json.loads(out)
    assert data["analysts"] == ["ann", "bob"]
    assert data["alpha"] == pytest.approx(oracle_alpha(["ann", "bob"]), abs=1e-6)
    status, out, _ = run(capsys, "agree", "--json", "--doc", "001", *tagged)
    assert [d["doc"][:3] for d in json.loads(out)["documents"]] == ["001"]


def test_agree_text_table_with_a_confusion_table_for_two(
    capsys: pytest.CaptureFixture[str], tagged: list[str]
) -> None:
    status, out, _ = run(capsys, "agree", "--analysts", "ann,bob", *tagged)
    assert status == 0
    assert out.startswith("5 claims tagged by two analysts or more: agreement 60.0%")
    assert "Confusion: ann (rows) against bob (columns)" in out
    status, out, _ = run(capsys, "agree", *tagged)
    assert "Cy Young / ann" in out and "Confusion" not in out


def test_agree_names_an_analyst_without_tags(
    capsys: pytest.CaptureFixture[str], tagged: list[str]
) -> None:
    status, _, err = run(capsys, "agree", "--analysts", "ann,zed", *tagged)
    assert status == 1
    assert_one_line_error(err)
    assert "'zed'" in err


def test_agree_with_nothing_to_compare(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    run(capsys, "tag", "000:2", "sourced", "--analyst", "ann", *corpus)
    status, out, _ = run(capsys, "agree", *corpus)
    assert status == 1
    assert out.startswith("No claim was tagged by two analysts or more (1 analyst)")
    status, out, _ = run(capsys, "agree", "--json", *corpus)
    assert json.loads(out)["alpha"] is None


def test_a_verdict_is_not_counted_as_a_rating(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    run(capsys, "tag", "000:2", "sourced", "--analyst", "ann", *corpus)
    run(capsys, "tag", "000:2", "disputed", "--analyst", "bob", *corpus)
    run(capsys, "tag", "000:2", "sourced", "--analyst", "eve", "--verdict", *corpus)
    _, out, _ = run(capsys, "agree", "--json", *corpus)
    data = json.loads(out)
    assert data["analysts"] == ["ann", "bob"]
    assert data["percent"] == 0.0


def test_stats_shows_the_same_progress_and_agreement(
    capsys: pytest.CaptureFixture[str], tagged: list[str]
) -> None:
    status, out, _ = run(capsys, "stats", *tagged)
    assert status == 0
    assert "Analysts (claims tagged)" in out
    assert "Agreement (7 claims tagged by two analysts or more)" in out
    status, out, _ = run(capsys, "stats", "--json", *tagged)
    data = json.loads(out)
    assert data["analysts"] == {"Cy Young": 6, "ann": 7, "bob": 6}
    assert data["agreement"]["alpha"] == pytest.approx(
        oracle_alpha(["ann", "bob", "Cy Young"]), abs=1e-6
    )
