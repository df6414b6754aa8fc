"""``factcheck stats`` with three analysts against one, on 1,000 articles.

The same 1,000-article corpus (bench/generate.py) is given two annotation
folders: one analyst with 1,000 tags, and three analysts with 1,000 tags each
(the same claims for the most part, with disagreements, plus claims only one
of them tagged), written as each analyst's own files. ``factcheck stats`` runs
in a fresh process on each, warm (claims cache filled), alternating, best of
``--repeat``; the ratio is team / single, measured in the same run.

    python bench/team_stats.py [--articles 1000] [--repeat 5] [--out bench/out]

Target (issue 10): the ratio is at most 1.5.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from load import corpus_for, use_cache_in  # noqa: E402

from tui.core.analyst import analyst_slug  # noqa: E402
from tui.core.corpus import load_corpus  # noqa: E402
from tui.core.model import LABELS  # noqa: E402
from tui.core.records import AnnotationFile  # noqa: E402
from tui.core.store import AnnotationStore  # noqa: E402

ANALYSTS = ("Ann Alpha", "Bob Beta", "Cy Gamma")


def write_tags(corpus: Path, folder: Path, analysts: tuple[str, ...], per_analyst: int) -> int:
    """Each analyst tags ``per_analyst`` claims spread over the corpus; return all tags."""
    shutil.rmtree(folder, ignore_errors=True)
    docs = [doc for doc in load_corpus([corpus]) if doc.claims]
    total = 0
    for k, analyst in enumerate(analysts):
        rng = random.Random(7 + k)
        store = AnnotationStore(folder, analyst=analyst)
        chosen: dict[str, list] = {}
        for n in range(per_analyst):
            doc = docs[n % len(docs)]
            # Mostly the claims everyone tags; one in five is this analyst's own pick.
            index = (n // len(docs)) * 3 if rng.random() < 0.8 else rng.randrange(len(doc.claims))
            claim = doc.claims[min(index, len(doc.claims) - 1)]
            label = LABELS[(n + (k if rng.random() < 0.25 else 0)) % len(LABELS)]
            chosen.setdefault(doc.id, []).append(store.make_record(claim, label, note=f"n{n}"))
        for doc in docs:
            records = {r.key: r for r in chosen.get(doc.id, [])}
            if not records:
                continue
            path = folder / analyst_slug(analyst) / f"{doc.id}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            stored = AnnotationFile(
                doc.path.name, doc.sha256, list(records.values()), analyst=analyst
            )
            path.write_text(stored.dumps(), encoding="utf-8")
            total += len(records)
    return total


def time_stats(corpus: Path, annotations: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "stats", "--corpus", str(corpus), "--annotations",
         str(annotations)],
        check=True, stdout=subprocess.DEVNULL, cwd=HERE.parent,
    )  # fmt: skip
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-analyst", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    use_cache_in(args.out / "cache")
    corpus = corpus_for(args.out, args.articles)
    single = corpus.parent / "annotations-single"
    team = corpus.parent / "annotations-team"
    single_tags = write_tags(corpus, single, ANALYSTS[:1], args.per_analyst)
    team_tags = write_tags(corpus, team, ANALYSTS, args.per_analyst)
    time_stats(corpus, single)  # fill the claims cache
    times: dict[Path, list[float]] = {single: [], team: []}
    for _ in range(args.repeat):
        for folder in (single, team):
            times[folder].append(time_stats(corpus, folder))
    one, three = min(times[single]), min(times[team])
    print(f"factcheck stats, {args.articles} articles, warm, best of {args.repeat}:")
    print(f"  1 analyst,  {single_tags:>5} tags: {one:.2f} s")
    print(f"  3 analysts, {team_tags:>5} tags: {three:.2f} s")
    print(f"  ratio team / single: {three / one:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
