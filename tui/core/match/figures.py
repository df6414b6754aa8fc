"""Figures and names in a claim: quantities, dates, years, and whether a capital starts a name.

"€1bn" and "1 billion euros" are one quantity (key ``#1e+09EUR``), "8 per cent"
and "8%" one percentage, "August 24" and "24 August" one date (``@8-24``), a
four-digit number from 1800 to 2100 a year; a word in capitals inside a
sentence is a name. :func:`.tokens.read` asks these at the words that may
start one.
"""

from __future__ import annotations

import re

from tui.core.match.kinds import DATE, NUMBER, PERCENT, YEAR, Fields
from tui.core.normalize import STOPWORDS

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
DATE_STARTS = frozenset(_MONTHS) | _WEEKDAYS
UNITS = {
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
"""Words that may start a date, a quantity or a negation (digits aside)."""
_DIGITS = re.compile(r"(\d+(?:[.,]\d+)*)(st|nd|rd|th|bn|mn|m|k|tn)?$")
_SENTENCE_ENDS = frozenset(".!?:;\"'“”‘’([—–-")
"""A capital after one of these (or at the start) may just begin a sentence or a quote."""


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def _number_value(term: str) -> tuple[float, float] | None:
    """(value, scale) of a number term: ``12``, ``2.6``, ``250,000``, ``1bn``, ``eight``."""
    if term in UNITS:
        return float(UNITS[term]), 1.0
    match = _DIGITS.match(term)
    if match is None:
        return None
    digits, suffix = match.groups()
    if _THOUSANDS.fullmatch(digits):  # 250,000 and 1,700.34
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


def quantity_at(text: str, spans: list[tuple[str, int, int]], i: int) -> tuple[Fields, int] | None:
    term, start, _ = spans[i]
    if not term[:1].isdigit() and term not in UNITS:
        return None
    parsed = _number_value(term)
    if parsed is None or (term == "one" and not _scale_follows(spans, i)):
        return None
    value, scale = parsed
    if _DIGITS.match(term) and term.endswith(("st", "nd", "rd", "th")):
        return None  # an ordinal: "the 24th" is a date's day or a rank, not a count
    j = i + 1
    # "twenty five", "three hundred"
    while j < len(spans) and value < 100 and spans[j][0] in UNITS and spans[j][0] != "dozen":
        following = UNITS[spans[j][0]]
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
        return (f"@{term}", YEAR, text[start:last], start, last, term), j
    key = f"#{_format(total)}{'%' if kind == PERCENT else ''}{unit}"
    return (key, kind, text[start:last], start, last, term), j


def _scale_follows(spans: list[tuple[str, int, int]], i: int) -> bool:
    return i + 1 < len(spans) and spans[i + 1][0] in _SCALES and spans[i + 1][0] != "m"


def date_at(text: str, spans: list[tuple[str, int, int]], i: int) -> tuple[Fields, int] | None:
    """A weekday, a month, or a day and a month in either order ("August 24", "3 May"),
    as spoken too ("September the 11th", "the 11th of September")."""
    term, start, end = spans[i]
    if term not in DATE_STARTS and not term[:1].isdigit():
        return None
    if term in _WEEKDAYS:
        return (f"@{term[:3]}", DATE, text[start:end], start, end, term), i + 1
    month = _month(text, spans, i)
    if month is not None:
        at = i + 2 if _term(spans, i + 1) == "the" else i + 1
        day = _day(spans, at)
        if day is not None:
            last = spans[at][2]
            return (f"@{month}-{day}", DATE, text[start:last], start, last, term), at + 1
        return (f"@{month}", DATE, text[start:end], start, end, term), i + 1
    day = _day(spans, i)
    if day is None:
        return None
    at = i + 2 if _term(spans, i + 1) == "of" else i + 1
    month = _month(text, spans, at)
    if month is not None:
        last = spans[at][2]
        key = f"@{month}-{day}"
        return (key, DATE, text[start:last], start, last, spans[at][0]), at + 1
    return None


def dates_disagree(key_a: str, key_b: str) -> bool:
    """Two dates' keys (:func:`date_at`) name different days: two weekdays, or two months,
    or two days of one month. A month and a day in it agree ("in June" / "on June 26": the
    other is only more precise), and so do a weekday and a day of a month (no calendar
    says which weekday that day was)."""
    if key_a == key_b:
        return False
    weekday_a, weekday_b = not key_a[1].isdigit(), not key_b[1].isdigit()
    if weekday_a or weekday_b:
        return weekday_a and weekday_b
    month_a, _, day_a = key_a[1:].partition("-")
    month_b, _, day_b = key_b[1:].partition("-")
    return month_a != month_b or bool(day_a and day_b)


def _term(spans: list[tuple[str, int, int]], i: int) -> str | None:
    return spans[i][0] if 0 <= i < len(spans) else None


def _month(text: str, spans: list[tuple[str, int, int]], i: int) -> int | None:
    """The month named by term ``i``; "may", "mar", "jan", "dec" only when capitalised."""
    if i >= len(spans):
        return None
    term, start, _ = spans[i]
    month = _MONTHS.get(term)
    if month is None or (term in _AMBIGUOUS_MONTHS and not text[start].isupper()):
        return None
    if term == "may" and not is_name(text, spans, i) and _day(spans, i + 1) is None:
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


def is_name(text: str, spans: list[tuple[str, int, int]], i: int) -> bool:
    """A capitalised word inside a sentence, or one starting a run of capitalised words."""
    _, start, end = spans[i]
    first = text[start]
    if not first.isupper():
        return False
    word = text[start:end]
    if len(word) > 1 and word.isupper():
        return True
    # The last character before the word, spaces skipped, within 40 (what
    # ``text[start - 40 : start].rstrip()`` ends with, without copying it).
    lo = max(0, start - 40)
    k = start - 1
    while k >= lo and text[k].isspace():
        k -= 1
    if k >= lo and (
        text[k] not in _SENTENCE_ENDS or (text[k] == "." and _TITLED.search(text[lo : k + 1]))
    ):
        return True
    return (
        i + 1 < len(spans) and text[spans[i + 1][1]].isupper() and spans[i + 1][0] not in STOPWORDS
    )
