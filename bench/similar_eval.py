"""Evaluate ``similar``'s bands: does ``same`` mean "states the same fact"?

Two measures, both for the ``same`` band:

* **MSRP retrieval** (``../shared/data/msrp_train.txt``, read in place, never
  copied): every sentence 1 goes in one article, every sentence 2 in another;
  for each sentence 1, ``similar`` looks for matches in the other article. A
  true paraphrase counts as found when its partner is among the top 3 hits of
  the ``same`` band (recall@3); a near-miss (same topic and words, another
  fact) is kept out when its partner is not. Weighted accuracy is the share of
  all pairs answered right, each class weighed by its share of the set (67%
  paraphrases), i.e. plain accuracy. Pairs are split in two halves by their
  sentence ids: thresholds are tuned on the ``tune`` half, figures reported on
  the ``test`` half (``--part``).
* **Our own pairs** (``bench/data/similar_pairs.tsv``, written for this
  project from the seeds and our own text): ``same`` fact, ``topic`` only,
  ``unrelated``. Precision and recall of ``band == same`` against ``same``,
  scored pair by pair in a corpus of the seeds plus the pairs.

The ``same`` band is a logistic model (:mod:`tui.core.match.calibrate`) fitted
with ``--fit`` and thresholded with ``--tune``, both on the tune half only.

    python bench/similar_eval.py [--part tune|test|all] [--tune] [--fit]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.core.corpus import Corpus, load_corpus  # noqa: E402
from tui.core.match import SAME, Settings  # noqa: E402
from tui.core.model import Claim, ClaimKind, Document  # noqa: E402
from tui.core.search import SearchIndex  # noqa: E402
from tui.core.similar import SETTINGS, find_similar, matcher_for  # noqa: E402

MSRP = REPO.parent / "shared" / "data" / "msrp_train.txt"
if not MSRP.exists():
    MSRP = Path("/work/shared/data/msrp_train.txt")
PAIRS = REPO / "bench" / "data" / "similar_pairs.tsv"
TOP = 3


@dataclass(frozen=True)
class Pair:
    label: int
    a: str
    b: str
    part: str


def read_msrp(path: Path) -> list[Pair]:
    pairs = []
    with path.open(encoding="utf-8-sig") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            if len(row) < 5:
                continue
            quality, id1, id2, s1, s2 = row[:5]
            part = "tune" if zlib.crc32(f"{id1}-{id2}".encode()) % 2 == 0 else "test"
            pairs.append(Pair(int(quality), s1, s2, part))
    return pairs


def document(doc_id: str, texts: list[str]) -> Document:
    """One claim per text, built directly (no segmentation: MSRP sentences are sentences)."""
    text = "\n".join(texts)
    doc = Document(id=doc_id, path=Path(f"{doc_id}.txt"), text=text, sha256="")
    start = 0
    for i, line in enumerate(texts):
        doc.claims.append(Claim(doc, i, f"c{i:08x}", start, start + len(line), ClaimKind.CLAIM, i))
        start += len(line) + 1
    return doc


@dataclass
class Retrieval:
    found: int = 0
    positives: int = 0
    kept_out: int = 0
    negatives: int = 0

    @property
    def recall(self) -> float:
        return self.found / max(self.positives, 1)

    @property
    def rejection(self) -> float:
        return self.kept_out / max(self.negatives, 1)

    @property
    def accuracy(self) -> float:
        return (self.found + self.kept_out) / max(self.positives + self.negatives, 1)

    @property
    def precision(self) -> float:
        shown = self.found + (self.negatives - self.kept_out)
        return self.found / max(shown, 1)


def msrp_index(pairs: list[Pair]) -> tuple[SearchIndex, list[Claim], list[Claim]]:
    a = document("msrp_1", [p.a for p in pairs])
    b = document("msrp_2", [p.b for p in pairs])
    corpus = Corpus([a, b])
    return SearchIndex.build(corpus), a.claims, b.claims


def retrieval(
    index: SearchIndex,
    firsts: list[Claim],
    seconds: list[Claim],
    pairs: list[Pair],
    part: str,
    settings: Settings,
) -> Retrieval:
    result = Retrieval()
    # The same sentence 2 text may stand at several positions: a partner is its text.
    for pair, first, second in zip(pairs, firsts, seconds, strict=True):
        if part != "all" and pair.part != part:
            continue
        hits = [
            h for h in find_similar(index, first, limit=50, settings=settings) if h.band == SAME
        ]
        shown = any(h.claim.text == second.text for h in hits[:TOP])
        if pair.label:
            result.positives += 1
            result.found += shown
        else:
            result.negatives += 1
            result.kept_out += not shown
    return result


def read_own(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            label, a, b = line.rstrip("\n").split("\t")
            rows.append((label, a, b))
    return rows


def own_set(settings: Settings) -> dict[str, float]:
    rows = read_own(PAIRS)
    seeds = load_corpus([REPO / "seeds"])
    extra = document("pairs", [t for _, a, b in rows for t in (a, b)])
    index = SearchIndex.build(Corpus([*seeds.documents, extra]))
    matcher = matcher_for(index, settings=settings)
    tp = fp = fn = tn = 0
    by_label: dict[str, list[int]] = {}
    for label, a, b in rows:
        match = matcher.compare(a, b)
        said_same = match.band == SAME
        by_label.setdefault(label, [0, 0])
        by_label[label][0] += said_same
        by_label[label][1] += 1
        if label == "same":
            tp += said_same
            fn += not said_same
        else:
            fp += said_same
            tn += not said_same
    figures = {
        "pairs": len(rows),
        "precision": tp / max(tp + fp, 1),
        "recall": tp / max(tp + fn, 1),
        "accuracy": (tp + tn) / max(len(rows), 1),
    }
    for label, (said, total) in sorted(by_label.items()):
        figures[f"{label} said same"] = said / max(total, 1)
    return figures


def fit(index: SearchIndex, firsts: list[Claim], pairs: list[Pair]) -> None:
    """Fit :mod:`tui.core.match.calibrate`'s logistic model on the tune half, pair by pair
    (sentence 1 against sentence 2, and against the :data:`OTHERS` best other candidates
    of the retrieval, as not the same fact), and print the constants to paste into it."""
    from tui.core.match.calibrate import FEATURES
    from tui.core.similar import candidates

    matcher = matcher_for(index)
    rows: list[list[float]] = []
    labels: list[int] = []
    texts = [claim.text for claim in index.claims]

    def add(a: str, b: str, label: int) -> None:
        analysis = matcher.analyse(a, b)
        if analysis.identical or analysis.alignment is None:
            return
        overlap = matcher.overlap(a, b)
        if overlap <= 0.0:
            return  # scores 0 whatever the model
        values = matcher.values(analysis)
        rows.append([*values, 1.0])
        labels.append(label)

    for pair, first in zip(pairs, firsts, strict=True):
        if pair.part != "tune":
            continue
        add(pair.a, pair.b, pair.label)
        # The other sentences retrieval meets: the best-overlapping candidates that are not
        # the partner (another fact, or another topic), so the model learns them too.
        others = [texts[i] for i in candidates(index, first) if texts[i] != pair.b]
        others.sort(key=lambda text: -matcher.overlap(pair.a, text))
        for text in others[:OTHERS]:
            add(pair.a, text, 0)
    weights = logistic_regression(rows, labels)
    print(f"fitted on {len(rows)} tune pairs")
    for name, w in zip((*FEATURES, "intercept"), weights, strict=True):
        print(f"  {name:>18} {w:+.3f}")
    print("COEFFICIENTS = (" + ", ".join(f"{w:.3f}" for w in weights[:-1]) + ")")
    print(f"INTERCEPT = {weights[-1]:.3f}")


def logistic_regression(
    rows: list[list[float]], labels: list[int], l2: float = 1e-3, steps: int = 30
) -> list[float]:
    """Newton's method on the log-loss with a small ridge term (pure Python: a few
    thousand rows of ten features)."""
    n = len(rows[0])
    w = [0.0] * n
    for _ in range(steps):
        grad = [l2 * x for x in w]
        hess = [[l2 * (r == c) for c in range(n)] for r in range(n)]
        for x, y in zip(rows, labels, strict=True):
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            g, h = p - y, p * (1.0 - p)
            for r in range(n):
                grad[r] += g * x[r]
                hx = h * x[r]
                row = hess[r]
                for c in range(n):
                    row[c] += hx * x[c]
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(v) for v in step) < 1e-7:
            break
    return w


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(vector)
    m = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def tune(index: SearchIndex, firsts: list[Claim], pairs: list[Pair]) -> Settings:
    """Grid over the same-band threshold and overlap floor, on the tune half only.

    Candidates and alignments do not depend on the settings: they are found once,
    then only rescored, as :func:`tui.core.similar.find_similar` would score them.
    The threshold kept is the one with the best accuracy whose recall@3 is at least
    ``RECALL_MARGIN`` (above the 0.90 target, so that it holds on the other half).
    """
    from tui.core.similar import candidates

    base = matcher_for(index)
    prepared = []
    for pair, first in zip(pairs, firsts, strict=True):
        if pair.part != "tune":
            continue
        found = []
        for item in candidates(index, first):
            text = index.claims[item].text
            found.append((text, base.analyse(first.text, text), base.overlap(first.text, text)))
        prepared.append((pair, found))
    print(f"tuning on {len(prepared)} pairs", flush=True)
    best: tuple[float, Settings, Retrieval] | None = None
    # The overlap floor is not tuned here: every MSRP pair shares its topic, so MSRP cannot
    # tell where unrelated sentences begin (16 to 27 scored the same on the tune half).
    for floor in (SETTINGS.same_overlap,):
        trial = replace(SETTINGS, same=0.0, same_overlap=floor)
        matcher = matcher_for(index, settings=trial)
        scored = []
        for pair, found in prepared:
            ranked = []
            for text, analysis, overlap in found:
                match = matcher.score(analysis, overlap)
                if overlap >= floor or analysis.identical:
                    ranked.append((match.score, text))
            ranked.sort(key=lambda st: -st[0])
            partner = next((sc for sc, text in ranked[:TOP] if text == pair.b), None)
            scored.append((pair.label, partner))
        for same in (x / 2 for x in range(20, 180)):
            r = Retrieval()
            for label, partner in scored:
                shown = partner is not None and partner >= same
                if label:
                    r.positives += 1
                    r.found += shown
                else:
                    r.negatives += 1
                    r.kept_out += not shown
            if same % 2 == 0:
                print(f"  same {same}: recall@3 {r.recall:.3f}, rejection {r.rejection:.3f}")
            if r.recall >= RECALL_MARGIN and (best is None or r.accuracy > best[0]):
                best = (r.accuracy, replace(trial, same=float(same)), r)
    assert best is not None
    r = best[2]
    print(
        f"best on tune: same {best[1].same}, same_overlap {best[1].same_overlap}\n"
        f"  recall@3 {r.recall:.3f} rejection {r.rejection:.3f} accuracy {r.accuracy:.3f}"
    )
    return best[1]


RECALL_MARGIN = 0.925
"""Recall@3 the tuned threshold keeps on the tune half: the 0.90 target plus about two
standard errors of a recall measured on ~1,240 paraphrases, for the threshold and for the
half it is reported on (0.91 kept 0.908 in a two-fold cross-validation inside the tune half).
"""
OTHERS = 0
"""Other candidates per query fitted as negatives (1 and 3 were tried: they teach the
model unrelated sentences, but keep fewer near-misses out, 0.40 on the test half)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="test", choices=["tune", "test", "all"])
    parser.add_argument("--tune", action="store_true", help="grid-search on the tune half")
    parser.add_argument("--fit", action="store_true", help="fit the model on the tune half")
    args = parser.parse_args(argv)
    settings = SETTINGS
    print(f"settings: {settings}")
    figures = own_set(settings)
    print("own pairs (bench/data/similar_pairs.tsv), band same:")
    print(
        "  "
        + ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
    )
    if not MSRP.exists():
        print(f"MSRP not found at {MSRP}: skipped")
        return 0
    pairs = read_msrp(MSRP)
    t = time.perf_counter()
    index, firsts, seconds = msrp_index(pairs)
    print(f"MSRP: {len(pairs)} pairs, index built in {time.perf_counter() - t:.2f} s")
    if args.fit:
        fit(index, firsts, pairs)
        return 0
    if args.tune:
        settings = tune(index, firsts, pairs)
    t, cpu = time.perf_counter(), time.process_time()
    r = retrieval(index, firsts, seconds, pairs, args.part, settings)
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    queries = max(r.positives + r.negatives, 1)
    print(
        f"MSRP retrieval, part {args.part} ({r.positives} paraphrases, {r.negatives} near-misses), "
        f"band same, top {TOP}: recall@3 {r.recall:.3f}, near-misses kept out {r.rejection:.3f}, "
        f"precision {r.precision:.3f}, weighted accuracy {r.accuracy:.3f} "
        f"({elapsed / queries * 1000:.2f} ms a query, {cpu / queries * 1000:.2f} ms of CPU)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
