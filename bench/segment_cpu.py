"""CPU time of segmenting, this tree against an older commit, in alternating processes.

Each round runs one fresh process per tree (old, then new, then old …) that
segments the same texts as a cold load does (blocks, claims, their cache
entry: what a worker process does per article) and reports its CPU time per
article, for synthetic articles (``bench/generate.py``, the corpus of
``bench/load.py``) and for real sentences from /work/shared/data run into
paragraphs (when present). The machine is shared, so the figure is the median
of the per-round ratios new/old, each measured back to back.

    python bench/segment_cpu.py [--against ae66c23] [--rounds 5] [--articles 500]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from old_code import tree_of  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, sys, time
sys.path[:0] = [sys.argv[1] + "/tests", sys.argv[1] + "/bench"]
from pathlib import Path
from generate import article, seed_lines
from segment_texts import shared_texts
import random
from tui.core import segment, segmenting
from tui.core import cache
from tui.core.model import Document
segment.warm_up()
headings, paragraphs = seed_lines(Path(sys.argv[1]) / "seeds")
count = int(sys.argv[2])
synthetic = [
    article(random.Random(1_000_003 + n), headings, paragraphs, 10_000) for n in range(count)
]
real = [text for _, text in shared_texts(count)]
out = {}
for name, texts in (("synthetic", synthetic), ("real", real)):
    if not texts:
        continue
    docs = [
        Document(id=str(n), path=Path(str(n)), text=t, sha256=f"{n:064x}")
        for n, t in enumerate(texts)
    ]
    start = time.process_time()
    segmenting._work([(doc.text, doc.sha256) for doc in docs])  # what a worker does
    out[name] = (time.process_time() - start) / len(docs) * 1000
print(json.dumps(out))
"""


def measure(tree: Path, articles: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(REPO), str(articles)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "FACTCHECK_CACHE": "0"},
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="ae66c23", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=500, help="texts of each kind")
    args = parser.parse_args(argv)
    with tree_of(args.against) as old_tree:
        rows: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            old = measure(old_tree, args.articles)
            new = measure(REPO, args.articles)
            for kind in new:
                rows.setdefault(kind, []).append((old[kind], new[kind]))
    print(f"CPU ms per text, {args.against} vs this tree, {args.rounds} alternating rounds")
    for kind, pairs in rows.items():
        ratio = statistics.median(n / o for o, n in pairs)
        olds = statistics.median(o for o, _ in pairs)
        news = statistics.median(n for _, n in pairs)
        print(f"{kind:>10}: {olds:.3f} -> {news:.3f} ms (median), new/old {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
