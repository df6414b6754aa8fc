"""Hostile texts: time and peak memory of whole processes on articles no newsroom writes.

* ``tiny``: 5 MB of 1.3 million tiny sentences ("Go. No! Yes. Ok?"), in
  lines of a few dozen, as a log or a broken scrape might give;
* ``huge``: a 49 MB article (just under the 50 MB limit) of the seeds'
  paragraphs over and over.

Each runs as a fresh process, cold (the cache emptied first) and warm:
``factcheck claims`` (whole output to /dev/null) and, for the reader's part,
loading the corpus and building the search index in-process as the reader
does. Peak memory is the process's maximum resident set (``ru_maxrss`` from
``wait4``), interpreter included. The cache is kept in ``--out``/cache.

    python bench/hostile.py [--out bench/out] [--only tiny,huge]

Targets (issue 14): tiny ``claims`` <= 5 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import seed_lines  # noqa: E402
from load import clear_our_cache, use_cache_in  # noqa: E402

TINY = ("Go.", "No!", "Yes.", "Ok?", "Hm.", "Why?", "So.", "Aye.")
READER = """
import sys
from tui.core.workspace import open_workspace
from tui.core.search import SearchIndex
workspace = open_workspace([sys.argv[1]])
index = SearchIndex.build(workspace.corpus, workspace.store)
index.search("why not")
"""


def tiny_text(megabytes: float = 5.0, seed: int = 1) -> str:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    lines: list[str] = []
    size = 0
    while size < target:
        line = " ".join(rng.choice(TINY) for _ in range(rng.randint(10, 30)))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def huge_text(megabytes: float = 49.0, seed: int = 1) -> str:
    rng = random.Random(seed)
    headings, paragraphs = seed_lines()
    target = int(megabytes * 1_000_000)
    parts = [headings[0]]
    size = len(parts[0])
    while size < target:
        line = rng.choice(paragraphs) if rng.random() > 0.05 else rng.choice(headings)
        parts.append(line)
        size += len(line.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def corpus(out: Path, name: str) -> Path:
    folder = out / f"hostile-{name}" / "seeds"
    path = folder / f"{name}.txt"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(tiny_text() if name == "tiny" else huge_text(), encoding="utf-8")
    return folder


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--only", default="tiny,huge")
    args = parser.parse_args(argv)
    use_cache_in(args.out / "cache")
    script = Path(sys.executable).with_name("factcheck")
    factcheck = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    print(f"{'text':>5} {'MB':>5} {'what':>22} {'run':>5} {'s':>7} {'peak MB':>8}")
    for name in args.only.split(","):
        folder = corpus(args.out, name)
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1_000_000
        for what, command in (
            ("factcheck claims", [*factcheck, "claims", "--corpus", str(folder)]),
            ("load + search index", [sys.executable, "-c", READER, str(folder)]),
        ):
            clear_our_cache()
            for mode in ("cold", "warm"):
                seconds, peak = run(command)
                print(
                    f"{name:>5} {megabytes:>5.1f} {what:>22} {mode:>5} {seconds:>7.2f} {peak:>8.0f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
