"""Texts to hold the segmentation to: the same bytes every run, for frozen claims.

Claim boundaries and ids must never move (annotations are anchored to them),
so a change to ``segment.py``, ``blocks.py`` or ``claims.py`` is checked
against what the code gave before on many texts: ``tests/test_segment_frozen.py``
(digests kept in ``tests/expected/``) and ``bench/same_segments.py`` (any
number of texts, against any older commit). The sources:

* ``seed``: the five seeds;
* ``article``: synthetic articles of the seeds' lines (``bench/generate.py``);
* ``fuzz``: tokens chosen to reach every repair (initialisms, quotes, lists,
  ellipses, numbers, "No. 5", crowded stops, no-break spaces …) in random
  order and spacing, over several lines;
* ``mutant``: seed paragraphs with fuzz tokens spliced in;
* ``hard``: the hard cases and known limits of ``tests/test_segment.py``;
* ``shared``: real sentences from ``/work/shared/data`` (debates and news),
  run together into paragraphs, when that folder is there.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/data")

_TOKENS = (
    "the said he she It They U.S. U.S. N.A.T.O. U.K. Mr. Dr. Sen. St. e.g. i.e. etc. vs. "
    "approx. No. no. p. pp. vol. Fig. art. 5 553. 3.5 1,700.34 2. 3) a. b) (1) • – - * "
    "I I. OS. NASA. Yahoo! ? ! . ... … . . . . “ ” \" ' ’ ‘ ( ) [ ] — : ; , "
    "However Instead The But And Then Did In A Washington Serbia Vučić Kosovo "
    "https://example.org/a.b www.x.org a@b.co 10 p.m. Jan. Inc. Ltd. Co. Gov. "
    "Go. No! Yes. Ok? Hm. Why? So. Aye. cold. noon By Stop. Think. Vote,"
).split()
_SEPARATORS = (" ",) * 12 + ("  ", "\u00a0", "\t", "\n", "\n\n", ". ", "? ", "! ", ", ")
_GLUE = (".", "!", "?", "”", '"', ")", ".”", '."', ".)", ",", ":")


def _words(rng: random.Random, count: int) -> str:
    parts: list[str] = []
    for _ in range(count):
        token = rng.choice(_TOKENS)
        if rng.random() < 0.15:
            token += rng.choice(_GLUE)
        if rng.random() < 0.1:
            token = token.upper() if rng.random() < 0.5 else token.capitalize()
        parts.append(token + rng.choice(_SEPARATORS))
    return "".join(parts)


def _list_paragraph(rng: random.Random) -> str:
    style = rng.choice(("{}) ", "{}. ", "• {}. ", "- {}) ", "{}.) "))
    first = rng.choice(("1", "a", "A", "7"))
    items = []
    value = first
    for _ in range(rng.randint(2, 6)):
        items.append(style.format(value) + _words(rng, rng.randint(1, 12)))
        value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
        if rng.random() < 0.1:
            value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
    return rng.choice((" ", "\n", "  ")).join(items)


def fuzz_text(seed: int) -> str:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.15:
            paragraphs.append(_list_paragraph(rng))
        elif roll < 0.2:  # crowded: stops every few characters
            paragraphs.append(
                " ".join(rng.choice(_TOKENS[-12:]) for _ in range(rng.randint(5, 60)))
            )
        else:
            paragraphs.append(_words(rng, rng.randint(1, 60)))
    return rng.choice(("\n", "\n\n", "\r\n", "\n \n")).join(paragraphs)


def _seed_paragraphs() -> list[str]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import seed_lines
    finally:
        sys.path.remove(str(REPO / "bench"))
    headings, paragraphs = seed_lines(REPO / "seeds")
    return paragraphs + headings


def mutant_text(seed: int, paragraphs: list[str]) -> str:
    rng = random.Random(seed)
    words = rng.choice(paragraphs).split(" ")
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(words) + 1)
        words[at:at] = [_words(rng, rng.randint(1, 4)).strip()]
    return " ".join(words)


def articles(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import article, seed_lines
    finally:
        sys.path.remove(str(REPO / "bench"))
    headings, paragraphs = seed_lines(REPO / "seeds")
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        size = rng.choice((500, 3_000, 10_000, 30_000))
        yield f"article-{seed}-{n}", article(rng, headings, paragraphs, size)


def shared_texts(count: int) -> Iterator[tuple[str, str]]:
    """Paragraphs of real sentences: debate lines by speaker turn, news sentences in threes."""
    if not SHARED.is_dir():
        return
    made = 0
    for path in sorted((SHARED / "clef2019_train").glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        turns: list[list[str]] = []
        speaker = None
        for row in rows:
            if len(row) < 3:
                continue
            if row[1] != speaker:
                turns.append([])
                speaker = row[1]
            turns[-1].append(row[2])
        for start in range(0, len(turns), 20):
            yield (
                f"clef-{path.stem}-{start}",
                "\n\n".join(" ".join(t) for t in turns[start : start + 20]),
            )
            made += 1
            if made >= count:
                break
        if made >= count:
            break
    made = 0
    msrp = SHARED / "msrp_train.txt"
    if msrp.exists():
        lines = msrp.read_text(encoding="utf-8-sig").splitlines()[1:]
        sentences = [s for line in lines for s in line.split("\t")[3:5]]
        for start in range(0, len(sentences), 30):
            chunk = sentences[start : start + 30]
            yield f"msrp-{start}", "\n\n".join(" ".join(chunk[i : i + 3]) for i in range(0, 30, 3))
            made += 1
            if made >= count:
                return


def hard_texts() -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(REPO / "tests"))
    from test_segment import HARD_CASES, KNOWN_LIMITS

    for n, (_, text, _) in enumerate(HARD_CASES + KNOWN_LIMITS):
        yield f"hard-{n}", text


def texts(count: int = 1000, *, hard: bool = True) -> Iterator[tuple[str, str]]:
    """``(name, text)`` from every source: about ``count`` of each generated kind."""
    for path in sorted((REPO / "seeds").glob("*.txt")):
        yield f"seed-{path.stem}", path.read_text(encoding="utf-8-sig")
    if hard:  # not frozen: the cases grow with the tests
        yield from hard_texts()
    yield from articles(max(count // 10, 1))
    for n in range(count):
        yield f"fuzz-{n}", fuzz_text(n)
    paragraphs = _seed_paragraphs()
    for n in range(count):
        yield f"mutant-{n}", mutant_text(n, paragraphs)
    yield from shared_texts(count)
