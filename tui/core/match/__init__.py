"""Matching claims across articles: the same fact, a related one, and what differs.

:mod:`.tokens` reads a claim (stems, quantities, dates, names, negations),
:mod:`.aliases` holds the names that stand for one another, :mod:`.align`
pairs the words of two claims, :mod:`.differs` names the details that
disagree and :mod:`.matcher` scores a pair and gives its band.
"""

from tui.core.match.aliases import AliasError, Aliases, aliases_from, load_aliases
from tui.core.match.differs import KINDS, Difference
from tui.core.match.matcher import BANDS, RELATED, SAME, Match, Matcher, Settings

__all__ = [
    "BANDS",
    "KINDS",
    "RELATED",
    "SAME",
    "AliasError",
    "Aliases",
    "Difference",
    "Match",
    "Matcher",
    "Settings",
    "aliases_from",
    "load_aliases",
]
