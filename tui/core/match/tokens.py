"""A claim read for matching: content words by stem, quantities, dates, names, negations.

Two reports of one fact rarely use the same words ("signed agreements" /
"signed an agreement", "€1bn" / "1 billion euros", "has not been met"), and
two reports of one topic often do ("Serbia", "Kosovo"). So a claim is read
into *tokens* whose keys are what should match: a word's Snowball stem, a
quantity's value and unit, a date's month and day, a year; function words
are dropped, negators kept as one kind. Each token keeps its surface text and
offsets, so a difference can be named in the claim's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from tui.core.match.aliases import Aliases
from tui.core.normalize import (  # the folding's own tables, for the offsets' fast path
    _COMPOUND,
    _FOLDED,
    _NON_ASCII,
    _TERM,
    STOPWORDS,
    fold,
    term_spans,
)

WORD, NUMBER, PERCENT, YEAR, DATE, NAME, NEGATION = (
    "word",
    "number",
    "percent",
    "year",
    "date",
    "name",
    "negation",
)
QUANTITIES = frozenset({NUMBER, PERCENT})
"""Kinds whose values must agree for two claims to state one fact."""

NEGATORS = frozenset(
    "not no never none nobody nothing neither nor cannot without"
    # Contractions written without their apostrophe, as scraped and wire text often has them
    # ("I dont know" against "I don't know" is one polarity).
    " dont doesnt didnt isnt wasnt arent werent havent hasnt hadnt wont wouldnt couldnt"
    " shouldnt cant mustnt neednt aint".split()
)
_TITLES = frozenset("mr mrs ms messrs dr sen gov rep gen".split())
"""Titles before a name: no content of their own ("Mr. Geoghan" / "Geoghan")."""
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Messrs|Dr|Sen|Gov|Rep|Gen)\.?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_AMBIGUOUS_MONTHS = frozenset({"may", "mar", "jan", "dec"})
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DATE_STARTS = frozenset(_MONTHS) | _WEEKDAYS
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCIES = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "¥": "JPY",
    "yen": "JPY",
}
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_SPECIAL = _DATE_STARTS | frozenset(_UNITS) | NEGATORS
"""Words that may start a date, a quantity or a negation (digits aside)."""
_DIGITS = re.compile(r"(\d+(?:[.,]\d+)*)(st|nd|rd|th|bn|mn|m|k|tn)?$")
_SENTENCE_ENDS = frozenset(".!?:;\"'“”‘’([—–-")
"""A capital after one of these (or at the start) may just begin a sentence or a quote."""

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(term: str) -> str:
    """The Snowball (Porter 2) stem of a folded term (cached: words repeat)."""
    return _stemmer.stemWord(term)


class Token(NamedTuple):
    """One content token (a named tuple: a claim has dozens, and a tuple is built
    several times faster than a frozen dataclass)."""

    key: str
    """What must be equal for two tokens to match (a stem, ``#8%``, ``@8-24``…)."""
    kind: str
    text: str
    """The words as written in the claim."""
    start: int
    end: int
    term: str
    """The folded term whose rarity weighs this token (its content terms, space-separated,
    for an alias written in several words: each side weighs what it wrote)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim as the matcher sees it."""

    tokens: tuple[Token, ...]
    """Content tokens (each key once) and negators, in text order."""
    normal: tuple[str, ...]
    """Every term, function words included: equal for sentences identical but for form."""

    @property
    def negated(self) -> bool:
        return sum(t.kind == NEGATION for t in self.tokens) % 2 == 1


def _number_value(term: str) -> tuple[float, float] | None:
    """(value, scale) of a number term: ``12``, ``2.6``, ``250,000``, ``1bn``, ``eight``."""
    if term in _UNITS:
        return float(_UNITS[term]), 1.0
    match = _DIGITS.match(term)
    if match is None:
        return None
    digits, suffix = match.groups()
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):  # 250,000 and 1,700.34
        digits = digits.replace(",", "")
    elif "," in digits:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    return value, _SCALES.get(suffix or "", 1.0)


def _format(value: float) -> str:
    return f"{value:.6g}"


def read(text: str, aliases: Aliases | None = None) -> Reading:
    """Read ``text`` into tokens, each way of writing an alias as one token."""
    spans = _spans(text)
    normal = tuple(t for t, _, _ in spans)
    heading = _looks_like_heading(text, spans)
    tokens: list[Token] = []
    seen: set[str] = set()
    """Keys taken: each key once (a repeated word states a fact once); every negator kept."""
    i = 0
    n = len(spans)
    skipped, special = _word_sets(aliases)
    while i < n:
        term, start, end = spans[i]
        if term in skipped:
            i += 1
            continue
        if term not in special and not term[0].isdigit() and not term.endswith("n't"):
            # A plain word (most of them): none of the cases below applies.
            i += 1
            if len(term) > 1:
                key = stem(term)
                if key not in seen:
                    seen.add(key)
                    name = not heading and text[start].isupper() and _is_name(text, spans, i - 1)
                    tokens.append(
                        Token(key, NAME if name else WORD, text[start:end], start, end, term)
                    )
            continue
        token: Token | None = None
        if aliases:
            found = _alias_at(text, spans, i, aliases)
            if found is not None:
                length, canonical = found
                last = spans[i + length - 1][2]
                words = [spans[j][0] for j in range(i, i + length)]
                rarest = " ".join(w for w in words if w not in STOPWORDS) or words[0]
                capital = text[start].isupper()
                kind = NAME if capital else WORD
                token = Token("=" + canonical, kind, text[start:last], start, last, rarest)
                i += length
        if token is None:
            date = _date_at(text, spans, i)
            if date is None:
                date = _quantity_at(text, spans, i)
            if date is not None:
                token, i = date
        if token is None:
            i += 1
            if term in NEGATORS or term.endswith("n't"):
                tokens.append(Token("!not", NEGATION, text[start:end], start, end, term))
                continue
            if term in STOPWORDS or (len(term) == 1 and not term.isdigit()):
                continue
            kind = WORD
            if not heading and _is_name(text, spans, i - 1):
                kind = NAME
            token = Token(stem(term), kind, text[start:end], start, end, term)
        if token.key not in seen:
            seen.add(token.key)
            tokens.append(token)
    return Reading(tuple(tokens), normal)


def _spans(text: str) -> list[tuple[str, int, int]]:
    """:func:`term_spans` of ``text`` less the words written with a hyphen.

    Most claims are ASCII, or their other characters each fold to one ASCII
    character (curly quotes, most accented letters): then offsets do not move
    and the folded text's matches are the spans, without an offset map.
    """
    if text.isascii():  # no hyphenated compound survives the filter
        return [(m.group(1), *m.span(1)) for m in _TERM.finditer(text.lower())]
    if all(
        len(f) == 1 and f.isascii() for f in map(_FOLDED.__getitem__, set(_NON_ASCII.findall(text)))
    ):
        folded = fold(text)
        spans = [(m.group(1), *m.span(1)) for m in _TERM.finditer(folded)]
        if "-" in folded:  # a compound is kept where its hyphen was not an ASCII one
            for m in _COMPOUND.finditer(folded):
                start, end = m.span()
                if "-" not in text[start:end]:
                    spans.append((m.group().replace("-", ""), start, end))
        return spans
    return [(t, s, e) for t, s, e in term_spans(text) if "-" not in text[s:e]]


_sets: dict[int, tuple[Aliases | None, frozenset[str], frozenset[str]]] = {}


def _word_sets(aliases: Aliases | None) -> tuple[frozenset[str], frozenset[str]]:
    """Function words to skip outright, and the words that may start something else
    (a date, a quantity, a negation, an alias): two set look-ups per word, once per table."""
    found = _sets.get(id(aliases))
    if found is None or found[0] is not aliases:
        starts = frozenset(aliases.starts if aliases else ())
        special = _SPECIAL | starts
        found = _sets[id(aliases)] = (aliases, (STOPWORDS | _TITLES) - special, special)
    return found[1], found[2]


def _alias_at(
    text: str, spans: list[tuple[str, int, int]], i: int, aliases: Aliases
) -> tuple[int, str] | None:
    for length in aliases.starts.get(spans[i][0], ()):
        if i + length > len(spans):
            continue
        key = tuple(spans[j][0] for j in range(i, i + length))
        canonical = aliases.table.get(key)
        if canonical is None:
            continue
        if key in aliases.acronyms:
            written = text[spans[i][1] : spans[i + length - 1][2]]
            if not written.replace(".", "").isupper():
                continue
        return length, canonical
    return None


def _quantity_at(text: str, spans: list[tuple[str, int, int]], i: int) -> tuple[Token, int] | None:
    term, start, _ = spans[i]
    if not term[:1].isdigit() and term not in _UNITS:
        return None
    parsed = _number_value(term)
    if parsed is None or (term == "one" and not _scale_follows(spans, i)):
        return None
    value, scale = parsed
    if _DIGITS.match(term) and term.endswith(("st", "nd", "rd", "th")):
        return None  # an ordinal: "the 24th" is a date's day or a rank, not a count
    j = i + 1
    # "twenty five", "three hundred"
    while j < len(spans) and value < 100 and spans[j][0] in _UNITS and spans[j][0] != "dozen":
        following = _UNITS[spans[j][0]]
        value = value * following if following == 100 else value + following
        j += 1
    if j < len(spans) and spans[j][0] in _SCALES and scale == 1.0 and spans[j][0] != "m":
        scale = _SCALES[spans[j][0]]
        j += 1
    last = spans[j - 1][2]
    unit = ""
    before = text[max(0, start - 4) : start].rstrip()
    for symbol in ("€", "$", "£", "¥"):
        if before.endswith(symbol):
            unit = _CURRENCIES[symbol]
            start = start - (len(text[:start]) - len(text[:start].rstrip())) - 1
            break
    after = text[last : last + 2].lstrip()
    kind = NUMBER
    if after.startswith("%"):
        kind, last = PERCENT, text.index("%", last) + 1
    elif j + 1 < len(spans) and spans[j][0] == "per" and spans[j + 1][0] == "cent":
        kind, last, j = PERCENT, spans[j + 1][2], j + 2
    elif j < len(spans) and spans[j][0] in ("percent", "pct"):
        kind, last, j = PERCENT, spans[j][2], j + 1
    elif j < len(spans) and spans[j][0] in _CURRENCIES and not unit:
        unit, last, j = _CURRENCIES[spans[j][0]], spans[j][2], j + 1
    total = value * scale
    if (
        kind == NUMBER
        and not unit
        and scale == 1.0
        and term.isdigit()
        and len(term) == 4
        and 1800 <= total <= 2100
    ):
        return Token(f"@{term}", YEAR, text[start:last], start, last, term), j
    key = f"#{_format(total)}{'%' if kind == PERCENT else ''}{unit}"
    return Token(key, kind, text[start:last], start, last, term), j


def _scale_follows(spans: list[tuple[str, int, int]], i: int) -> bool:
    return i + 1 < len(spans) and spans[i + 1][0] in _SCALES and spans[i + 1][0] != "m"


def _date_at(text: str, spans: list[tuple[str, int, int]], i: int) -> tuple[Token, int] | None:
    """A weekday, a month, or a day and a month in either order ("August 24", "3 May")."""
    term, start, end = spans[i]
    if term not in _DATE_STARTS and not term[:1].isdigit():
        return None
    if term in _WEEKDAYS:
        return Token(f"@{term[:3]}", DATE, text[start:end], start, end, term), i + 1
    if _month(text, spans, i) is not None:
        month = _month(text, spans, i)
        day = _day(spans, i + 1)
        if day is not None:
            last = spans[i + 1][2]
            return Token(f"@{month}-{day}", DATE, text[start:last], start, last, term), i + 2
        return Token(f"@{month}", DATE, text[start:end], start, end, term), i + 1
    day = _day(spans, i)
    month = _month(text, spans, i + 1) if day is not None else None
    if month is not None:
        last = spans[i + 1][2]
        key = f"@{month}-{day}"
        return Token(key, DATE, text[start:last], start, last, spans[i + 1][0]), i + 2
    return None


def _month(text: str, spans: list[tuple[str, int, int]], i: int) -> int | None:
    """The month named by term ``i``; "may", "mar", "jan", "dec" only when capitalised."""
    if i >= len(spans):
        return None
    term, start, _ = spans[i]
    month = _MONTHS.get(term)
    if month is None or (term in _AMBIGUOUS_MONTHS and not text[start].isupper()):
        return None
    if term == "may" and not _is_name(text, spans, i) and _day(spans, i + 1) is None:
        return None  # "May I…" at a sentence start
    return month


def _day(spans: list[tuple[str, int, int]], i: int) -> int | None:
    if not 0 <= i < len(spans):
        return None
    if not spans[i][0][:1].isdigit():
        return None
    match = _DAY.fullmatch(spans[i][0])
    if match and 1 <= int(match.group(1)) <= 31:
        return int(match.group(1))
    return None


def _is_name(text: str, spans: list[tuple[str, int, int]], i: int) -> bool:
    """A capitalised word inside a sentence, or one starting a run of capitalised words."""
    _, start, end = spans[i]
    first = text[start]
    if not first.isupper():
        return False
    word = text[start:end]
    if len(word) > 1 and word.isupper():
        return True
    before = text[max(0, start - 40) : start].rstrip()
    if before and (
        before[-1] not in _SENTENCE_ENDS or (before[-1] == "." and _TITLED.search(before))
    ):
        return True
    return (
        i + 1 < len(spans) and text[spans[i + 1][1]].isupper() and spans[i + 1][0] not in STOPWORDS
    )


def _looks_like_heading(text: str, spans: list[tuple[str, int, int]]) -> bool:
    """Title Case Text: every word capitalised, so capitals say nothing about names."""
    words = [text[s] for t, s, _ in spans if t not in STOPWORDS and text[s].isalpha()]
    return len(words) >= 3 and sum(c.isupper() for c in words) >= 0.8 * len(words)
