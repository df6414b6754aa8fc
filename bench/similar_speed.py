"""``similar`` on a synthetic corpus (bench/search.py's), this tree against an older commit.

bench/search.py prints ``similar``'s latency among much else, for this tree
only, and on a shared machine a figure means little without a baseline taken
at the same moment. Here ``--against``'s code is imported beside this tree's
(bench/old_code.py's ``renamed_tree_of``), each builds its own index of the
same corpus, and the same claims (``--samples``, drawn once; each asked once
with its matches not cached, as bench/search.py asks them) are asked of the
two in turns, claim by claim, in one process: whatever load the machine has
falls on both alike. Prints each side's p50 and p95 of the thread's CPU time
and of wall time, their ratios, and whether the two gave the same hits; and the
time the cyclic collector spent in full collections during the timed look-ups,
with the objects it tracks at the end (for the two sides together, with
``--against``: the collector is the process's).

    python bench/similar_speed.py [--claims 100000] [--samples 400] [--against COMMIT]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import sys
import time
from pathlib import Path
from types import ModuleType

from old_code import renamed_tree_of  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search import synthetic_corpus  # noqa: E402


def _index(package: str, texts: list[list[str]]) -> tuple[object, ModuleType]:
    """``package``'s search index of the documents ``texts``, and its similar module."""
    model = importlib.import_module(f"{package}.core.model")
    corpus = importlib.import_module(f"{package}.core.corpus")
    search = importlib.import_module(f"{package}.core.search")
    documents = []
    for d, lines in enumerate(texts):
        text = "\n".join(lines)
        doc = model.Document(id=f"{d:06d}_synthetic", path=Path("x.txt"), text=text, sha256="")
        start = 0
        for i, line in enumerate(lines):
            end = start + len(line)
            claim = model.Claim(doc, i, f"c{d:05d}{i:03d}", start, end, model.ClaimKind.CLAIM, i)
            doc.claims.append(claim)
            start += len(line) + 1
        documents.append(doc)
    index = search.SearchIndex.build(corpus.Corpus(documents))
    return index, importlib.import_module(f"{package}.core.similar")


class _Collections:
    """Time in the cyclic collector, by ``gc.callbacks``: a full collection scans every
    object the caches of readings hold, and in a reader that is a pause on screen."""

    def __init__(self) -> None:
        self.full = 0
        self.full_time = self.young_time = 0.0
        self._started = 0.0

    def callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        spent = time.perf_counter() - self._started
        if info["generation"] == 2:
            self.full += 1
            self.full_time += spent
        else:
            self.young_time += spent


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--against", metavar="COMMIT", help="an older commit's code to time too")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = synthetic_corpus(args.claims, args.seed)
    texts = [[claim.text for claim in doc.claims] for doc in corpus.documents]
    del corpus
    positions = random.Random(args.seed).sample(range(args.claims), args.samples + 20)
    with renamed_tree_of(args.against or "HEAD") as old_package:
        sides = {"this tree": _index("tui", texts)}
        if args.against:
            sides[args.against] = _index(old_package, texts)
        for index, similar in sides.values():  # the interpreter warmed, not the samples
            for p in positions[:20]:
                similar.find_similar(index, index.claims[p])
        cpu: dict[str, list[float]] = {name: [] for name in sides}
        wall: dict[str, list[float]] = {name: [] for name in sides}
        hits: dict[str, list[object]] = {name: [] for name in sides}
        order = list(sides)
        collections = _Collections()
        gc.callbacks.append(collections.callback)
        for k, p in enumerate(positions[20:]):
            for name in order if k % 2 == 0 else order[::-1]:
                index, similar = sides[name]
                claim = index.claims[p]
                t, c = time.perf_counter(), time.thread_time()
                found = similar.find_similar(index, claim)
                cpu[name].append(time.thread_time() - c)
                wall[name].append(time.perf_counter() - t)
                hits[name].append([(h.claim.index, h.score, h.band) for h in found])
        gc.callbacks.remove(collections.callback)
    for name in sides:
        print(
            f"{name}: similar at {args.claims:,} claims ({args.samples} claims): CPU p50 "
            f"{_pct(cpu[name], 50) * 1000:.1f} ms, p95 {_pct(cpu[name], 95) * 1000:.1f} ms; "
            f"wall p50 {_pct(wall[name], 50) * 1000:.1f} ms, "
            f"p95 {_pct(wall[name], 95) * 1000:.1f} ms"
        )
    print(
        f"collector during the look-ups: {collections.full} full collections, "
        f"{collections.full_time:.2f} s; {collections.young_time:.2f} s in younger ones; "
        f"{len(gc.get_objects()):,} objects tracked at the end"
    )
    if args.against:
        new, was = "this tree", args.against
        same = sum(a == b for a, b in zip(hits[new], hits[was], strict=True))
        print(
            f"ratio to {was} (claim by claim in turns, one process): CPU p50 "
            f"{_pct(cpu[new], 50) / _pct(cpu[was], 50):.2f}, p95 "
            f"{_pct(cpu[new], 95) / _pct(cpu[was], 95):.2f}; wall p50 "
            f"{_pct(wall[new], 50) / _pct(wall[was], 50):.2f}; "
            f"same hits for {same} of {len(hits[new])} claims"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
