"""Words for matching: case, diacritics, quotes and punctuation folded away.

Search and ``similar`` compare *terms*, not raw text: ``Vučić``, ``VUCIC`` and
``vucic`` are one term, ``Serbia’s`` and ``Serbia's`` are both ``serbia`` (a
possessive ``'s`` is dropped), a no-break space separates words like a space,
and ``250,000`` stays one number. The same functions serve the index (fast,
no offsets) and highlighting (offsets into the original text), so a word the
index matched is always a word the reader can highlight.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Letters NFKD does not decompose, and quote marks folded to their ASCII form.
_FOLD = str.maketrans(
    {
        "đ": "d",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u2032": "'",  # ′ prime
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)

# A term: a number with inner separators (``250,000``, ``2.6``) or a word,
# which may hold apostrophes (``don't``) but not a possessive ``'s``.
_TERM = re.compile(r"(\d+(?:[.,]\d+)+|\w+(?:'(?!s\b)\w+)*)(?:'s\b)?")
# Hyphenated compounds, also indexed joined: ``de-escalate`` finds ``deescalate``.
# Possessive runs from a word's start: the same matches as ``\w+(?:-\w+)+``, which tried
# every letter of every word as a start and backtracked through it (3.4x slower on claims).
_COMPOUND = re.compile(r"\b\w++(?:-\w++)+")


class _FoldedChars(dict[str, str]):
    """Each non-ASCII character folded once: NFKD, marks dropped, case-folded, mapped."""

    def __missing__(self, char: str) -> str:
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", char)).casefold()
        folded = folded.translate(_FOLD)
        self[char] = folded
        return folded


_FOLDED = _FoldedChars()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Case-fold, strip diacritics and fold quotes, hyphens and no-break spaces.

    News text is mostly ASCII with a few curly quotes and accented names, so
    only the non-ASCII characters are folded, one by one from a cache (3.5x
    faster than normalising whole sentences). The result may differ in length
    from ``text``; use :func:`term_spans` for offsets.
    """
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_char, text).lower()


def terms(text: str) -> list[str]:
    """The terms of ``text`` in order (what phrases are matched against)."""
    return _TERM.findall(fold(text))


def compounds(text: str) -> list[str]:
    """Hyphenated compounds of ``text`` joined into one term (``deescalate``)."""
    folded = fold(text)
    if "-" not in folded:
        return []
    return [match.replace("-", "") for match in _COMPOUND.findall(folded)]


def index_terms(text: str) -> set[str]:
    """Every distinct term an index should hold for ``text``."""
    folded = fold(text)
    found = set(_TERM.findall(folded))
    if "-" in folded:
        found.update(match.replace("-", "") for match in _COMPOUND.findall(folded))
    return found


def term_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """``(term, start, end)`` for each term of ``text``, offsets into ``text``.

    The terms are exactly :func:`terms` (then the joined compounds, spanning
    the whole hyphenated word): ``text`` is folded the same way, remembering
    which original character each folded character came from.
    """
    folded, origin = _fold_with_origin(text)
    for match in _TERM.finditer(folded):
        start, end = match.span(1)
        yield match.group(1), origin(start), origin(end - 1) + 1
    if "-" in folded:
        for match in _COMPOUND.finditer(folded):
            start, end = match.span()
            yield match.group().replace("-", ""), origin(start), origin(end - 1) + 1


def _fold_with_origin(text: str) -> tuple[str, Callable[[int], int]]:
    """``fold(text)`` and a map from its offsets to offsets in ``text``."""
    if text.isascii():  # folding is lowercasing: offsets do not move
        return text.lower(), int
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for match in _NON_ASCII.finditer(text):
        at = match.start()
        if at > done:
            pieces.append(text[done:at].lower())
            origin.extend(range(done, at))
        folded = _FOLDED[match.group()]
        pieces.append(folded)
        origin.extend([at] * len(folded))
        done = at + 1
    pieces.append(text[done:].lower())
    origin.extend(range(done, len(text)))
    return "".join(pieces), origin.__getitem__


def max_edits(word: str) -> int:
    """Typos tolerated in a query word: none up to 3 letters, 1 up to 7, then 2."""
    n = len(word)
    if n <= 3:
        return 0
    return 1 if n <= 7 else 2


STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever few
    for from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less like many may me might more most much must my
    myself no nor not now of off on once one only or other our ours ourselves out over own per
    quite rather really s said same say says she should since so some such than that the their
    theirs them themselves then there these they this those though through thus to too under
    until up upon us very was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves
    """.split()
)
"""Function words (and "said", "says"): they carry no fact, so ``similar`` ignores them."""
