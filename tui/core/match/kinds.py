"""The kinds of token the matcher reads, and the token itself (:mod:`.tokens` reads them)."""

from __future__ import annotations

from typing import NamedTuple

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
