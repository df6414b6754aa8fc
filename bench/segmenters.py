"""Compare sentence segmenters on the seeds (speed) and on the hard cases (quality).

Each segmenter splits every paragraph of the five seeds, as the corpus
loader does, and the best of several rounds is kept. Quality is the number of
hard cases of ``tests/test_segment.py`` (abbreviations, initials, quotes,
lists, ellipses, URLs, e-mails, …) and of its known limits (which no
segmenter measured passes) whose sentences come out exactly as expected.
A segmenter that is not installed is skipped.

    python bench/segmenters.py [--rounds 5] [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from test_segment import HARD_CASES, KNOWN_LIMITS  # noqa: E402

from tui.core.blocks import BlockKind, split_blocks  # noqa: E402
from tui.core.text import decode  # noqa: E402

Splitter = Callable[[str], list[str]]
CASES = HARD_CASES + KNOWN_LIMITS


def ours() -> Splitter:
    from tui.core.segment import sentence_spans

    return lambda text: [text[a:b] for a, b in sentence_spans(text)]


def nupunkt_alone() -> Splitter:
    import nupunkt

    return lambda text: [text[a:b] for a, b in nupunkt.sent_spans(text)]


def pysbd_() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return segmenter.segment


def syntok_() -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        return [
            text[sentence[0].offset : sentence[-1].offset + len(sentence[-1].value)]
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]

    return split


def blingfire_() -> Splitter:
    import blingfire

    return lambda text: blingfire.text_to_sentences(text).split("\n")


_NAIVE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")


def naive() -> Splitter:
    def split(text: str) -> list[str]:
        pieces, start = [], 0
        for match in _NAIVE.finditer(text):
            pieces.append(text[start : match.start()])
            start = match.start()
        pieces.append(text[start:])
        return pieces

    return split


SEGMENTERS: dict[str, Callable[[], Splitter]] = {
    "ours (nupunkt + repairs)": ours,
    "nupunkt alone": nupunkt_alone,
    "pysbd": pysbd_,
    "syntok": syntok_,
    "blingfire": blingfire_,
    "naive regex": naive,
}


def seed_paragraphs() -> tuple[list[str], int]:
    paragraphs, size = [], 0
    for path in sorted((REPO / "seeds").glob("*.txt")):
        data = path.read_bytes()
        size += len(data)
        text = decode(data, path.name).text
        paragraphs += [
            text[b.start : b.end] for b in split_blocks(text) if b.kind is BlockKind.PARAGRAPH
        ]
    return paragraphs, size


def time_it(split: Splitter, paragraphs: list[str], rounds: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = sum(len(split(p)) for p in paragraphs)
        best = min(best, time.perf_counter() - start)
    return best, count


def failures(split: Splitter) -> list[str]:
    failed = []
    for i, (kind, text, expected) in enumerate(CASES):
        got = [s.strip() for s in split(text) if s.strip()]
        if got != expected:
            failed.append(f"{kind}-{i}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (best is kept)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the failed cases")
    args = parser.parse_args(argv)
    paragraphs, size = seed_paragraphs()
    total = len(CASES)
    print(f"seeds: {size / 1000:.0f} KB, {len(paragraphs)} paragraphs; hard cases: {total}\n")
    print(f"{'segmenter':<26} {'seeds ms':>9} {'10 MB s':>8} {'sentences':>9} {'hard cases':>11}")
    details = []
    for name, make in SEGMENTERS.items():
        try:
            split = make()
        except ImportError:
            print(f"{name:<26} {'(not installed: skipped)':>40}")
            continue
        split("Warm up. Done.")
        seconds, count = time_it(split, paragraphs, args.rounds)
        failed = failures(split)
        per_10mb = seconds * 10_000_000 / size
        print(
            f"{name:<26} {seconds * 1000:>9.1f} {per_10mb:>8.1f} {count:>9} "
            f"{total - len(failed):>5}/{total:<5}"
        )
        details.append((name, failed))
    if args.verbose:
        print()
        for name, failed in details:
            print(f"{name}: fails {', '.join(failed) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
