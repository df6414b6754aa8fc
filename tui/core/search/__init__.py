"""Fuzzy search over every claim of a corpus and the notes on them.

``SearchIndex.build(corpus, store)`` once, then ``index.search("vucic wagner")``
as often as the analyst types: see :mod:`tui.core.search.terms` for why it is
fast and :mod:`tui.core.search.rank` for how hits are scored.
"""

from tui.core.search.index import SearchHit, SearchIndex, spans_of
from tui.core.search.query import NO_LABEL, Query, QueryError, parse_query

__all__ = ["NO_LABEL", "Query", "QueryError", "SearchHit", "SearchIndex", "parse_query", "spans_of"]
