"""Two articles (or two versions of one) aligned claim by claim.

Each claim of A is paired with at most one claim of B: first the claims whose
words are identical (after folding case, accents, quotes and spacing); then,
claim by claim in A's order, the claim of B just after the previous claim's
counterpart when it reads as this claim edited (one run of words changed, more
than half of each kept) and the matcher puts the two in a band (``same`` or
``related``), as two versions of one article keep their order; else the best
match of the ``similar`` matcher, candidates coming from the rare words the two
share. Two claims of A wanting one claim of B: the higher score has it. Pairs in
the longest run that keeps both articles' order are ``unchanged`` or ``edited``;
the other pairs ``moved``; claims left over are ``only_a`` or ``only_b``. An
edited pair carries its word changes and its discrepancies (numbers, dates,
names, negation) as :mod:`tui.core.match` names them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from operator import itemgetter

from tui.core.collector import collector_paused
from tui.core.forked import in_two
from tui.core.match import Aliases, Difference, Match, Matcher, Settings
from tui.core.match.align import Alignment
from tui.core.model import Claim, Document
from tui.core.normalize import STOPWORDS, terms

UNCHANGED, EDITED, MOVED, ONLY_A, ONLY_B = "unchanged", "edited", "moved", "only_a", "only_b"
STATUSES = (UNCHANGED, EDITED, MOVED, ONLY_A, ONLY_B)
_SEED_TERMS = 6
_CANDIDATES = 3
PARALLEL_MIN_CLAIMS = 1_000
"""Claims left to match from which half of them are matched in a forked child
(:mod:`tui.core.forked`): below it a fork (~5 ms) costs more than it saves."""


@dataclass(frozen=True, slots=True)
class WordChange:
    """Words of A replaced by words of B (either side may be empty)."""

    a: str
    b: str

    def as_json(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b}


Found = tuple[float, int, int, Match, tuple[WordChange, ...]]
"""A claim of A's best match: (score, index in A, index in B, the match, its word
changes: worked out with the match, in the forked child for half of them)."""


@dataclass(frozen=True, slots=True)
class Row:
    status: str
    a: Claim | None
    b: Claim | None
    score: float | None = None
    """The matcher's score for a pair (100: identical words)."""
    changes: tuple[WordChange, ...] = ()
    differs: tuple[Difference, ...] = ()
    """``here`` as A has it, ``there`` as B has it."""


def compare_documents(
    a: Document,
    b: Document,
    *,
    aliases: Aliases | None = None,
    settings: Settings | None = None,
) -> list[Row]:
    """Rows in reading order: A's order, each claim only in B where it stands in B."""
    # Comparing makes ~20 tuples a claim, none of them garbage (tui/core/collector.py).
    with collector_paused():
        return _compare(a, b, aliases, settings)


def _compare(
    a: Document, b: Document, aliases: Aliases | None, settings: Settings | None
) -> list[Row]:
    texts_a = [claim.text for claim in a.claims]
    texts_b = [claim.text for claim in b.claims]
    words_a = [tuple(terms(text)) for text in texts_a]
    words_b = [tuple(terms(text)) for text in texts_b]
    pairs: dict[int, tuple[int, float]] = {}
    exact: dict[tuple[str, ...], list[int]] = {}
    for j, words in enumerate(words_b):
        if words:
            exact.setdefault(words, []).append(j)
    for i, words in enumerate(words_a):
        free = exact.get(words)
        if free:
            pairs[i] = (free.pop(0), 100.0)
    taken = {j for j, _ in pairs.values()}
    matcher = _matcher(words_a, words_b, aliases, settings)
    matches = _pair_the_rest(matcher, texts_a, texts_b, words_a, words_b, pairs, taken)
    return _rows(a, b, pairs, matches)


def _matcher(
    words_a: list[tuple[str, ...]],
    words_b: list[tuple[str, ...]],
    aliases: Aliases | None,
    settings: Settings | None,
) -> Matcher:
    df: Counter[str] = Counter()
    for words in (*words_a, *words_b):
        df.update(set(words))
    n = max(len(words_a) + len(words_b), 1)

    def idf(term: str) -> float:
        return math.log(1.0 + n / (1.0 + (df.get(term, 0) if term else 1)))

    from tui.core.match import load_aliases

    return Matcher(idf, aliases if aliases is not None else load_aliases(), settings)


def _pair_the_rest(
    matcher: Matcher,
    texts_a: list[str],
    texts_b: list[str],
    words_a: list[tuple[str, ...]],
    words_b: list[tuple[str, ...]],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> dict[int, tuple[Match, tuple[WordChange, ...]]]:
    """Best matches among the claims not paired exactly, one-to-one, best first
    (each claim of A paired here with its match and word changes)."""
    rest_b = [j for j in range(len(texts_b)) if j not in taken]
    postings: dict[str, list[int]] = {}
    for j in rest_b:
        for term in set(words_b[j]):
            if term not in STOPWORDS:
                postings.setdefault(term, []).append(j)
    cap = max(20, len(rest_b) // 20)
    # The terms rare enough to seed candidates, their postings' lengths and the vote
    # each gives (1 / length), worked out once per term rather than once per claim.
    size = {term: len(posted) for term, posted in postings.items() if len(posted) <= cap}
    weight = {term: 1.0 / n for term, n in size.items()}
    aligned = matcher.aligned

    def scored(i: int, j: int, overlap: float, alignment: Alignment | None) -> Found | None:
        """The pair as a row needs it, if the two match in a band."""
        if alignment is not None and matcher.out_of_bands(overlap):
            return None
        match = matcher.score(matcher.analyse(texts_a[i], texts_b[j], alignment), overlap)
        if match.band is None:
            return None
        return match.score, i, j, match, word_changes(texts_a[i], texts_b[j])

    def in_order(i: int, after: int) -> Found | None:
        """The claim of B after ``after`` that reads as claim ``i`` edited, if it matches."""
        j = next_in_order(words_a[i], words_b, after, taken)
        return None if j is None else scored(i, j, *aligned(texts_a[i], texts_b[j]))

    def searched(i: int) -> Found | None:
        """The best match among the claims of B sharing the most of claim ``i``'s rare words."""
        # In the claim's order (a set's order changes with the hash seed: so did the pairs).
        mine = [t for t in dict.fromkeys(words_a[i]) if t in size]
        if not mine:
            return None
        seeds = sorted(mine, key=size.__getitem__)[:_SEED_TERMS]
        # The rarest term's claims vote first (0.0 + w is w: the same sums as adding).
        votes = dict.fromkeys(postings[seeds[0]], weight[seeds[0]])
        get = votes.get
        for term in seeds[1:]:
            w = weight[term]
            for j in postings[term]:
                votes[j] = get(j, 0.0) + w
        # What Counter.most_common gives: sorted is stable, so ties stay in the order voted.
        best = sorted(votes.items(), key=itemgetter(1), reverse=True)[:_CANDIDATES]
        # The first of the highest overlaps, as a stable sort on it would put first.
        text = texts_a[i]
        overlap, alignment, j = -1.0, None, -1
        for k, _ in best:
            got, made = aligned(text, texts_b[k])
            if got > overlap:
                overlap, alignment, j = got, made, k
        return scored(i, j, overlap, alignment)

    def best_of(part: Sequence[int]) -> list[Found]:
        """The best match in a band of each claim of A in ``part``: the claim of B after
        the previous claim's counterpart if it reads as this one edited, else the best found."""
        out: list[Found] = []
        placed = {i: j for i, (j, _) in pairs.items()}
        """Where claims of A stand in B so far (exactly, or matched in this part)."""
        for i in part:
            # After the nearest claim before it that has a counterpart (one dropped between).
            after = next(
                (placed[k] for k in range(i - 1, i - 1 - _LOOK_BACK, -1) if k in placed), -1
            )
            found = in_order(i, after) or searched(i)
            if found is not None:
                out.append(found)
                placed[i] = found[2]
        return out

    todo = [i for i in range(len(texts_a)) if i not in pairs]
    # Halves in A's order: in two versions of one article a claim's match stands near
    # where it stood, so each process reads mostly its own half of B. Each half pairs in
    # order from its own first claim on (the same pairs forked or not).
    half = len(todo) // 2 if len(todo) >= PARALLEL_MIN_CLAIMS else len(todo)
    found = [m for part in in_two(best_of, todo[:half], todo[half:]) for m in part]
    matches = {i: (match, changes) for _, i, _, match, changes in found}
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    for score, i, j, _, _ in found:
        if i not in pairs and j not in taken:
            pairs[i] = (j, score)
            taken.add(j)
    return matches


_LOOK_BACK = 3
"""Claims of A before this one whose counterpart it may follow (a claim or two dropped)."""
_IN_ORDER_WINDOW = 3
"""Claims of B after the previous pair looked at for the next claim of A (a claim or two
added between them). On bench/compare.py's two versions with every claim edited, pairing
in order took the pairs found right from 3,938 to 4,534 of 4,752 and the wrong ones from 197
to 84 (the rare words' votes alone go to look-alikes where sentences repeat), in 0.84x
the time."""


def next_in_order(
    words: tuple[str, ...], words_b: list[tuple[str, ...]], after: int, taken: set[int]
) -> int | None:
    """The first claim of B within :data:`_IN_ORDER_WINDOW` after ``after``, not paired
    exactly, that reads as ``words`` with one run of words changed (more than half the
    words of each kept, at the start and the end): the next claim's counterpart in a
    version of the same article, found without a search."""
    if after < 0:
        return None
    n = len(words)
    for j in range(after + 1, min(after + 1 + _IN_ORDER_WINDOW, len(words_b))):
        if j in taken:
            continue
        other = words_b[j]
        m = min(n, len(other))
        p = 0
        while p < m and words[p] == other[p]:
            p += 1
        q = 0
        while q < m - p and words[n - 1 - q] == other[len(other) - 1 - q]:
            q += 1
        if 2 * (p + q) > max(n, len(other)):
            return j
    return None


def _rows(
    a: Document,
    b: Document,
    pairs: dict[int, tuple[int, float]],
    matches: dict[int, tuple[Match, tuple[WordChange, ...]]],
) -> list[Row]:
    ordered = sorted(pairs)
    in_order = set(_longest_increasing([pairs[i][0] for i in ordered]))
    keep = {ordered[k] for k in in_order}
    paired_b = {j for j, _ in pairs.values()}
    rows: list[Row] = []
    next_b = 0

    def flush_b(upto: int) -> None:
        nonlocal next_b
        while next_b < upto:
            if next_b not in paired_b:
                rows.append(Row(ONLY_B, None, b.claims[next_b]))
            next_b += 1

    for i, claim in enumerate(a.claims):
        if i not in pairs:
            rows.append(Row(ONLY_A, claim, None))
            continue
        j, score = pairs[i]
        other = b.claims[j]
        if i in keep:
            flush_b(j)
            next_b = max(next_b, j + 1)
        if score >= 100.0:
            status = UNCHANGED if i in keep else MOVED
            rows.append(Row(status, claim, other, 100.0))
            continue
        match, changes = matches[i]  # a pair not exact is made only from its claim's match
        status = EDITED if i in keep else MOVED
        rows.append(Row(status, claim, other, score, changes, match.differs))
    flush_b(len(b.claims))
    return rows


def word_changes(a: str, b: str) -> tuple[WordChange, ...]:
    """The runs of words that differ between two sentences, as written."""
    wa, wb = a.split(), b.split()
    one = _one_run(wa, wb)
    if one is not None:
        return one
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    return tuple(
        WordChange(" ".join(wa[i1:i2]), " ".join(wb[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    )


def _one_run(wa: list[str], wb: list[str]) -> tuple[WordChange, ...] | None:
    """What :class:`SequenceMatcher` gives when the sentences differ in one run of
    words found nowhere in the other sentence (most edits: a word or a figure
    changed), without its search: ``None`` when that is not the case.

    Both runs being non-empty and foreign to the other side, no matching block
    touches them, so the longest block is the common prefix or the common suffix
    (a block lying in both is no longer than the shorter; a tie goes to the
    prefix, which starts first), and the rest matches the other one.
    """
    n = min(len(wa), len(wb))
    p = 0
    while p < n and wa[p] == wb[p]:
        p += 1
    s = 0
    while s < n - p and wa[-1 - s] == wb[-1 - s]:
        s += 1
    xa, xb = wa[p : len(wa) - s], wb[p : len(wb) - s]
    if not xa or not xb or not set(xa).isdisjoint(wb) or not set(xb).isdisjoint(wa):
        return None
    return (WordChange(" ".join(xa), " ".join(xb)),)


def _longest_increasing(values: list[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of ``values`` (patience sort)."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(values)
    for k, value in enumerate(values):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[at] = value
            tail_at[at] = k
        back[k] = tail_at[at - 1] if at else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(k)
        k = back[k]
    return out[::-1]
