"""Generate a synthetic corpus from the seeds' own lines, for benchmarks.

Each article starts with a heading and is filled to about ``--size`` bytes
with lines (paragraphs, headings, boilerplate) drawn from the five seeds,
shuffled with a fixed seed, so every run writes the same bytes and the text
has the seeds' real quirks (curly quotes, "U.S.", no-break spaces).

    python bench/generate.py OUT_DIR [-n 1000] [--size 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def seed_lines(seeds: Path = SEEDS) -> tuple[list[str], list[str]]:
    """The seeds' non-blank lines, split into (short heading-like lines, the rest)."""
    headings: list[str] = []
    paragraphs: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            short = len(line.split()) <= 12 and not line.endswith((".", "?", "!", "”", '"'))
            (headings if short else paragraphs).append(line)
    return headings, paragraphs


def article(rng: random.Random, headings: list[str], paragraphs: list[str], size: int) -> str:
    """One article of at least ``size`` UTF-8 bytes: a heading, then shuffled lines."""
    parts = [rng.choice(headings)]
    length = len(parts[0].encode("utf-8"))
    pool = paragraphs[:]
    rng.shuffle(pool)
    i = 0
    while length < size:
        if i == len(pool):
            rng.shuffle(pool)
            i = 0
        line = pool[i] if rng.random() > 0.08 else rng.choice(headings)
        i += 1
        parts.append(line)
        length += len(line.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def generate(out: Path, count: int, size: int = 10_000, seed: int = 1) -> list[Path]:
    """Write ``count`` articles into ``out`` (created if missing); return their paths."""
    headings, paragraphs = seed_lines()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        path = out / f"{n:05d}_synthetic.txt"
        path.write_text(article(rng, headings, paragraphs, size), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of articles")
    parser.add_argument("--size", type=int, default=10_000, help="bytes per article (about)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.count, args.size, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles, {total / 1_048_576:.1f} MB, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
