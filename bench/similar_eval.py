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

    python bench/similar_eval.py [--part tune|test|all] [--tune] [--stemmer english|porter|none]
"""

from __future__ import annotations

import argparse
import csv
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


def tune(index: SearchIndex, firsts: list[Claim], pairs: list[Pair]) -> Settings:
    """Grid over weights, penalties and the same-band threshold, on the tune half only.

    Candidates and alignments do not depend on the settings: they are found once,
    then only rescored, as :func:`tui.core.similar.find_similar` would score them.
    """
    from tui.core.similar import candidates

    base = matcher_for(index)
    prepared = []
    for pair, first in zip(pairs, firsts, strict=True):
        if pair.part != "tune":
            continue
        found = [
            (index.claims[item].text, base.analyse(first.text, index.claims[item].text))
            for item in candidates(index, first)
        ]
        prepared.append((pair, found))
    print(f"tuning on {len(prepared)} pairs", flush=True)
    best: tuple[float, Settings, Retrieval] | None = None
    for power in (1.0, 1.5, 2.0, 2.5):
        for scale in (0.0, 0.5, 1.0, 1.5, 2.0):
            penalties = {k: min(0.9, v * scale) for k, v in SETTINGS.penalties.items()}
            for smoothing in (0.0, 0.4, 1.0):
                trial = replace(SETTINGS, idf_power=power, penalties=penalties, smoothing=smoothing)
                matcher = matcher_for(index, settings=trial)
                scored = []
                for pair, found in prepared:
                    ranked = sorted(
                        ((matcher.score(analysis).score, text) for text, analysis in found),
                        key=lambda st: -st[0],
                    )[:TOP]
                    partner = next((sc for sc, text in ranked if text == pair.b), None)
                    scored.append((pair.label, partner))
                for same in range(20, 80, 2):
                    r = Retrieval()
                    for label, partner in scored:
                        shown = partner is not None and partner >= same
                        if label:
                            r.positives += 1
                            r.found += shown
                        else:
                            r.negatives += 1
                            r.kept_out += not shown
                    if r.recall >= 0.90 and (best is None or r.accuracy > best[0]):
                        best = (r.accuracy, replace(trial, same=float(same)), r)
    assert best is not None
    r = best[2]
    print(
        f"best on tune: {best[1]}\n  recall@3 {r.recall:.3f} rejection {r.rejection:.3f} "
        f"accuracy {r.accuracy:.3f}"
    )
    return best[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="test", choices=["tune", "test", "all"])
    parser.add_argument("--tune", action="store_true", help="grid-search on the tune half")
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
    if args.tune:
        settings = tune(index, firsts, pairs)
    t = time.perf_counter()
    r = retrieval(index, firsts, seconds, pairs, args.part, settings)
    elapsed = time.perf_counter() - t
    print(
        f"MSRP retrieval, part {args.part} ({r.positives} paraphrases, {r.negatives} near-misses), "
        f"band same, top {TOP}: recall@3 {r.recall:.3f}, near-misses kept out {r.rejection:.3f}, "
        f"precision {r.precision:.3f}, weighted accuracy {r.accuracy:.3f} "
        f"({elapsed / max(r.positives + r.negatives, 1) * 1000:.2f} ms a query)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
