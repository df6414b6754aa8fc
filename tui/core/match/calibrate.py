"""How sure we are that two aligned claims state the same fact: a fitted logistic model.

The rarity-weighted Dice of aligned words (:mod:`.matcher`) measures how much
two claims share, not whether they state one fact: a near-miss (same topic and
words, another fact) shares as much as a rewrite. What tells them apart
lexically is what is *left over* and how the shared words are arranged: the
weight left unaligned, the share of each claim covered, the names and numbers
only one side has, a polarity only one side has, the difference in length,
word bigrams and the longest run of words kept in order, the characters
both texts keep, the conjunctions only one side writes (a clause the other
does not state), the words saying who said it and when (kept apart: they are
no fact), and how much of each claim's end is left over. Each is a feature
below; their weights come from a logistic regression fitted on the ``tune``
half of the MSRP training pairs only (pair by pair, sentence 1 against
sentence 2), never on the half ``bench/similar_eval.py`` reports:

    python bench/similar_eval.py --fit

prints the coefficients to paste into :data:`COEFFICIENTS`. The features were
chosen by cross-validation inside the tune half (dropping, one at a time, the
feature whose removal cost nothing). Every feature is symmetric in the two
claims, so the probability is too.

MSRP counts as paraphrases many pairs of market reports that differ in a figure,
so the model does not learn that a changed figure is another fact; what a
fact-checker means by it is kept as a rule instead: :func:`changed_copy`.
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence, Set
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from tui.core.match.align import Alignment
from tui.core.match.differs import Difference
from tui.core.match.opposites import contrasts
from tui.core.match.tokens import DATE, NAME, NEGATION, NUMBER, PERCENT, YEAR, Reading, stem

FEATURES = (
    "log_best_cover",
    "log_worst_cover",
    "text_ratio",
    "sorted_ratio",
    "bigram_dice",
    "log_loose_weight",
    "log_size",
    "log_loose",
    "log_loose_names",
    "quantities_differ",
    "order_kept",
    "length_ratio",
    "quantity_differs",
    "opposite",
    "characters_kept",
    "set_ratio",
    "clauses_differ",
    "log_loose_attribution",
    "tail_loose",
)
"""Names of the features, in the order of :data:`COEFFICIENTS`."""

COEFFICIENTS = (
    -2.104, 0.908, -7.226, -1.230, 4.383, -1.184, 1.334, -0.763, 0.255, -0.374,
    -1.508, -3.499, -0.159, -1.520, 1.851, 0.845, -0.746, 0.549, -0.637,
)  # fmt: skip
"""Fitted by ``python bench/similar_eval.py --fit`` (MSRP train, tune half: the pairs
sharing two content words and not identical); the ``same`` threshold on the score this
gives is then tuned on the same half by ``python bench/similar_eval.py --tune --part tune``."""

INTERCEPT = 5.536

_QUANTITIES = frozenset({NUMBER, PERCENT, DATE, YEAR})
_DETAILS = _QUANTITIES | {NAME}
_CHANGED = frozenset({NUMBER, PERCENT, DATE, YEAR, NEGATION})
"""Discrepancies that make a copy of a claim another fact (:func:`changed_copy`)."""
CONJUNCTIONS = frozenset(
    "and but or yet so after although as because before if once since though unless until"
    " when whenever where whereas whether while".split()
)
"""Coordinating and subordinating conjunctions: one that only one claim writes most often
joins a clause the other does not state ("…, while the shape of any operation is
unclear"), i.e. another fact beside the shared one. Counted as :data:`FEATURES`'
``clauses_differ`` (chosen on the tune half: 5-fold cross-validation there kept 0.475
of near-misses out at a recall of 0.925, against 0.455 without it)."""
ATTRIBUTION = frozenset(
    map(
        stem,
        "said says say told tell according statement spokesman spokeswoman spokesperson"
        " yesterday today tonight added adds reported announced noted interview news"
        " conference release press week also".split(),
    )
)
"""Stems of the words that say who said a fact and when, not what it is ("…, a spokesman
said in a statement yesterday"): two reports of one fact often differ only there, so
these left unaligned are counted apart (``log_loose_attribution``) and not as loose
weight. (On the tune half, unaligned "statement", "yesterday", "told", "according" were
2 to 5 times likelier in paraphrases than in near-misses; 5-fold cross-validation there
kept 0.492 of near-misses out at a recall of 0.925, against 0.478 without.)"""
TAIL_THIRDS = 2
"""Where a claim's last third starts, in thirds (``tail_loose``: the share of it left unaligned, the
greater of the two claims'). A near-miss often starts as its partner does and ends on
another fact ("… rose 2%, its biggest gain since May" / "… rose 2% as oil fell"):
cross-validation on the tune half kept 0.572 of near-misses out at a recall of 0.90,
against 0.544 without."""
_NOTHING: frozenset = frozenset()
"""The one empty set the profiles share: a set is never untracked by the collector, and
most claims have no figure, conjunction or attribution (a profile is cached a claim)."""
COPY_COVER = 0.9
"""Share of each claim's weight, details aside, that a copy keeps aligned."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What the features need of one claim, computed once per claim (a claim is scored
    against dozens of candidates)."""

    plain: str
    """The text in lower case, spaces collapsed."""
    sorted_words: str
    """Its words as written, sorted (what ``token_sort_ratio`` compares)."""
    text: str
    """The text with each alias as its canonical name."""
    normal: tuple[str, ...]
    """Every word, function words included."""
    bigrams: frozenset[tuple[str, str]]
    """Pairs of consecutive token keys."""
    quantities: frozenset[str]
    """Keys of the numbers, percentages, dates and years."""
    conjunctions: frozenset[str]
    """The conjunctions it writes (:data:`CONJUNCTIONS`)."""
    weights: tuple[float, ...]
    """Each token's rarity weight."""
    total: float
    """The content tokens' weight (negators left out)."""
    count: int
    """Content tokens."""
    names: int
    """Content tokens read as names."""
    attribution: frozenset[int]
    """Positions of the tokens that say who said it and when (:data:`ATTRIBUTION`)."""
    attribution_weight: float
    """Their weight."""
    tail: int
    """Position of the first token of the claim's last third (:data:`TAIL_THIRDS`)."""


def profile(text: str, reading: Reading, weights: tuple[float, ...], total: float) -> Profile:
    """``total``: the content tokens' weight, known already."""
    keys, normal = reading.keys, reading.normal
    quantities = []
    attribution = []
    count = names = 0
    aliased = False
    for at, (key, kind) in enumerate(zip(keys, reading.kinds, strict=True)):
        if kind == NEGATION:
            continue
        count += 1
        if kind == NAME:
            names += 1
        elif kind in _QUANTITIES:
            quantities.append(key)
        if key in ATTRIBUTION:  # "Yesterday" may be read as a name too
            attribution.append(at)
        aliased = aliased or key[0] == "="
    if aliased:
        text = _canonical(text, reading)
    words = text.split()
    return Profile(
        " ".join(words).lower(),
        " ".join(sorted(words)),
        text,
        normal,
        frozenset(pairwise(keys)) if len(keys) > 1 else _NOTHING,
        frozenset(quantities) if quantities else _NOTHING,
        CONJUNCTIONS.intersection(normal) or _NOTHING,
        weights,
        total,
        count,
        names,
        frozenset(attribution) if attribution else _NOTHING,
        sum(weights[at] for at in attribution),
        -(-len(keys) * TAIL_THIRDS // 3),  # ceil(2n/3), in integers
    )


def _canonical(text: str, reading: Reading) -> str:
    """``text`` with each alias written as its canonical name ("UN" -> "united nations"):
    the table says they are one name, so the character measures should see one."""
    parts = []
    at = 0
    for key, start, end in zip(reading.keys, reading.starts, reading.ends, strict=True):
        if not key.startswith("="):
            continue
        parts += (text[at:start], key[1:])
        at = end
    parts.append(text[at:])
    return "".join(parts)


def features(
    alignment: Alignment,
    first: Profile,
    second: Profile,
    differs: Sequence[Difference] = (),
    opposite: bool = False,
) -> list[float]:
    """The values of :data:`FEATURES` for one aligned pair (``differs``: its
    discrepancies; ``opposite``: one claim negated and the other not)."""
    side_a, side_b, shared = _aligned(alignment, first, second)
    cover_a, loose_a, names_a = side_a.cover, side_a.loose, side_a.names
    cover_b, loose_b, names_b = side_b.cover, side_b.loose, side_b.names
    count_a, count_b = first.count, second.count
    normal_a, normal_b = first.normal, second.normal
    bigrams_a, bigrams_b = first.bigrams, second.bigrams
    both = len(bigrams_a) + len(bigrams_b)
    bigram_dice = 2 * len(bigrams_a & bigrams_b) / both if both else 0.0
    quantities_a, quantities_b = first.quantities, second.quantities
    order = LCSseq.similarity(normal_a, normal_b) / max(min(len(normal_a), len(normal_b)), 1)
    plain_a, plain_b = first.plain, second.plain
    # Characters of the shorter text kept in order in the other: one text inside the other.
    kept = LCSseq.similarity(plain_a, plain_b) / max(min(len(plain_a), len(plain_b)), 1)
    return [
        -math.log(max(cover_a, cover_b, 0.01)),
        -math.log(max(min(cover_a, cover_b), 0.01)),
        1.0 - fuzz.ratio(plain_a, plain_b) / 100.0,
        1.0 - fuzz.ratio(first.sorted_words, second.sorted_words) / 100.0,
        1.0 - bigram_dice,
        math.log1p(max(loose_a, loose_b)),
        math.log(count_a + count_b + 1),
        math.log1p(count_a + count_b - 2 * shared),
        math.log1p(max(names_a, names_b)),
        float(bool(quantities_a) and bool(quantities_b) and quantities_a != quantities_b),
        1.0 - order,
        abs(math.log((len(normal_a) + 1) / (len(normal_b) + 1))),
        float(sum(d.kind in _QUANTITIES for d in differs)),
        float(opposite),
        1.0 - kept,
        1.0 - fuzz.token_set_ratio(first.text, second.text) / 100.0,
        math.log1p(len(first.conjunctions ^ second.conjunctions)),
        math.log1p(side_a.attribution + side_b.attribution),
        max(side_a.tail, side_b.tail),
    ]


class _Side(NamedTuple):
    """What one claim of an aligned pair keeps and leaves over (a named tuple: two are
    made for every pair scored)."""

    cover: float
    """Share of its weight aligned, by similarity."""
    loose: float
    """Weight left unaligned, attribution aside."""
    names: int
    """Names left unaligned."""
    attribution: int
    """Attribution tokens left unaligned (:data:`ATTRIBUTION`)."""
    tail: float
    """Share of its last third's tokens left unaligned (:data:`TAIL_THIRDS`)."""


def _aligned(alignment: Alignment, first: Profile, second: Profile) -> tuple[_Side, _Side, int]:
    """Both claims' sides and the content tokens aligned: one pass over the aligned
    pairs, the claims' totals being known (negators left out)."""
    kinds_a, kinds_b, pairs = alignment.a.kinds, alignment.b.kinds, alignment.pairs
    weights_a, weights_b = first.weights, second.weights
    got_a = got_b = kept_a = kept_b = 0.0
    shared = names_a = names_b = 0
    for i, (j, sim) in pairs.items():
        kind = kinds_a[i]
        if kind == NEGATION:
            continue  # a negator aligns only with a negator
        w_a, w_b = weights_a[i], weights_b[j]
        got_a += w_a * sim
        got_b += w_b * sim
        kept_a += w_a
        kept_b += w_b
        shared += 1
        names_a += kind == NAME
        names_b += kinds_b[j] == NAME
    return (
        _side(first, len(kinds_a), pairs.keys(), got_a, kept_a, names_a),
        _side(second, len(kinds_b), alignment.aligned_b, got_b, kept_b, names_b),
        shared,
    )


def _side(claim: Profile, n: int, aligned: Set[int], got: float, kept: float, names: int) -> _Side:
    """One claim's :class:`_Side` from the positions of its ``n`` tokens ``aligned`` and
    what their weight adds up to (attribution tokens are few: looked up apart)."""
    said = told = 0
    weights = claim.weights
    for at in claim.attribution:
        if at in aligned:
            said += weights[at]
            told += 1
    total = claim.total
    end = sum(map(claim.tail.__le__, aligned))
    return _Side(
        got / total if total else 0.0,
        max(total - kept - (claim.attribution_weight - said), 0.0),
        claim.names - names,
        len(claim.attribution) - told,
        (n - claim.tail - end) / max(n - claim.tail, 1),
    )


def changed_copy(
    alignment: Alignment,
    differs: Sequence[Difference],
    weights: tuple[Sequence[float], Sequence[float]],
) -> bool:
    """A copy of a claim with a figure, a date or the polarity changed ("12 Rafale" /
    "14 Rafale", "has not been met" / "has been met", "rose" / "fell"): another fact on
    the same topic, however sure the model is. A copy: apart from the details only one
    side has and the opposite words, each side keeps :data:`COPY_COVER` of its weight
    aligned. (A changed name is left to the model: two reports of one fact often name
    different people, "a spokesman" / "Mr X".)"""
    changed = any(d.kind in _CHANGED for d in differs)
    opposite = contrasts(alignment)
    if not changed and not opposite:
        return False
    return (
        _detail_free_cover(alignment.a, alignment.pairs, weights[0], opposite) >= COPY_COVER
        and _detail_free_cover(alignment.b, alignment.aligned_b, weights[1], opposite) >= COPY_COVER
    )


def detail_conflicts_within(
    alignment: Alignment,
    differs: Sequence[Difference],
    weights: tuple[Sequence[float], Sequence[float]],
) -> bool:
    """One claim all but contained in the other (:data:`WITHIN_COVER` of its weight
    aligned, details aside), with a detail that disagrees: the same fact with a
    conflicting figure, date, name or polarity ("signed a contract for 14 Rafale jets,
    the ministry said" within "secured a €1bn contract with France for 12 Rafale
    jets, an astonishing move…"). However much longer the other claim, a fact-checker
    must see it (the ``related`` band); the overlap alone would hide it."""
    if not differs or len(alignment.pairs) < WITHIN_SHARED:
        return False
    opposite = contrasts(alignment)
    return (
        max(
            _detail_free_cover(alignment.a, alignment.pairs, weights[0], opposite),
            _detail_free_cover(alignment.b, alignment.aligned_b, weights[1], opposite),
        )
        >= WITHIN_COVER
    )


WITHIN_COVER = 0.6
"""Share of a claim's weight, details aside, that another claim holding it keeps aligned:
more than half, as for the edits `compare` pairs in order."""
WITHIN_SHARED = 4
"""Tokens the two must share: a claim of two or three content words is "contained" in
any claim that shares them (a dateline, a caption)."""


def _detail_free_cover(
    reading: Reading,
    aligned: Container[int],
    weights: Sequence[float],
    opposite: Container[str],
) -> float:
    total = got = 0.0
    for i, (key, kind) in enumerate(zip(reading.keys, reading.kinds, strict=True)):
        if kind == NEGATION:
            continue
        if i not in aligned and (kind in _DETAILS or key in opposite):
            continue
        w = weights[i]
        total += w
        if i in aligned:
            got += w
    return got / total if total else 0.0


def probability(values: Sequence[float], coefficients: Sequence[float] = COEFFICIENTS) -> float:
    """The model's probability that the pair states one fact."""
    z = INTERCEPT + sum(c * v for c, v in zip(coefficients, values, strict=True))
    if z < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
