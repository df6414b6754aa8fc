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


Fields = tuple[str, str, str, int, int, str]
"""A token as :func:`.tokens.read` gathers it: a plain tuple of :class:`Token`'s fields
(a :class:`.tokens.Reading` keeps them by column)."""


class Token(NamedTuple):
    """One content token, for reading one at a time (:meth:`.tokens.Reading.token`): a
    reading holds its tokens by column, since the collector never untracks a named tuple."""

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
