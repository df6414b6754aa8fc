"""``factcheck export`` in every format, against the Markdown export, in one run.

The 1,000-article corpus of bench/generate.py (or the seeds, ``--seeds``) with
three analysts' tags (bench/team_stats.py writes them). Each format is run in
a fresh process, warm (claims cache filled), alternating, best of
``--repeat``; the ratio of each format to Markdown is measured in the same run.

    python bench/export.py [--articles 1000] [--per-analyst 1000] [--repeat 3] [--seeds]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from load import corpus_for, use_cache_in  # noqa: E402
from team_stats import ANALYSTS, write_tags  # noqa: E402

from tui.core.export import FORMATS  # noqa: E402


def time_export(corpus: Path, annotations: Path, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", fmt, "--corpus", str(corpus),
         "--annotations", str(annotations)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent,
    )  # fmt: skip
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-analyst", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seeds", action="store_true", help="the five seeds instead")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    use_cache_in(args.out / "cache")
    corpus = HERE.parent / "seeds" if args.seeds else corpus_for(args.out, args.articles)
    name = "seeds" if args.seeds else str(args.articles)
    annotations = args.out / f"export-{name}" / "annotations"
    tags = write_tags(corpus, annotations, ANALYSTS, args.per_analyst)
    time_export(corpus, annotations, "csv")  # fill the claims cache
    times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
    for _ in range(args.repeat):
        for fmt in FORMATS:
            times[fmt].append(time_export(corpus, annotations, fmt))
    base = min(times["markdown"])
    print(f"factcheck export, {name} corpus, {tags} tags by 3 analysts, best of {args.repeat}:")
    for fmt in FORMATS:
        best = min(times[fmt])
        print(f"  {fmt:<14} {best:6.2f} s   ratio to markdown {best / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
