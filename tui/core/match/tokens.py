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

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from tui.core.match.aliases import Aliases
from tui.core.match.figures import DATE_STARTS, UNITS, date_at, is_name, quantity_at
from tui.core.match.kinds import (
    DATE,
    NAME,
    NEGATION,
    NUMBER,
    PERCENT,
    QUANTITIES,
    WORD,
    YEAR,
    Fields,
    Token,
)
from tui.core.normalize import (  # the folding's own tables, for the offsets' fast path
    _COMPOUND,
    _FOLDED,
    _NON_ASCII,
    _TERM,
    STOPWORDS,
    fold,
    term_spans,
)

__all__ = [
    "DATE",
    "NAME",
    "NEGATION",
    "NEGATORS",
    "NUMBER",
    "PERCENT",
    "QUANTITIES",
    "WORD",
    "YEAR",
    "Reading",
    "Token",
    "read",
    "stem",
]

NEGATORS = frozenset(
    "not no never none nobody nothing neither nor cannot without"
    # Contractions written without their apostrophe, as scraped and wire text often has them
    # ("I dont know" against "I don't know" is one polarity).
    " dont doesnt didnt isnt wasnt arent werent havent hasnt hadnt wont wouldnt couldnt"
    " shouldnt cant mustnt neednt aint".split()
)
_TITLES = frozenset("mr mrs ms messrs dr sen gov rep gen".split())
"""Titles before a name: no content of their own ("Mr. Geoghan" / "Geoghan")."""
_SPECIAL = DATE_STARTS | frozenset(UNITS) | NEGATORS
"""Words that may start a date, a quantity or a negation (digits aside)."""

_stemmer = Stemmer.Stemmer("english", 0)
"""Without PyStemmer's own cache (``0``): :func:`stem`'s is in front of it, and a word
missing from both cost 1.24 us with it, 0.35 us without (a corpus's rare words each miss)."""


@lru_cache(maxsize=200_000)
def stem(term: str) -> str:
    """The Snowball (Porter 2) stem of a folded term (cached: words repeat)."""
    return _stemmer.stemWord(term)


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim as the matcher sees it: its content tokens (each key once) and negators, in
    text order, by column (:class:`Token`'s fields). Exact tuples of strings and ints,
    which the cyclic collector untracks: a matcher caches tens of thousands of readings,
    and tokens as named tuples (~13 a claim) were most of what a full collection scanned."""

    keys: tuple[str, ...]
    """What must be equal for two tokens to match (:attr:`Token.key`)."""
    kinds: tuple[str, ...]
    texts: tuple[str, ...]
    """The words as written in the claim."""
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    terms: tuple[str, ...]
    """The folded terms whose rarity weighs the tokens (:attr:`Token.term`)."""
    normal: tuple[str, ...]
    """Every term, function words included: equal for sentences identical but for form."""

    def token(self, i: int) -> Token:
        """Token ``i`` as one named tuple (for cold paths: no hot loop builds them)."""
        return Token(
            self.keys[i], self.kinds[i], self.texts[i], self.starts[i], self.ends[i], self.terms[i]
        )

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every token as a named tuple (tests and inspection, not the matcher)."""
        return tuple(
            map(Token, self.keys, self.kinds, self.texts, self.starts, self.ends, self.terms)
        )

    @property
    def negated(self) -> bool:
        return self.kinds.count(NEGATION) % 2 == 1


_SKIP, _OTHER, _ALIAS, _UNKNOWN = object(), object(), object(), object()
"""What a term is to :func:`read`, besides a plain word's stem: a function word (or a
single letter) to skip, a word that may start something else (a date, a quantity, a
negation) or a number, or a word that may start only an alias (else it is what
:attr:`_Words.fallback` says)."""
_EMPTY: tuple[tuple[()], ...] = ((),) * 6
"""The columns of a claim without tokens."""


def read(text: str, aliases: Aliases | None = None) -> Reading:
    """Read ``text`` into tokens, each way of writing an alias as one token."""
    spans = _spans(text)
    table = _words(aliases)
    # Each term and word as written kept once for every claim read (a matcher caches
    # tens of thousands of readings: 4.6 KB a reading before, 2.25 KB with the columns).
    shared = table.shared()
    terms = [t for t, _, _ in spans]
    normal = tuple(map(shared, terms, terms))
    heading = _looks_like_heading(text, spans)
    tokens: list[Fields] = []
    append = tokens.append
    seen: set[str] = set()
    """Keys taken: each key once (a repeated word states a fact once); every negator kept."""
    i = 0
    n = len(spans)
    get = table.kinds.get
    while i < n:
        term, start, end = spans[i]
        key = get(term, _UNKNOWN)
        if key is _UNKNOWN:
            key = table.classify(term)
        if key is _ALIAS:
            assert aliases is not None
            found = _alias_at(text, spans, normal, i, aliases)
            if found is not None:
                token, i = _alias_token(text, spans, normal, i, found)
                if token[0] not in seen:
                    seen.add(token[0])
                    append(token)
                continue
            key = table.fallback[term]
        if key is _SKIP:
            i += 1
            continue
        if key is not _OTHER:
            # A plain word (most of them): none of the cases below applies.
            if key not in seen:
                seen.add(key)
                name = not heading and text[start].isupper() and is_name(text, spans, i)
                written = text[start:end]
                written = shared(written, written)
                append((key, NAME if name else WORD, written, start, end, normal[i]))
            i += 1
            continue
        token: Fields | None = None
        if aliases:
            found = _alias_at(text, spans, normal, i, aliases)
            if found is not None:
                token, i = _alias_token(text, spans, normal, i, found)
        if token is None:
            date = date_at(text, spans, i)
            if date is None:
                date = quantity_at(text, spans, i)
            if date is not None:
                token, i = date
        if token is None:
            i += 1
            if term in NEGATORS or term.endswith("n't"):
                append(("!not", NEGATION, text[start:end], start, end, term))
                continue
            if term in STOPWORDS or (len(term) == 1 and not term.isdigit()):
                continue
            kind = WORD
            if not heading and is_name(text, spans, i - 1):
                kind = NAME
            token = (stem(term), kind, text[start:end], start, end, term)
        if token[0] not in seen:
            seen.add(token[0])
            append(token)
    # Transposed in C: one exact tuple a column (each token's tuple freed).
    keys, kinds, texts, starts, ends, terms_ = zip(*tokens, strict=True) if tokens else _EMPTY
    return Reading(keys, kinds, texts, starts, ends, terms_, normal)


def _spans(text: str) -> list[tuple[str, int, int]]:
    """:func:`term_spans` of ``text`` less the words written with a hyphen.

    Most claims are ASCII, or each of their other characters folds to one
    character (curly quotes, dashes, "€", most accented letters): then offsets
    do not move and the folded text's matches are the spans, without an offset map.
    A term starts where its match does (``m.start()``: 18% faster than ``m.start(1)``).
    """
    if text.isascii():  # no hyphenated compound survives the filter
        return [(m[1], m.start(), m.end(1)) for m in _TERM.finditer(text.lower())]
    if all(map(_one_for_one, set(_NON_ASCII.findall(text)))):
        folded = fold(text)
        spans = [(m[1], m.start(), m.end(1)) for m in _TERM.finditer(folded)]
        # A compound is kept where its hyphen was not an ASCII one (a dash folded to "-").
        if folded.count("-") > text.count("-"):
            for m in _COMPOUND.finditer(folded):
                start, end = m.span()
                if "-" not in text[start:end]:
                    spans.append((m.group().replace("-", ""), start, end))
        return spans
    return [(t, s, e) for t, s, e in term_spans(text) if "-" not in text[s:e]]


def _one_for_one(char: str) -> bool:
    """``char`` folds to one character, as :func:`fold` and :func:`term_spans` both
    have it (``fold`` lowercases what it folded: the same unless it is a capital)."""
    folded = _FOLDED[char]
    return len(folded) == 1 and (folded.isascii() or folded.lower() == folded)


class _Words:
    """What each term seen so far is to :func:`read` with one alias table (one dict
    look-up per word instead of five tests)."""

    def __init__(self, aliases: Aliases | None) -> None:
        self.aliases = aliases
        self.starts = frozenset(aliases.starts if aliases else ())
        self.special = _SPECIAL | self.starts
        self.skipped = (STOPWORDS | _TITLES) - self.special
        self.kinds: dict[str, object] = {}
        self.fallback: dict[str, object] = {}
        """For a word that may start only an alias: what it is when it does not."""
        self.strings: dict[str, str] = {}
        """Each term and word as written, once: the readings share them."""

    def shared(self) -> Callable[[str, str], str]:
        """``strings.setdefault``: a string's first copy (bounded like :attr:`kinds`)."""
        if len(self.strings) > 2 * _MAX_WORDS:
            self.strings.clear()
        return self.strings.setdefault

    def classify(self, term: str) -> object:
        if len(self.kinds) > _MAX_WORDS:
            self.kinds.clear()
            self.fallback.clear()
        if term in self.skipped:
            kind: object = _SKIP
        elif term not in self.special and not term[0].isdigit() and not term.endswith("n't"):
            kind = stem(term) if len(term) > 1 else _SKIP
        elif term in _SPECIAL or term[0].isdigit() or term.endswith("n't"):
            kind = _OTHER
        else:  # an alias's first word, nothing else: a function word or a plain word
            kind = _ALIAS
            single = len(term) == 1 and not term.isdigit()
            self.fallback[term] = _SKIP if term in STOPWORDS or single else stem(term)
        self.kinds[term] = kind
        return kind


_tables: dict[int, _Words] = {}
_MAX_WORDS = 500_000


def _words(aliases: Aliases | None) -> _Words:
    found = _tables.get(id(aliases))
    if found is None or found.aliases is not aliases:
        found = _tables[id(aliases)] = _Words(aliases)
    return found


def _alias_token(
    text: str,
    spans: list[tuple[str, int, int]],
    normal: tuple[str, ...],
    i: int,
    found: tuple[int, str],
) -> tuple[Fields, int]:
    length, canonical = found
    start = spans[i][1]
    last = spans[i + length - 1][2]
    if length == 1:
        rarest = normal[i]  # itself, a function word or not
    else:
        parts = normal[i : i + length]
        rarest = " ".join([w for w in parts if w not in STOPWORDS]) or parts[0]
    kind = NAME if text[start].isupper() else WORD
    return ("=" + canonical, kind, text[start:last], start, last, rarest), i + length


def _alias_at(
    text: str,
    spans: list[tuple[str, int, int]],
    normal: tuple[str, ...],
    i: int,
    aliases: Aliases,
) -> tuple[int, str] | None:
    """``normal``: the spans' terms (a slice of it is the table's key, no tuple built)."""
    table = aliases.table
    for length in aliases.starts.get(normal[i], ()):
        if i + length > len(normal):
            continue
        key = normal[i : i + length]
        canonical = table.get(key)
        if canonical is None:
            continue
        if key in aliases.acronyms:
            written = text[spans[i][1] : spans[i + length - 1][2]]
            if not written.replace(".", "").isupper():
                continue
        return length, canonical
    return None


def _looks_like_heading(text: str, spans: list[tuple[str, int, int]]) -> bool:
    """Title Case Text: every word capitalised, so capitals say nothing about names.

    Stops at the first words not capitalised that no count of words could make up
    for (most sentences within their first few words: 3.5 us a claim -> ~1 us).
    """
    # Words (function words and numbers aside) at most len(spans), so more than a
    # fifth of len(spans) not capitalised already rules a heading out.
    allowed = 0.2 * len(spans)
    words = lower = 0
    for term, start, _ in spans:
        first = text[start]
        if term in STOPWORDS or not first.isalpha():
            continue
        words += 1
        if not first.isupper():
            lower += 1
            if lower > allowed:
                return False
    return words >= 3 and words - lower >= 0.8 * words
