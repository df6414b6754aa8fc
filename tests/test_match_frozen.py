"""The matcher reads and scores as frozen: a faster path must give the same answers.

``tests/expected/match.txt`` holds, per source of texts, a digest of every
reading (tokens and normal form, with the shipped alias table and without one)
and of every comparison (score, band, discrepancies) as the code of commit
a6b73d8 made them. A change meant to move them (a better model, a new feature)
writes new digests, and says so in its commit:

    python tests/test_match_frozen.py --write
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from segment_texts import SHARED, _seed_paragraphs, fuzz_text, mutant_text

from tui.core.compare import compare_documents
from tui.core.match import Matcher, load_aliases
from tui.core.match.matcher import idf_from_counts
from tui.core.match.tokens import read
from tui.core.normalize import terms

EXPECTED = Path(__file__).with_name("expected") / "match.txt"
REPO = Path(__file__).resolve().parent.parent
COUNT = 300


def sentences() -> Iterator[tuple[str, list[str]]]:
    """``(source, texts)``: seed lines, fuzz lines, mutated seed lines, our labelled pairs'
    sentences, and MSRP's where the shared data is."""
    paragraphs = _seed_paragraphs()
    yield "seed", paragraphs
    yield "fuzz", [line for n in range(COUNT) for line in fuzz_text(n).splitlines() if line]
    yield "mutant", [mutant_text(n, paragraphs) for n in range(COUNT)]
    own = REPO / "bench" / "data" / "similar_pairs.tsv"
    rows = [line.split("\t") for line in own.read_text(encoding="utf-8").splitlines()]
    yield "own", [text for row in rows if len(row) == 3 for text in row[1:]]
    msrp = SHARED / "msrp_train.txt"
    if msrp.exists():
        lines = msrp.read_text(encoding="utf-8-sig").splitlines()[1:]
        yield "msrp", [s for line in lines[:1500] for s in line.split("\t")[3:5]]


def _matcher(texts: list[str]) -> Matcher:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(terms(text)))
    return Matcher(idf_from_counts(df.__getitem__, len(texts)), load_aliases())


def digests() -> dict[str, str]:
    made: dict[str, str] = {}
    aliases = load_aliases()
    for source, texts in sentences():
        readings = hashlib.sha1()
        for text in texts:
            for table in (aliases, None):
                reading = read(text, table)
                readings.update(f"{text}\n{reading.tokens!r}\n{reading.normal!r}\n".encode())
        made[f"{source}-read"] = readings.hexdigest()
        matcher = _matcher(texts)
        matches = hashlib.sha1()
        # Each text against the next (MSRP and our pairs: a pair's two sentences), both ways.
        for first, second in pairwise(texts):
            for a, b in ((first, second), (second, first)):
                m = matcher.compare(a, b)
                differs = [(d.kind, d.here, d.there) for d in m.differs]
                overlap = matcher.overlap(a, b)
                matches.update(f"{m.score!r} {m.band} {differs!r} {overlap!r}\n".encode())
        made[f"{source}-match"] = matches.hexdigest()
    made["compare"] = _compared()
    return made


def _compared() -> str:
    """Two versions of a 400-claim article (``bench/compare.py``'s), aligned."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from compare import versions
        from similar_eval import document
    finally:
        sys.path.remove(str(REPO / "bench"))
    rows = hashlib.sha1()
    for share in (0.2, 0.95):
        a, b = versions(400, share)
        for row in compare_documents(document("a", a), document("b", b)):
            differs = [(d.kind, d.here, d.there) for d in row.differs]
            ids = (row.a and row.a.index, row.b and row.b.index)
            rows.update(f"{row.status} {ids} {row.score!r} {row.changes!r} {differs!r}\n".encode())
    return rows.hexdigest()


def expected() -> dict[str, str]:
    lines = EXPECTED.read_text(encoding="utf-8").split("\n")
    return dict(line.split(" ") for line in lines if line and not line.startswith("#"))


def test_readings_and_matches_are_as_frozen() -> None:
    got = digests()
    assert {"seed-read", "fuzz-match", "own-match"} <= set(got)
    want = expected()
    # The shared data set is on the project's machine only: checked where it is.
    assert got == {kind: want[kind] for kind in got}


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        lines = [f"{kind} {digest}" for kind, digest in digests().items()]
        header = "# tests/test_match_frozen.py: python tests/test_match_frozen.py --write\n"
        EXPECTED.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
