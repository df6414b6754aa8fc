"""Choosing and scoring the items that match a parsed query.

Candidates come from set algebra over postings (in C, not per item in
Python): first the items holding every query word, exactly if enough do,
then with typos and completions, then items holding only some of the words,
the rarest words counting most. Only a bounded pool of candidates is then
scored one by one, so the cost of a query depends on how rare its words are,
not on the size of the corpus.

The score (0–100) is the share of the query's weight that an item matches:
each word weighs its rarity (IDF) times how closely the item's term matches
it (1.0 exact, less for a typo or a completion); with several words, 10% of
the score rewards words that stand next to each other in query order.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise

from tui.core.normalize import _COMPOUND, _TERM, fold
from tui.core.search.query import Query
from tui.core.search.terms import TermIndex

MIN_SCORE = 25.0
"""Items matching less than a quarter of the query's weight are noise, not hits."""
_ORDER_CAP = 4_000
_MAX_SUBSET_WORDS = 6
_PHRASE_CHECKS = 20_000

Ranges = Sequence[tuple[int, int]] | None


@dataclass
class Group:
    """One query word (or one word of a phrase) and the terms it may stand for."""

    word: str
    sims: dict[int, float]
    """Term id -> similarity, for the expansions."""
    weight: float
    df: int
    hard: bool = False
    """A phrase word: items without it are not results."""
    exact: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate's score for a query (``length``: its number of terms, for ties)."""

    item: int
    score: float
    matched: frozenset[str]
    """The item's terms that matched, for highlighting."""
    length: int


def make_groups(index: TermIndex, query: Query) -> list[Group]:
    """The query's words and phrase words, with their expansions and weights."""
    groups: list[Group] = []
    n = max(index.size, 1)
    last = len(query.words) - 1
    for i, word in enumerate(query.words):
        expansions = index.expand(word, prefix=query.prefix_last and i == last)
        groups.append(_group(index, word, {e.term: e.sim for e in expansions}, n))
    for phrase in query.phrases:
        for word in phrase:
            tid = index.vocab.get(word)
            groups.append(_group(index, word, {} if tid is None else {tid: 1.0}, n, hard=True))
    return groups


def _group(
    index: TermIndex, word: str, sims: dict[int, float], n: int, hard: bool = False
) -> Group:
    df = min(sum(index.df(tid) for tid in sims), n)
    weight = math.log(1.0 + n / (1.0 + df))
    exact = tuple(tid for tid, sim in sims.items() if sim >= 1.0)
    return Group(word, sims, weight, df, hard, exact)


def rank(
    index: TermIndex,
    query: Query,
    groups: list[Group],
    *,
    pool: int,
    text_of: Callable[[int], str],
    accept: Callable[[int], bool] | None = None,
    ranges: Ranges = None,
) -> list[Scored]:
    """Score up to ``pool`` candidates for ``query``, best first."""
    if not groups or any(g.hard and not g.sims for g in groups):
        return []
    active = sorted((g for g in groups if g.sims), key=lambda g: g.df)
    if not active:
        return []
    checker = _Checker(query, text_of, accept)
    chosen: list[int] = []
    seen: set[int] = set()

    def take(items: Iterable[int]) -> None:
        for item in items:
            if len(chosen) >= pool:
                return
            if item not in seen:
                seen.add(item)
                if checker.ok(item):
                    chosen.append(item)

    lengths = index.lengths
    members = _MemberCache(index, ranges)
    total = sum(g.weight for g in groups)
    for tier in _tiers(active, members, total):
        take(_ordered(tier, lengths))
        if len(chosen) >= pool:
            break
    scored = [s for s in (_score(index, query, groups, item, text_of) for item in chosen) if s]
    scored.sort(key=lambda s: (-s.score, s.length, s.item))
    return scored


def _tiers(active: list[Group], members: _MemberCache, total: float) -> Iterator[set[int]]:
    """Candidate sets, best first: all words exactly, all words, then some of the words.

    Partial tiers are the subsets of the free words, most weight first (phrase
    words are in every subset); an item holding more words is in a heavier
    subset, so it has been taken before. Subsets worth less than
    :data:`MIN_SCORE` of the query are not tried.
    """
    exact = [_restrict(g, g.exact) for g in active]
    if all(g.sims for g in exact):
        yield members.intersect(exact)
    yield members.intersect(active)
    hard = [g for g in active if g.hard]
    soft = [g for g in active if not g.hard]
    if len(soft) > _MAX_SUBSET_WORDS:
        soft = sorted(soft, key=lambda g: -g.weight)[:_MAX_SUBSET_WORDS]
    subsets = [
        [g for i, g in enumerate(soft) if mask >> i & 1] for mask in range(1, (1 << len(soft)) - 1)
    ]
    subsets.sort(key=lambda subset: -sum(g.weight for g in subset))
    for subset in subsets:
        weight = sum(g.weight for g in subset) + sum(g.weight for g in hard)
        if 100.0 * weight / total < MIN_SCORE:
            break
        yield members.intersect(hard + subset)


class _MemberCache:
    """Member sets of groups, built once per query (partial tiers reuse them)."""

    def __init__(self, index: TermIndex, ranges: Ranges) -> None:
        self.index = index
        self.ranges = ranges
        self.cache: dict[int, set[int]] = {}

    def members(self, group: Group) -> set[int]:
        key = id(group)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _members(self.index, group, self.ranges)
        return found

    def intersect(self, groups: list[Group]) -> set[int]:
        """Items holding a term of every group; rare groups first, frequent ones probed."""
        ordered = sorted(groups, key=lambda g: g.df)
        found = self.members(ordered[0])
        for group in ordered[1:]:
            if not found:
                break
            if id(group) not in self.cache and len(found) * 6 * len(group.sims) < group.df:
                found = {item for item in found if _contains(self.index, group, item)}
            else:
                found = found & self.members(group)
        return found


def _restrict(group: Group, tids: Iterable[int]) -> Group:
    sims = {tid: group.sims[tid] for tid in tids}
    return Group(group.word, sims, group.weight, group.df, group.hard, group.exact)


def _members(index: TermIndex, group: Group, ranges: Ranges) -> set[int]:
    found: set[int] = set()
    for tid in group.sims:
        postings = index.postings[tid]
        if ranges is None:
            found.update(postings)
        else:
            for lo, hi in ranges:
                found.update(postings[bisect_left(postings, lo) : bisect_left(postings, hi)])
    return found


def _contains(index: TermIndex, group: Group, item: int) -> bool:
    for tid in group.sims:
        postings = index.postings[tid]
        i = bisect_left(postings, item)
        if i < len(postings) and postings[i] == item:
            return True
    return False


def _ordered(items: set[int], lengths: array) -> Iterator[int]:
    """Shorter items first (a short claim holding the words is more about them).

    Only the first :data:`_ORDER_CAP` are sorted, the rest follow as they come:
    a filter that rejects most items still sees all of them, at no sorting cost.
    """
    it = iter(items)
    head = list(islice(it, _ORDER_CAP))
    head.sort(key=lambda item: (lengths[item], item))
    yield from head
    yield from it


class _Checker:
    """Filters applied before scoring: the caller's (labels, documents) and phrases."""

    def __init__(
        self, query: Query, text_of: Callable[[int], str], accept: Callable[[int], bool] | None
    ) -> None:
        self.phrases = query.phrases
        self.text_of = text_of
        self.accept = accept
        self.checks = 0

    def ok(self, item: int) -> bool:
        if self.accept is not None and not self.accept(item):
            return False
        if self.phrases:
            self.checks += 1
            if self.checks > _PHRASE_CHECKS:
                return False
            sequence = _TERM.findall(fold(self.text_of(item)))
            return all(has_phrase(sequence, phrase) for phrase in self.phrases)
        return True


def has_phrase(sequence: list[str], phrase: tuple[str, ...]) -> bool:
    """``phrase`` occurs in ``sequence`` as consecutive terms."""
    n = len(phrase)
    first = phrase[0]
    return any(
        sequence[i : i + n] == list(phrase) for i, term in enumerate(sequence) if term == first
    )


def _score(
    index: TermIndex, query: Query, groups: list[Group], item: int, text_of: Callable[[int], str]
) -> Scored | None:
    folded = fold(text_of(item))
    sequence = _TERM.findall(folded)
    present = set(sequence)
    if "-" in folded:
        present.update(m.replace("-", "") for m in _COMPOUND.findall(folded))
    vocab = index.vocab
    ids = {vocab[t]: t for t in present if t in vocab}
    total = 0.0
    got = 0.0
    matched: set[str] = set()
    word_terms: list[set[str]] = []
    for group in groups:
        total += group.weight
        best = 0.0
        terms_here: set[str] = set()
        for tid, sim in group.sims.items():
            term = ids.get(tid)
            if term is not None:
                terms_here.add(term)
                best = max(best, sim)
        got += group.weight * best
        matched |= terms_here
        if not group.hard:
            word_terms.append(terms_here)
    if not total:
        return None
    coverage = got / total
    if len(word_terms) > 1:
        score = 100.0 * coverage * (0.9 + 0.1 * _adjacency(sequence, word_terms))
    else:
        score = 100.0 * coverage
    if score < MIN_SCORE:
        return None
    return Scored(item, round(score, 1), frozenset(matched), index.lengths[item])


def _adjacency(sequence: list[str], word_terms: list[set[str]]) -> float:
    """Share of consecutive query words found side by side, in order."""
    positions: dict[str, list[int]] = {}
    for i, term in enumerate(sequence):
        positions.setdefault(term, []).append(i)
    hits = 0
    for left, right in pairwise(word_terms):
        after = {p + 1 for t in left for p in positions.get(t, ())}
        if any(p in after for t in right for p in positions.get(t, ())):
            hits += 1
    return hits / (len(word_terms) - 1)
