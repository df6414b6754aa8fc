"""Benchmark ``compare`` on two versions of a long article (5,000 claims each by default).

Version A is drawn from the seeds' sentences with variations (bench/search.py's
generator); version B keeps most claims, edits some (a word or a number
changed), moves some, drops some and adds new ones, as a rewrite does. Also
times the worst case: every claim edited, so none pairs by its exact words.

    python bench/compare.py [--claims 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search import made_up_words, seed_sentences, vary  # noqa: E402
from similar_eval import document  # noqa: E402

from tui.core.compare import compare_documents  # noqa: E402
from tui.core.normalize import terms  # noqa: E402


def versions(size: int, edit_share: float, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = made_up_words(rng, 50_000)
    a = [vary(rng, rng.choice(sentences), pool) for _ in range(size)]
    b = []
    for text in a:
        r = rng.random()
        if r < 0.05:
            continue  # dropped
        if r < 0.05 + edit_share:
            words = text.split()
            k = rng.randrange(len(words))
            words[k] = str(rng.randint(2, 999)) if rng.random() < 0.5 else rng.choice(pool)
            text = " ".join(words)
        b.append(text)
    for _ in range(size // 20):  # moved
        i, j = rng.randrange(len(b)), rng.randrange(len(b))
        b.insert(j, b.pop(i))
    for _ in range(size // 20):  # added
        b.insert(rng.randrange(len(b)), vary(rng, rng.choice(sentences), pool))
    return a, b[:size]


def _baseline(size: int) -> float:
    a, b = versions(size, 0.2)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for text in a + b:
            terms(text)
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    baseline = _baseline(args.claims)
    print(
        f"baseline (same run): splitting {2 * args.claims:,} claims into words takes "
        f"{baseline:.3f} s; ratios below are to it"
    )
    for label, share in (("a rewrite (20% edited)", 0.20), ("every claim edited", 0.95)):
        a, b = versions(args.claims, share)
        doc_a, doc_b = document("a", a), document("b", b)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            rows = compare_documents(doc_a, doc_b)
            times.append(time.perf_counter() - t)
        counts = Counter(row.status for row in rows)
        print(
            f"{label}: {len(a):,} x {len(b):,} claims, best {min(times):.2f} s, "
            f"worst {max(times):.2f} s ({min(times) / baseline:.0f}x baseline); {dict(counts)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
