"""Check-worthiness ranking quality: mean average precision on CLEF 2019 CheckThat! Task 1.

    python bench/checkworthy.py [--data ../shared/data/clef2019_train] [--split tune|report|all]
                                [--speed N]

The set: 19 US political debates and speeches, one sentence a line, 2.7 %
judged check-worthy by fact-checkers. Per file, the sentences are ranked by
score and the average precision of the check-worthy ones is taken; MAP is
the mean over files. Published on the test part: random 0.025, TF-IDF+SVM
baseline 0.121, best 2019 system 0.166.

The cue weights (tui/core/checkworthy.py) were set by looking at the
*tune* files only (every other file in name order, starting with the
first); the figures to quote are on the *report* files. The learned model is
scored leave-one-file-out: for each file it is trained on the 18 others and
never on the file it ranks. Nothing learned here is kept: the set's licence
allows research use, not redistribution.

``--speed N`` also times scoring every claim of N generated articles
(bench/generate.py), against a bare pass over the same texts in the same run.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.core.checkworthy import cue_logit, cues_of  # noqa: E402
from tui.core.checkworthy_model import train  # noqa: E402

DEFAULT_DATA = REPO.parent.parent / "shared" / "data" / "clef2019_train"
if not DEFAULT_DATA.is_dir():
    DEFAULT_DATA = Path("/work/shared/data/clef2019_train")

Sentences = list[tuple[str, bool]]


def read_set(folder: Path) -> dict[str, Sentences]:
    files = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            files[path.stem] = [(row[2], row[3].strip() == "1") for row in rows if len(row) >= 4]
    return files


def split(names: list[str]) -> tuple[list[str], list[str]]:
    """Tune on every other file (from the first), report on the rest."""
    return names[0::2], names[1::2]


def average_precision(scores: list[float], truth: list[bool]) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits = 0
    total = 0.0
    for rank, i in enumerate(order, 1):
        if truth[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def map_of(files: dict[str, Sentences], names: list[str], score_file) -> float:
    values = []
    for name in names:
        sentences = files[name]
        scores = score_file(name, [text for text, _ in sentences])
        values.append(average_precision(scores, [y for _, y in sentences]))
    return statistics.fmean(values)


def cue_scores(_name: str, texts: list[str]) -> list[float]:
    return [cue_logit(cues_of(text)) for text in texts]


def random_map(files: dict[str, Sentences], names: list[str], rounds: int = 20) -> float:
    rng = random.Random(1)
    return statistics.fmean(
        map_of(files, names, lambda _n, texts: [rng.random() for _ in texts]) for _ in range(rounds)
    )


def leave_one_file_out(files: dict[str, Sentences]):
    """A scorer that, for each file, trains on every other file only."""
    timings: list[float] = []

    def score(name: str, texts: list[str]) -> list[float]:
        examples = [pair for other, rows in files.items() if other != name for pair in rows]
        started = time.perf_counter()
        model = train(examples)
        timings.append(time.perf_counter() - started)
        return [model.logit(text) for text in texts]

    return score, timings


def speed(articles: int) -> None:
    from bench.generate import main as generate
    from tui.core.corpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        generate([tmp, "-n", str(articles)])
        texts = [claim.text for doc in load_corpus([Path(tmp)]) for claim in doc.claims]
    from tui.core.checkworthy import checkworthiness

    runs = []
    for _ in range(5):
        started, cpu = time.perf_counter(), time.process_time()
        bare = [text.lower().split() for text in texts]
        baseline = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        scored = [checkworthiness(text).score for text in texts]
        runs.append(((time.perf_counter() - started, time.process_time() - cpu), baseline))
    (wall, cpu), (base_wall, base_cpu) = min(runs)
    print(
        f"speed: {len(texts):,} claims of {articles:,} articles scored in {wall:.3f} s "
        f"({cpu:.3f} s CPU; {1e6 * wall / len(texts):.1f} µs a claim); lower-casing and "
        f"splitting the same texts alone {base_wall:.3f} s ({base_cpu:.3f} s CPU): "
        f"ratio {wall / base_wall:.1f}×; {sum(map(len, bare)):,} words, mean score "
        f"{statistics.fmean(scored):.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--no-model", action="store_true", help="cues only (fast)")
    parser.add_argument("--speed", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.speed:
        speed(args.speed)
    if not args.data.is_dir():
        print(f"skipped: no labelled set at {args.data}")
        return 0
    files = read_set(args.data)
    tune, report = split(sorted(files))
    names = {"tune": tune, "report": report, "all": sorted(files)}[args.split]
    positives = sum(y for name in names for _, y in files[name])
    sentences = sum(len(files[name]) for name in names)
    print(
        f"{args.split} files: {len(names)} ({sentences:,} sentences, {positives} check-worthy); "
        f"MAP, higher is better"
    )
    print(f"  random                      {random_map(files, names):.3f}   (published: 0.025)")
    print("  TF-IDF + SVM (published)    0.121")
    print(f"  cues alone                  {map_of(files, names, cue_scores):.3f}")
    if not args.no_model:
        scorer, timings = leave_one_file_out(files)
        learned = map_of(files, names, scorer)
        print(
            f"  cues + model, leave-one-file-out {learned:.3f}   "
            f"(trained in {statistics.fmean(timings):.2f} s on ~{sentences_other(files, names)} "
            f"sentences)"
        )
    return 0


def sentences_other(files: dict[str, Sentences], names: list[str]) -> str:
    total = sum(len(rows) for rows in files.values())
    return f"{total - statistics.fmean(len(files[n]) for n in names):,.0f}"


if __name__ == "__main__":
    raise SystemExit(main())
