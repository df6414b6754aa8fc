"""Evaluate ``differs``: are the details it names the ones two claims disagree on?

``similar``'s inspector line ("001 says 14 where this says 12"), the Markdown
export's "Conflicting details" and ``compare`` all show the discrepancies of a
pair. A false one (two reports naming different people for one fact: "a
spokesman" / "Mr X told Reuters") sends a fact-checker after a conflict that is
not there; a missed one hides the detail they care most about.

The labelled set (``bench/data/differs_pairs.tsv``, written for this project)
holds claim pairs about one story and, for each, the details in which they
disagree: a changed figure, date, name or polarity, in copies and in rewrites,
and pairs with none (a name, a source or a figure only one side gives; two
spellings of one name). A found discrepancy counts as right when a labelled one
has its kind and each side's value contains the other's (case and punctuation
aside: "Barbara Comstock" for "Comstock"). Precision and recall per kind and
overall; the pairs are split in two halves by a hash of their first claim
(``--part``): change the rules looking at ``tune``, report ``test``.

    python bench/differs_eval.py [--part tune|test|all] [--show]
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.core.corpus import Corpus, load_corpus  # noqa: E402
from tui.core.search import SearchIndex  # noqa: E402
from tui.core.similar import matcher_for  # noqa: E402

PAIRS = REPO / "bench" / "data" / "differs_pairs.tsv"
sys.path.insert(0, str(REPO / "bench"))
from similar_eval import document  # noqa: E402

Detail = tuple[str, str, str]
"""(kind, here, there)."""


@dataclass(frozen=True)
class Labelled:
    a: str
    b: str
    details: tuple[Detail, ...]
    part: str


def read_pairs(path: Path = PAIRS) -> list[Labelled]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, labelled = line.split("\t")
        details: list[Detail] = []
        if labelled.strip() != "-":
            for item in labelled.split(" ; "):
                kind, values = item.split(":", 1)
                here, there = values.split("|")
                details.append((kind.strip(), here, there))
        part = "tune" if zlib.crc32(a.encode()) % 2 == 0 else "test"
        pairs.append(Labelled(a, b, tuple(details), part))
    return pairs


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).strip()


def _same_value(x: str, y: str) -> bool:
    x, y = _fold(x), _fold(y)
    return bool(x and y) and (x in y or y in x)


def agrees(found: Detail, labelled: Detail) -> bool:
    return (
        found[0] == labelled[0]
        and _same_value(found[1], labelled[1])
        and _same_value(found[2], labelled[2])
    )


@dataclass
class Tally:
    right: Counter[str]
    found: Counter[str]
    labelled: Counter[str]


def evaluate(pairs: list[Labelled], part: str, show: bool = False) -> Tally:
    seeds = load_corpus([REPO / "seeds"])
    extra = document("pairs", [t for p in pairs for t in (p.a, p.b)])
    index = SearchIndex.build(Corpus([*seeds.documents, extra]))
    matcher = matcher_for(index)
    tally = Tally(Counter(), Counter(), Counter())
    for pair in pairs:
        if part != "all" and pair.part != part:
            continue
        found = [(d.kind, d.here, d.there) for d in matcher.compare(pair.a, pair.b).differs]
        left = list(pair.details)
        wrong = []
        for detail in found:
            tally.found[detail[0]] += 1
            hit = next((x for x in left if agrees(detail, x)), None)
            if hit is None:
                wrong.append(detail)
            else:
                left.remove(hit)
                tally.right[detail[0]] += 1
        for detail in pair.details:
            tally.labelled[detail[0]] += 1
        if show and (wrong or left):
            print(f"- {pair.a}\n  {pair.b}")
            for detail in wrong:
                print(f"    false:  {detail}")
            for detail in left:
                print(f"    missed: {detail}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="test", choices=["tune", "test", "all"])
    parser.add_argument("--show", action="store_true", help="print each false and missed one")
    args = parser.parse_args(argv)
    pairs = read_pairs()
    chosen = [p for p in pairs if args.part == "all" or p.part == args.part]
    with_details = sum(bool(p.details) for p in chosen)
    print(
        f"{len(chosen)} pairs in part {args.part} ({with_details} with discrepancies, "
        f"{len(chosen) - with_details} with none)"
    )
    tally = evaluate(pairs, args.part, args.show)
    kinds = sorted(set(tally.found) | set(tally.labelled))
    print(f"{'kind':10} {'found':>5} {'right':>5} {'labelled':>8} {'precision':>9} {'recall':>6}")
    for kind in [*kinds, "all"]:
        if kind == "all":
            right, found, labelled = (sum(c.values()) for c in tally.__dict__.values())
        else:
            right, found, labelled = tally.right[kind], tally.found[kind], tally.labelled[kind]
        precision = f"{right / found:.3f}" if found else "-"
        recall = f"{right / labelled:.3f}" if labelled else "-"
        print(f"{kind:10} {found:5} {right:5} {labelled:8} {precision:>9} {recall:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
