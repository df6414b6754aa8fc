"""One-shot ``factcheck search`` and ``factcheck similar`` as whole processes, against fzf.

A script that asks one question pays for the whole process: interpreter,
imports, loading the corpus, the index. Here each command runs as a fresh
process on a synthetic corpus (``bench/generate.py``, 1,000 articles, ~70k
claims), warm (the caches of ``tui.core.cache`` and the search index filled
by a first run, kept in ``--out``/cache, never the user's; byte code cached as
on a user's machine), interleaved with
``fzf --filter`` over the same claims as lines (one file, as fzf reads it), so
the machine's noise hits both alike. Prints the median wall time of each and
their ratio, plus one cold run (no index in the cache) for reference. The
processes' CPU time (user + system, from ``wait4``) is printed too: on a
machine others are loading, wall time mostly measures the queue for a core.

    python bench/oneshot.py [--articles 1000] [--repeat 7] [--out bench/out]

Targets (issue 14): search <= 0.5x fzf (goal 0.25x); similar <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import clear_our_cache, corpus_for, use_cache_in  # noqa: E402

QUERIES = ("wagnr recruitment", "vucic kurti normalization", "sanctions western balkans")


def factcheck() -> list[str]:
    script = Path(sys.executable).with_name("factcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def child_env(out: Path) -> dict[str, str]:
    """Byte code cached as on a user's machine (this sandbox turns that off)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    return env


ENV: dict[str, str] = {}


CPU: dict[str, list[float]] = {}


def timed(command: list[str], stdin: Path | None = None, cpu: str = "") -> float:
    """Wall seconds of one process (its user+system CPU seconds go to ``CPU[cpu]``)."""
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open("/dev/null", "rb") as source:
        child = subprocess.Popen(command, stdin=source, stdout=subprocess.DEVNULL, env=ENV or None)
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    if cpu:
        CPU.setdefault(cpu, []).append(usage.ru_utime + usage.ru_stime)
    return elapsed


def claim_lines(folder: Path, out: Path) -> Path:
    """Every claim's text, one per line, as fzf would be given them."""
    lines = out / f"claims-{folder.parent.name}.txt"
    with open(lines, "w", encoding="utf-8") as handle:
        subprocess.run(
            [*factcheck(), "claims", "--corpus", str(folder)],
            stdout=handle,
            check=True,
            text=True,
        )
    text = lines.read_text(encoding="utf-8")
    lines.write_text("".join(row.split("\t", 5)[-1] + "\n" for row in text.splitlines()), "utf-8")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    fzf = shutil.which("fzf")
    use_cache_in(args.out / "cache")
    ENV.update(child_env(args.out))
    folder = corpus_for(args.out, args.articles)
    lines = claim_lines(folder, args.out)
    claims = sum(1 for _ in lines.open(encoding="utf-8"))
    base = factcheck()
    corpus = ["--corpus", str(folder)]
    similar_ref = f"{sorted(folder.glob('*.txt'))[3].stem}:5"

    clear_our_cache()
    cold_load = timed([*base, "claims", *corpus])  # fills the claims cache only
    cold_index = timed([*base, "search", QUERIES[0], *corpus])
    timed([*base, "similar", similar_ref, *corpus])
    results: dict[str, list[float]] = {"search": [], "similar": [], "fzf": []}
    for n in range(args.repeat):
        query = QUERIES[n % len(QUERIES)]
        if fzf:
            results["fzf"].append(timed([fzf, "--filter", query], stdin=lines, cpu="fzf"))
        results["search"].append(timed([*base, "search", query, *corpus], cpu="search"))
        results["similar"].append(timed([*base, "similar", similar_ref, *corpus], cpu="similar"))

    print(f"{args.articles} articles, {claims} claims, {args.repeat} runs each (median wall s)")
    print(
        f"  cold: claims (segmenting) {cold_load:.2f} s, then search building the index "
        f"{cold_index:.2f} s"
    )
    search = statistics.median(results["search"])
    similar = statistics.median(results["similar"])

    def cpu(name: str) -> str:
        return f"cpu {statistics.median(CPU[name]):.3f} s"

    print(
        f"  factcheck search  {search:.3f} s   (min {min(results['search']):.3f}; {cpu('search')})"
    )
    print(
        f"  factcheck similar {similar:.3f} s   (min {min(results['similar']):.3f}; "
        f"{cpu('similar')})"
    )
    if fzf:
        reference = statistics.median(results["fzf"])
        print(
            f"  fzf --filter      {reference:.3f} s   (min {min(results['fzf']):.3f}; {cpu('fzf')})"
        )
        print(f"  search / fzf = {search / reference:.2f}x (target <= 0.5x, goal <= 0.25x)")
    else:
        print("  fzf is not installed: no ratio (apt-get install fzf)")
    print(f"  similar {'meets' if similar <= 0.5 else 'misses'} the 0.5 s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
