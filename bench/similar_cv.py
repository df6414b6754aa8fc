"""Which of the same-band model's features earn their place: cross-validation on the MSRP tune half.

    python bench/similar_cv.py [--drop NAME,NAME] [--each] [--folds 5] [--repeats 5]

The model (:mod:`tui.core.match.calibrate`) is refitted on k-1 folds of the tune
half's pairs (sentence 1 against sentence 2, as ``similar_eval.py --fit`` fits
it) and scores the fold left out; the out-of-fold scores of every pair are then
read at the thresholds that keep a recall of 0.90 and 0.925 of the paraphrases
(pairs under the overlap floor are never shown, as in the band): the share of
near-misses kept out there, the accuracy, and the AUC. The test half is never
read. ``--drop`` scores the model without those features, ``--each`` without
each feature in turn; a new feature is worth keeping when it moves these by
more than the spread between repeats (~0.005). Also where partners are lost in
the retrieval on the tune half (``--losses``): no candidate, under the overlap
floor, scored below the band, ranked below 3.

Needs numpy (installed with the test extras).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import numpy as np  # noqa: E402
from similar_eval import MSRP, TOP, msrp_index, read_msrp  # noqa: E402

from tui.core.match import SAME  # noqa: E402
from tui.core.match.calibrate import FEATURES  # noqa: E402
from tui.core.similar import SETTINGS, candidates, find_similar, matcher_for  # noqa: E402

RECALLS = (0.90, 0.925)


def tune_rows() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and overlaps of the tune pairs the model is fitted on."""
    pairs = read_msrp(MSRP)
    index, _, _ = msrp_index(pairs)
    matcher = matcher_for(index)
    rows, labels, overlaps = [], [], []
    for pair in pairs:
        if pair.part != "tune":
            continue
        analysis = matcher.analyse(pair.a, pair.b)
        overlap = matcher.overlap(pair.a, pair.b)
        if analysis.identical or analysis.alignment is None or overlap <= 0.0:
            continue
        rows.append(matcher.values(analysis))
        labels.append(pair.label)
        overlaps.append(overlap)
    return np.array(rows), np.array(labels), np.array(overlaps)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Newton's method on the log-loss with the ridge ``similar_eval.fit`` uses."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(40):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(np.hstack([x, np.ones((len(x), 1))]) @ w, -30, 30)))


def scores(x: np.ndarray, y: np.ndarray, folds: int, repeats: int) -> list[float]:
    """Mean over repeats of (kept out, accuracy) at each of :data:`RECALLS`, then AUC."""
    figures = []
    for seed in range(repeats):
        fold = np.random.default_rng(seed).permutation(len(y)) % folds
        p = np.zeros(len(y))
        for k in range(folds):
            train = fold != k
            p[~train] = predict(x[~train], fit(x[train], y[train]))
        figures.append(measures(p, y))
    return list(np.mean(figures, axis=0))


def measures(p: np.ndarray, y: np.ndarray) -> list[float]:
    shown_scores = np.where(FLOOR, p, -1.0)
    out = []
    positives = np.sort(shown_scores[y == 1])
    for recall in RECALLS:
        threshold = positives[int((1 - recall) * len(positives))]
        shown = shown_scores >= threshold
        out += [1 - shown[y == 0].mean(), (shown == (y == 1)).mean()]
    ranks = np.argsort(np.argsort(p)) + 1
    n1 = int((y == 1).sum())
    out.append((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * (len(y) - n1)))
    return out


def losses() -> None:
    """Where the tune half's partners go in the retrieval."""
    pairs = read_msrp(MSRP)
    index, firsts, _ = msrp_index(pairs)
    matcher = matcher_for(index)
    counts: dict[int, Counter[str]] = {1: Counter(), 0: Counter()}
    for pair, first in zip(pairs, firsts, strict=True):
        if pair.part != "tune":
            continue
        texts = [h.claim.text for h in find_similar(index, first, limit=50) if h.band == SAME]
        if pair.b in texts[:TOP]:
            why = "shown"
        elif pair.b not in {index.claims[i].text for i in candidates(index, first)}:
            why = "no candidate"
        elif pair.b in texts:
            why = f"ranked below {TOP}"
        elif matcher.overlap(pair.a, pair.b) < SETTINGS.same_overlap:
            why = "under the overlap floor"
        else:
            why = "scored below the band"
        counts[pair.label][why] += 1
    for label, name in ((1, "paraphrases"), (0, "near-misses")):
        print(f"{name} ({sum(counts[label].values())}): {dict(counts[label].most_common())}")


def main(argv: list[str] | None = None) -> int:
    global FLOOR
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drop", default="", help="features left out, comma-separated")
    parser.add_argument("--each", action="store_true", help="leave out each feature in turn")
    parser.add_argument("--losses", action="store_true", help="where partners are lost")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if args.losses:
        losses()
        return 0
    x, y, overlaps = tune_rows()
    FLOOR = overlaps >= SETTINGS.same_overlap
    print(f"{len(y)} tune pairs, {args.folds}-fold, {args.repeats} repeats")
    head = "".join(f"{'kept out@' + str(r):>15}{'acc@' + str(r):>11}" for r in RECALLS)
    print(f"{'features':>28}{head}{'AUC':>8}")
    dropped = [name for name in args.drop.split(",") if name]
    trials = [dropped] + ([[*dropped, name] for name in FEATURES] if args.each else [])
    for leave in trials:
        keep = [i for i, name in enumerate(FEATURES) if name not in leave]
        figures = scores(x[:, keep], y, args.folds, args.repeats)
        label = "all" if not leave else "- " + ", ".join(leave)
        pairs = zip(figures[0:-1:2], figures[1:-1:2], strict=True)
        print(f"{label[:28]:>28}" + "".join(f"{k:15.3f}{a:11.3f}" for k, a in pairs), end="")
        print(f"{figures[-1]:8.4f}")
    return 0


FLOOR = np.array([])
"""Pairs at or above the overlap floor (the others are never in the ``same`` band)."""

if __name__ == "__main__":
    sys.exit(main())
