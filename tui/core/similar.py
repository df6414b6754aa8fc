"""The same claim elsewhere: claims in other documents that state the same thing.

Plain fuzzy ratios score ~50 for almost any two sentences of one news topic
(they share "Serbia", "Kosovo", "the"), so they cannot tell a shared fact from
a shared subject. Candidates are the claims of other documents sharing one of
the claim's rarest words (from the search index's postings, so the cost does
not grow with the corpus); each is then compared by :mod:`tui.core.match`:
content words by stem, aliases, rarity weights, word alignment, and a penalty
for each number, date, name or negation in which the two disagree. A hit
carries its band (``same``: states the same fact; ``related``: a weaker match)
and those discrepancies (``differs``).

Measured in ``bench/similar_eval.py`` (MSRP retrieval and our own labelled
pairs); facts stated with no shared words ("UN member state" / "membership in
the United Nations" without the alias) are out of reach of any lexical measure.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, compress

from tui.core.match import SAME, Aliases, Difference, Match, Matcher, Settings, load_aliases
from tui.core.match.matcher import idf_from_counts
from tui.core.model import Claim
from tui.core.normalize import STOPWORDS, terms
from tui.core.search import SearchIndex

SETTINGS = Settings()
THRESHOLD = SETTINGS.related
"""Matches scoring below this are not shown at all."""
SAME_THRESHOLD = SETTINGS.same
"""Matches from this score on state the same fact (band ``same``)."""
_SEED_TERMS = 8
"""The rarest words of a claim are enough to find every candidate sharing a fact."""
_CANDIDATES = 60
_MAX_CACHE = 4096


@dataclass(frozen=True, slots=True)
class SimilarHit:
    claim: Claim
    score: float
    """0–100: how sure the matcher is that both state one fact, less each discrepancy
    (:mod:`tui.core.match.calibrate`); 100 only for identical claims."""
    label_differs: bool
    """Both claims are tagged, with different labels ("disputed here, sourced there")."""
    label: str | None = None
    """The matching claim's label, if ``label_of`` was given."""
    band: str = SAME
    """``"same"`` (states the same fact) or ``"related"`` (a weaker match, shown apart)."""
    differs: tuple[Difference, ...] = ()
    """Details in which the match disagrees: ``here`` as the claim has it, ``there`` the match."""


class _State:
    """One index's matcher and the matches already found (claims never change)."""

    def __init__(self, index: SearchIndex, aliases: Aliases, settings: Settings) -> None:
        tix = index.terms

        def df(term: str) -> int:
            tid = tix.vocab.get(term)
            return tix.df(tid) if tid is not None else 0

        self.aliases = aliases
        self.settings = settings
        self.matcher = Matcher(idf_from_counts(df, tix.size), aliases, settings)
        self.found: dict[tuple[str, int], list[tuple[int, Match]]] = {}
        self.lock = threading.Lock()


_states: weakref.WeakKeyDictionary[SearchIndex, _State] = weakref.WeakKeyDictionary()
_states_lock = threading.Lock()
_default_aliases: Aliases | None = None


def matcher_for(
    index: SearchIndex, aliases: Aliases | None = None, settings: Settings | None = None
) -> Matcher:
    """The matcher with ``index``'s rarity weights (kept with the index)."""
    return _state(index, aliases, settings).matcher


def _state(index: SearchIndex, aliases: Aliases | None, settings: Settings | None) -> _State:
    global _default_aliases
    with _states_lock:
        state = _states.get(index)
        if aliases is None:
            if state is not None and settings in (None, state.settings):
                return state
            if _default_aliases is None:
                _default_aliases = load_aliases()
            aliases = _default_aliases
        settings = settings or SETTINGS
        if state is None or state.aliases is not aliases or state.settings != settings:
            state = _states[index] = _State(index, aliases, settings)
        return state


def content_terms(text: str) -> list[str]:
    """The words of ``text`` that can carry a fact: no function words, no single letters."""
    seen: dict[str, None] = {}
    for term in terms(text):
        if term not in STOPWORDS and (len(term) > 1 or term.isdigit()):
            seen.setdefault(term, None)
    return list(seen)


def find_similar(
    index: SearchIndex,
    claim: Claim,
    *,
    limit: int = 10,
    label_of: Callable[[Claim], str | None] | None = None,
    threshold: float | None = None,
    aliases: Aliases | None = None,
    settings: Settings | None = None,
    docs: set[str] | None = None,
) -> list[SimilarHit]:
    """Claims of other documents stating what ``claim`` states, best first.

    Every match in a band is kept (a claim that states the same thing with another
    number is ``related`` even when its discrepancies bring its score low);
    ``threshold`` keeps only matches scoring at least that. ``aliases`` is the
    project's alias table (:func:`tui.core.match.load_aliases`);
    ``docs`` keeps only matches in those documents (the other open panes).
    """
    state = _state(index, aliases, settings)
    own = label_of(claim) if label_of else None
    hits: list[SimilarHit] = []
    for position, match in _matches(index, state, claim):
        if len(hits) >= limit:
            break
        if match.band is None or (threshold is not None and match.score < threshold):
            continue
        other = index.claims[position]
        if docs is not None and other.doc.id not in docs:
            continue
        label = label_of(other) if label_of else None
        differs = own is not None and label is not None and own != label
        hits.append(SimilarHit(other, match.score, differs, label, match.band, match.differs))
    return hits


def _matches(index: SearchIndex, state: _State, claim: Claim) -> list[tuple[int, Match]]:
    key = (claim.doc.id, claim.index)
    cached = state.found.get(key)
    if cached is None:
        cached = _compute(index, state.matcher, claim)
        with state.lock:
            if len(state.found) >= _MAX_CACHE:
                state.found.clear()
            state.found[key] = cached
    return cached


def candidates(index: SearchIndex, claim: Claim, count: int = _CANDIDATES) -> list[int]:
    """Positions of the claims of other documents sharing the most of ``claim``'s rare words.

    Words as written, not their typo neighbours as ``/`` expands them: the claim's
    other rare words find a copy with a typo (the alignment then pairs the two
    spellings), and expanding 8 words a claim took over 40% of a look-up. Measured on the
    MSRP tune half with a typo put in the rarest word of every partner: recall@3
    0.933 either way, near-misses kept out 0.436 either way.
    """
    tix = index.terms
    n = max(tix.size, 1)
    lo, hi = index.doc_range(claim.doc.id)
    mine = content_terms(claim.text)
    if not mine:
        return []

    def rarity(term: str) -> int:
        tid = tix.vocab.get(term)
        return tix.df(tid) if tid is not None else 0

    cap = max(50, n // 20)
    seeds = sorted(mine, key=rarity)[:_SEED_TERMS]
    weights = [1.0 / (1.0 + rarity(term)) for term in seeds]
    acc: dict[int, float] = {}
    closed = False
    """No item can join the ``count`` best any more: only those still in ``acc`` gain votes."""
    for k, term in enumerate(seeds):
        tid = tix.vocab.get(term)
        postings = tix.postings[tid] if tid is not None else ()
        if len(postings) > cap:
            postings = ()
        # Every item outside the claim's own document (postings ascend: cut its range out).
        start, end = bisect_left(postings, lo), bisect_left(postings, hi)
        items = chain(postings[:start], postings[end:])
        w = weights[k]
        if closed:
            for item in acc.keys() & set(items):  # each item once: the order cannot matter
                acc[item] += w
            continue
        get = acc.get
        for item in items:
            acc[item] = get(item, 0.0) + w
        acc, closed = _without_the_out_of_reach(acc, sum(weights[k + 1 :]), count)
    return _top(acc, count)


def _without_the_out_of_reach(
    acc: dict[int, float], rest: float, count: int
) -> tuple[dict[int, float], bool]:
    """``acc`` less the items that can no longer be among its ``count`` best, and whether
    the best are now closed to items not in it (the terms still to vote give at most
    ``rest`` more: each gives an item its weight times a closeness of at most 1).

    The ``count``-th best vote now is a floor for the final one (votes only grow),
    so once ``rest`` is below it, nothing new can reach the best, and neither can an
    item that ``rest`` would not lift to it. The items kept keep their order and
    their sums, added in the same order: :func:`_top` picks the same, ties included
    (a few terms with long postings were most of the time at 100k claims, measured).
    """
    if not rest or len(acc) <= count:
        return acc, False
    floor = sorted(acc.values(), reverse=True)[count - 1] * (1.0 - _ROUNDING)
    if rest >= floor:
        return acc, False
    return {item: vote for item, vote in acc.items() if vote + rest >= floor}, True


_ROUNDING = 1e-9
"""A relative margin for the float sums' rounding, far above it (8 terms: ~1e-15)."""


def _top(acc: dict[int, float], count: int) -> list[int]:
    """``heapq.nlargest(count, acc, key=acc.__getitem__)`` (best first, ties in the order
    found) without a Python step per item (a claim gathers thousands): the count-th best
    score from a sort of the scores, the items reaching it picked by iterators in C, then
    sorted (stable) among themselves."""
    if len(acc) <= count:
        return sorted(acc, key=acc.__getitem__, reverse=True)
    if count <= 0:
        return []
    floor = sorted(acc.values(), reverse=True)[count - 1]
    top = list(compress(acc, map(floor.__le__, acc.values())))
    top.sort(key=acc.__getitem__, reverse=True)
    return top[:count]


def _compute(index: SearchIndex, matcher: Matcher, claim: Claim) -> list[tuple[int, Match]]:
    found = []
    text = claim.text
    for item in candidates(index, claim):
        other = index.claims[item].text
        overlap, alignment = matcher.aligned(text, other)
        if alignment is not None and matcher.out_of_bands(overlap):
            continue  # never shown (find_similar skips a match in no band)
        match = matcher.score(matcher.analyse(text, other, alignment), overlap)
        if match.score > 0:
            found.append((item, match))
    found.sort(key=lambda pair: (-pair[1].score, pair[0]))
    return found
