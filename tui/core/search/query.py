"""Parsing a search query: free words, ``"quoted phrases"`` and filters.

``label:disputed`` and ``label:none`` keep claims with (or without) a label
(the team's: see tui/core/team.py), ``label:contested`` the claims analysts
disagree on; ``status:settled`` (``unreviewed``, ``tagged``, ``contested``)
keeps claims of that status; ``doc:000`` keeps claims of the documents whose
id is or starts with ``000``.
Several values of one filter are alternatives (``label:disputed label:opinion``),
different filters all apply. A label may be abbreviated as long as the prefix
names labels (``label:dis``), because the reader searches as you type; a value
that names no label is an error, not an empty result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.labels import label_names
from tui.core.normalize import fold, terms

NO_LABEL = "none"
CONTESTED = "contested"
STATUSES = ("unreviewed", "tagged", CONTESTED, "settled")
"""As ``tui.core.team.Status``: the search does not import the team model."""

_PIECE = re.compile(r'"([^"]*)"?|\b(label|doc|status):(\S*)|(\S+)')


class QueryError(ValueError):
    """A query that cannot mean anything (an unknown label)."""


@dataclass(frozen=True)
class Query:
    """A parsed query: free words, quoted phrases and the filters."""

    words: tuple[str, ...] = ()
    """Free words, folded, in query order: each may match fuzzily."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Quoted phrases: their terms must appear exactly and consecutively."""
    labels: frozenset[str] | None = None
    """Labels to keep (``"none"`` for unlabeled claims, ``"contested"`` for
    contested ones); ``None`` keeps all."""
    statuses: frozenset[str] | None = None
    """Statuses to keep; ``None`` keeps all."""
    docs: tuple[str, ...] = ()
    """Folded document id prefixes to keep; empty keeps all."""
    prefix_last: bool = False
    """The last word may be a prefix of a longer one (it is still being typed)."""
    text: str = field(default="", compare=False)

    @property
    def empty(self) -> bool:
        """No words and no phrases: only filters (or nothing) were given."""
        return not self.words and not self.phrases


def parse_query(text: str) -> Query:
    """Split ``text`` into words, phrases and filters; raise :class:`QueryError`."""
    folded = fold(text)
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    labels: set[str] | None = None
    statuses: set[str] | None = None
    docs: list[str] = []
    last_was_word = False
    for match in _PIECE.finditer(folded):
        phrase, key, value, plain = match.groups()
        last_was_word = False
        if phrase is not None:
            found = tuple(terms(phrase))
            if found:  # a one-word "phrase" is a word that must match exactly
                phrases.append(found)
        elif key == "label":
            if value:
                labels = (labels or set()) | _labels_for(value)
        elif key == "status":
            if value:
                statuses = (statuses or set()) | _pick(value, STATUSES, "status")
        elif key == "doc":
            if value:
                docs.append(value)
        else:
            found = terms(plain)
            words.extend(found)
            last_was_word = bool(found) and plain[-1:].isalnum()
    # The word under the cursor is incomplete while typing: let it be a prefix.
    prefix_last = last_was_word and not folded[-1:].isspace()
    return Query(
        words=tuple(words),
        phrases=tuple(phrases),
        labels=frozenset(labels) if labels is not None else None,
        statuses=frozenset(statuses) if statuses is not None else None,
        docs=tuple(docs),
        prefix_last=prefix_last,
        text=text,
    )


def _labels_for(value: str) -> set[str]:
    return _pick(value, (*label_names(), NO_LABEL, CONTESTED), "label")


def _pick(value: str, names: tuple[str, ...], what: str) -> set[str]:
    if value in names:
        return {value}
    found = {name for name in names if name.startswith(value)}
    if not found:
        raise QueryError(f"{value!r} is not a {what}; use one of {', '.join(names)}.")
    return found
