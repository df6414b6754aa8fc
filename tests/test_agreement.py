"""Agreement figures against Krippendorff's published examples, an oracle and corner cases."""

from __future__ import annotations

import random

import pytest

from tui.core.agreement import (
    cohen_kappa,
    confusion,
    gwet_ac1,
    krippendorff_alpha,
    label_alpha,
    measure,
    percent_agreement,
    restrict,
)


def by_observer(*rows: str, names: str = "ABCDEFGH") -> dict[int, dict[str, str]]:
    """Reliability data as Krippendorff prints it: one row per observer, ``*`` missing."""
    ratings: dict[int, dict[str, str]] = {}
    for name, row in zip(names, rows, strict=False):
        for unit, value in enumerate(row.split()):
            if value != "*":
                ratings.setdefault(unit, {})[name] = value
    return ratings


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", examples A, B, C.
BINARY_TWO_OBSERVERS = by_observer(
    "0 1 0 0 0 0 0 0 1 0",
    "1 1 1 0 0 1 0 0 0 0",
)
NOMINAL_TWO_OBSERVERS = by_observer(
    "a a b b d c c c e d d a",
    "b a b b b c c c e d d d",
)
NOMINAL_MISSING = by_observer(
    "1 2 3 3 2 1 4 1 2 * * *",
    "1 2 3 3 2 2 4 1 2 5 * 3",
    "* 3 3 3 2 3 4 2 2 5 1 *",
    "1 2 3 3 2 4 4 1 2 5 1 *",
)


@pytest.mark.parametrize(
    ("ratings", "published"),
    [(BINARY_TWO_OBSERVERS, 0.095), (NOMINAL_TWO_OBSERVERS, 0.692), (NOMINAL_MISSING, 0.743)],
)
def test_alpha_matches_krippendorffs_published_examples(ratings, published):
    assert krippendorff_alpha(ratings) == pytest.approx(published, abs=0.0005)


def test_the_example_with_missing_ratings_ignores_a_unit_only_one_observer_rated():
    # Unit 12 has a single value: dropping it changes nothing.
    fewer = {unit: by for unit, by in NOMINAL_MISSING.items() if unit != 11}
    assert krippendorff_alpha(fewer) == pytest.approx(krippendorff_alpha(NOMINAL_MISSING))
    assert measure(NOMINAL_MISSING).units == 11


def random_ratings(seed: int, *, units: int = 40, analysts: int = 4, labels: int = 4):
    rng = random.Random(seed)
    names = [f"analyst {i}" for i in range(analysts)]
    scale = ["sourced", "disputed", "opinion", "skip"][:labels]
    ratings = {}
    for unit in range(units):
        truth = rng.choice(scale)
        by = {}
        for name in names:
            if rng.random() < 0.3:
                continue  # a missing rating
            by[name] = truth if rng.random() < 0.7 else rng.choice(scale)
        ratings[unit] = by
    return names, scale, ratings


@pytest.mark.parametrize("seed", range(25))
def test_alpha_equals_the_krippendorff_package(seed):
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    names, scale, ratings = random_ratings(seed)
    matrix = np.array(
        [
            [scale.index(by[name]) if name in by else np.nan for by in ratings.values()]
            for name in names
        ],
        dtype=float,
    )
    if len({v for by in ratings.values() if len(by) > 1 for v in by.values()}) < 2:
        pytest.skip("a single value: the oracle refuses it")
    oracle = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert krippendorff_alpha(ratings) == pytest.approx(oracle, abs=1e-9)


def test_percent_and_kappa_for_two_analysts_by_hand():
    # 10 units: they agree on 7 (5 × 0 and 2 × 1... here: units 4 5 7 8 10 and 2).
    assert percent_agreement(BINARY_TWO_OBSERVERS) == pytest.approx(60.0)
    # p_o = 0.6; A: 8×0 2×1, B: 6×0 4×1 → p_e = (8·6 + 2·4) / 100 = 0.56.
    assert cohen_kappa(BINARY_TWO_OBSERVERS, "A", "B") == pytest.approx((0.6 - 0.56) / 0.44)


def test_percent_with_three_analysts_counts_agreeing_pairs():
    # Two of three agree: one pair of three agrees.
    assert percent_agreement({1: {"a": "x", "b": "x", "c": "y"}}) == pytest.approx(100 / 3)


def dominated(agree_main: int = 88, agree_rare: int = 4, split: int = 4):
    """Two analysts, one label dominating: 92 % raw agreement."""
    ratings = {}
    unit = 0
    for a, b, count in [
        ("sourced", "sourced", agree_main),
        ("opinion", "opinion", agree_rare),
        ("sourced", "opinion", split),
        ("opinion", "sourced", split),
    ]:
        for _ in range(count):
            ratings[unit] = {"ann": a, "bob": b}
            unit += 1
    return ratings


def test_one_label_dominating_ac1_stays_high_where_kappa_and_alpha_drop():
    ratings = dominated()
    assert percent_agreement(ratings) == pytest.approx(92.0)
    kappa = cohen_kappa(ratings, "ann", "bob")
    alpha = krippendorff_alpha(ratings)
    assert kappa == pytest.approx(0.4565, abs=1e-4)  # (0.92 − 0.8528) / 0.1472
    assert alpha == pytest.approx(0.4592, abs=1e-4)
    # π = 0.92 / 0.08 on a two-label scale: p_e = 2 · 0.92 · 0.08 = 0.1472.
    assert gwet_ac1(ratings) == pytest.approx((0.92 - 0.1472) / (1 - 0.1472))
    # On the four-label scale chance agreement is a third of that.
    four = gwet_ac1(ratings, ["sourced", "disputed", "opinion", "skip"])
    assert four == pytest.approx((0.92 - 0.1472 / 3) / (1 - 0.1472 / 3))
    assert four > 0.9


def test_gwet_ac1_on_gwets_two_rater_example():
    # Gwet (2008), Table 1 style: 2 raters, 2 categories, counts 118 / 5 / 2 / 0.
    ratings = dominated(agree_main=118, agree_rare=0, split=0)
    for unit in range(118, 123):
        ratings[unit] = {"ann": "sourced", "bob": "opinion"}
    for unit in range(123, 125):
        ratings[unit] = {"ann": "opinion", "bob": "sourced"}
    # p_a = 118/125; π_opinion = (7 / 2) / 125; p_e = 2 π (1 − π).
    pi = 3.5 / 125
    chance = 2 * pi * (1 - pi)
    assert gwet_ac1(ratings) == pytest.approx((118 / 125 - chance) / (1 - chance))
    assert cohen_kappa(ratings, "ann", "bob") < 0  # the kappa paradox


def test_everyone_agrees():
    ratings = {u: {"a": label, "b": label, "c": label} for u, label in enumerate("xyzxy")}
    summary = measure(ratings)
    assert (summary.percent, summary.alpha, summary.ac1) == (100.0, 1.0, 1.0)
    assert all(pair.kappa == 1.0 for pair in summary.pairs)


def test_everyone_agrees_on_a_single_label_leaves_alpha_and_kappa_undefined():
    ratings = {u: {"a": "sourced", "b": "sourced"} for u in range(5)}
    summary = measure(ratings)
    assert summary.percent == 100.0
    assert summary.alpha is None
    assert summary.pairs[0].kappa is None
    assert summary.ac1 == 1.0


def test_one_analyst_has_nothing_to_agree_on():
    summary = measure({1: {"ann": "sourced"}, 2: {"ann": "opinion"}})
    assert summary.analysts == ("ann",)
    assert summary.units == 0
    assert (summary.percent, summary.alpha, summary.ac1) == (None, None, None)
    assert summary.pairs == ()


def test_no_overlap_between_two_analysts():
    summary = measure({1: {"ann": "sourced"}, 2: {"bob": "opinion"}})
    assert summary.units == 0
    assert summary.alpha is None
    assert summary.pairs[0].units == 0
    assert summary.pairs[0].kappa is None
    assert summary.pairs[0].percent is None


def test_empty():
    summary = measure({})
    assert summary.to_json()["units"] == 0
    assert summary.to_json()["alpha"] is None


def test_label_alpha_is_one_label_against_the_rest():
    ratings = {
        1: {"a": "sourced", "b": "sourced"},
        2: {"a": "opinion", "b": "skip"},
        3: {"a": "skip", "b": "opinion"},
        4: {"a": "sourced", "b": "sourced"},
    }
    assert label_alpha(ratings, "sourced") == pytest.approx(1.0)
    assert label_alpha(ratings, "opinion") < 0
    assert measure(ratings).labels["sourced"] == pytest.approx(1.0)


def test_restrict_keeps_only_the_named_analysts():
    _, _, ratings = random_ratings(3)
    two = restrict(ratings, ["analyst 0", "analyst 1"])
    assert {a for by in two.values() for a in by} <= {"analyst 0", "analyst 1"}
    summary = measure(two)
    assert summary.analysts == ("analyst 0", "analyst 1")
    assert summary.alpha == pytest.approx(krippendorff_alpha(two))


def test_pairs_and_documents():
    ratings = {
        ("doc1", "c1"): {"ann": "sourced", "bob": "sourced", "cy": "opinion"},
        ("doc1", "c2"): {"ann": "opinion", "bob": "opinion"},
        ("doc2", "c1"): {"ann": "skip", "cy": "skip"},
        ("doc2", "c2"): {"bob": "skip"},
    }
    summary = measure(ratings, document_of=lambda unit: unit[0])
    pairs = {(p.a, p.b): p for p in summary.pairs}
    assert pairs["ann", "bob"].units == 2 and pairs["ann", "bob"].percent == 100.0
    assert pairs["ann", "cy"].units == 2 and pairs["ann", "cy"].percent == 50.0
    assert pairs["bob", "cy"].units == 1 and pairs["bob", "cy"].percent == 0.0
    docs = {d.doc: d for d in summary.documents}
    assert docs["doc1"].units == 2
    assert docs["doc2"].units == 1  # doc2:c2 has one rating
    assert docs["doc1"].alpha == pytest.approx(
        krippendorff_alpha({k: v for k, v in ratings.items() if k[0] == "doc1"})
    )
    data = summary.to_json()
    assert set(data) == {
        "analysts", "units", "percent", "alpha", "ac1", "pairs", "labels", "documents"
    }  # fmt: skip
    assert set(data["pairs"][0]) == {"a", "b", "units", "percent", "kappa"}
    assert set(data["documents"][0]) == {"doc", "units", "percent", "alpha"}


def test_confusion_table_for_two_analysts():
    table = confusion(dominated(), "ann", "bob", ["sourced", "disputed", "opinion", "skip"])
    assert table.labels == ("sourced", "disputed", "opinion", "skip")
    assert table.cell("sourced", "sourced") == 88
    assert table.cell("sourced", "opinion") == 4
    assert table.cell("opinion", "sourced") == 4
    assert table.cell("disputed", "skip") == 0
    assert table.units == 100


def test_the_gpl_oracle_is_never_imported_by_the_program():
    from pathlib import Path

    import tui

    root = Path(tui.__file__).parent
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import krippendorff" not in source and "import numpy" not in source, path
