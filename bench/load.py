"""Load-and-segment time and peak memory for synthetic corpora, cold and warm.

Each measurement runs in a fresh Python process, so imports, the Punkt model
and every document are loaded from scratch; "cold" is the first run after the
corpus is written (and after any cache of ours is emptied), "warm" the second
run (the files are in the OS page cache, and the claims cache of
``tui.core.cache``, kept here in ``--out``/cache, is filled). Peak
memory is the process's maximum resident set size (``ru_maxrss``), which
includes the interpreter itself; CPU is its user+system time and its worker
processes' (on a loaded machine wall time is mostly the wait for a core).
Then ``factcheck stats`` is timed on the 1,000-article corpus with some tags
on disk, as a user would run it.

    python bench/load.py [--sizes 5,1000,5000] [--out bench/out] [--against REV [--rounds 3]]

With ``--against``, the cold load of the largest size is then run ``--rounds``
times more in this tree and in ``REV``'s (its ``tui/`` extracted from git),
alternating, and the medians compared: the machine is shared, so only a ratio
measured in one run says anything. CPU is the total of the process and its
workers: what the cores had to do, whoever else was using them.

Targets (issue 2): 1,000 articles ``factcheck stats`` <= 3 s warm; (issue 14)
5,000 articles cold <= 6 s on 2 cores, peak memory <= 250 MB. For the largest
size the cold load is also run on one core ("cold1"), for the speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from old_code import tree_of  # bench/ is on sys.path when a script runs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
from tui.core import segmenting
if len(sys.argv) > 2:
    segmenting._cores = lambda: int(sys.argv[2])
from tui.core.corpus import load_corpus
corpus = load_corpus([sys.argv[1]])
seconds = time.perf_counter() - start
claims = sum(len(doc.claims) for doc in corpus)
me = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "claims": claims, "peak_mb": me.ru_maxrss / 1024,
                  "cpu": me.ru_utime + me.ru_stime,
                  "workers_cpu": workers.ru_utime + workers.ru_stime}))
"""

TAG = """
import sys
from pathlib import Path
from tui.core.workspace import open_workspace
workspace = open_workspace([sys.argv[1]], analyst="bench")
labels = ("sourced", "disputed", "opinion", "skip")
for doc in workspace.corpus.documents[::5]:
    for n, claim in enumerate(doc.claims[1::7][:5]):
        workspace.store.set(claim, labels[n % 4], note="bench")
"""


def corpus_for(out: Path, count: int) -> Path:
    """``out/<count>/seeds``, generated once (the same bytes every time)."""
    folder = out / str(count) / "seeds"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, count)
    return folder


def use_cache_in(folder: Path) -> None:
    """Point factcheck's cache at ``folder`` (for this script and its children)."""
    os.environ["XDG_CACHE_HOME"] = str(folder)


def clear_our_cache() -> None:
    """Empty factcheck's cache, so that the next run is cold."""
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "factcheck", ignore_errors=True)


def measure(folder: Path, cores: int | None = None, tree: Path | None = None) -> dict[str, float]:
    """One load in a fresh process (of ``tree``'s code if given, else the installed one)."""
    extra = [str(cores)] if cores else []
    env = None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), *extra],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tree,
    )
    return json.loads(done.stdout)


def compare_cold(folder: Path, against: str, rounds: int) -> None:
    """Cold loads of ``folder`` here and in ``against``'s tree, alternating; medians and ratios."""
    repo = HERE.parent
    with tree_of(against) as old_tree:
        runs: dict[str, list[dict[str, float]]] = {against: [], "this tree": []}
        for _ in range(rounds):
            for name, tree in ((against, old_tree), ("this tree", repo)):
                clear_our_cache()
                runs[name].append(measure(folder, tree=tree))
    print(f"\ncold, {folder.parent.name} articles, {rounds} alternating rounds (medians)")
    print(f"{'code':>12} {'s':>6} {'cpu s':>6} {'peak MB':>8}")
    medians = {}
    for name, results in runs.items():
        seconds = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu"] + r["workers_cpu"] for r in results)
        peak = statistics.median(r["peak_mb"] for r in results)
        medians[name] = (seconds, cpu)
        print(f"{name:>12} {seconds:>6.2f} {cpu:>6.2f} {peak:>8.0f}")
    pairs = list(zip(runs[against], runs["this tree"], strict=True))
    wall = statistics.median(new["seconds"] / old["seconds"] for old, new in pairs)
    cpu = medians["this tree"][1] / medians[against][1]
    print(f"this tree / {against}: wall {wall:.2f} (median of the rounds' ratios), cpu {cpu:.2f}")


def time_stats(folder: Path) -> float:
    factcheck = Path(sys.executable).with_name("factcheck")
    command = [str(factcheck)] if factcheck.exists() else [sys.executable, "-m", "tui"]
    start = time.perf_counter()
    subprocess.run(
        [*command, "stats", "--corpus", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,1000,5000", help="comma-separated article counts")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where corpora are kept")
    parser.add_argument("--stats-size", type=int, default=1000, help="corpus for `stats` timing")
    parser.add_argument("--against", help="a commit to compare the largest cold load with")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds for --against")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    use_cache_in(args.out / "cache")  # never the user's own cache

    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores; cold runs segment on all of them (cold1: on one)")
    header = ("articles", "MB", "claims", "run", "load+segment s", "peak MB", "cpu s", "workers")
    print("{:>8} {:>6} {:>8} {:>5} {:>15} {:>8} {:>6} {:>7}".format(*header))
    for count in sizes:
        folder = corpus_for(args.out, count)
        megabytes = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1_048_576
        runs: list[tuple[str, int | None]] = [("cold", None), ("warm", None)]
        if count == max(sizes) and cores > 1:
            runs.append(("cold1", 1))  # the same cold load on one core, for comparison
        for run, use in runs:
            if run.startswith("cold"):
                clear_our_cache()
            result = measure(folder, use)
            print(
                f"{count:>8} {megabytes:>6.2f} {result['claims']:>8.0f} {run:>5} "
                f"{result['seconds']:>15.2f} {result['peak_mb']:>8.0f} {result['cpu']:>6.2f} "
                f"{result['workers_cpu']:>7.2f}"
            )
    if args.against:
        compare_cold(corpus_for(args.out, max(sizes)), args.against, args.rounds)

    folder = corpus_for(args.out, args.stats_size)
    annotations = folder.parent / "annotations"
    shutil.rmtree(annotations, ignore_errors=True)
    subprocess.run([sys.executable, "-c", TAG, str(folder)], check=True)
    tags = sum(1 for path in annotations.rglob("*.toml") for _ in path.open() if "[[claim]]" in _)
    clear_our_cache()
    cold = time_stats(folder)
    warm = min(time_stats(folder) for _ in range(3))
    print(
        f"\nfactcheck stats, {args.stats_size} articles, {tags} tags: "
        f"cold {cold:.2f} s, warm {warm:.2f} s (best of 3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
