"""How sure we are that two aligned claims state the same fact: a fitted logistic model.

The rarity-weighted Dice of aligned words (:mod:`.matcher`) measures how much
two claims share, not whether they state one fact: a near-miss (same topic and
words, another fact) shares as much as a rewrite. What tells them apart
lexically is what is *left over* and how the shared words are arranged: the
weight left unaligned, the share of each claim covered, the names and numbers
only one side has, a polarity only one side has, the difference in length,
word bigrams and the longest run of words kept in order, the characters
both texts keep, and the conjunctions only one side writes (a clause the other
does not state). Each is a feature below; their weights come from a logistic
regression fitted on the ``tune`` half of the MSRP training pairs only (pair by
pair, sentence 1 against sentence 2), never on the half ``bench/similar_eval.py``
reports:

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
from collections.abc import Container, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from tui.core.match.align import Alignment
from tui.core.match.differs import Difference
from tui.core.match.opposites import contrasts
from tui.core.match.tokens import DATE, NAME, NEGATION, NUMBER, PERCENT, YEAR, Token

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
)
"""Names of the features, in the order of :data:`COEFFICIENTS`."""

COEFFICIENTS = (
    -2.333, 1.162, -7.419, -0.683, 4.632, -1.367, 1.708, -0.807, 0.254,
    -0.409, -1.408, -3.711, -0.183, -1.551, 1.435, 0.434, -0.779,
)  # fmt: skip
"""Fitted by ``python bench/similar_eval.py --fit`` (MSRP train, tune half: the pairs
sharing two content words and not identical); the ``same`` threshold on the score this
gives is then tuned on the same half by ``python bench/similar_eval.py --tune --part tune``."""

INTERCEPT = 5.113

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


def profile(
    text: str,
    tokens: Sequence[Token],
    normal: tuple[str, ...],
    weights: tuple[float, ...],
    total: float,
) -> Profile:
    """``total``: the content tokens' weight, known already."""
    keys = []
    quantities = []
    count = names = 0
    aliased = False
    for token in tokens:
        key, kind = token.key, token.kind
        keys.append(key)
        if kind == NEGATION:
            continue
        count += 1
        if kind == NAME:
            names += 1
        elif kind in _QUANTITIES:
            quantities.append(key)
        aliased = aliased or key[0] == "="
    if aliased:
        text = _canonical(text, tokens)
    words = text.split()
    return Profile(
        " ".join(words).lower(),
        " ".join(sorted(words)),
        text,
        normal,
        frozenset(pairwise(keys)),
        frozenset(quantities),
        CONJUNCTIONS.intersection(normal),
        weights,
        total,
        count,
        names,
    )


def _canonical(text: str, tokens: Sequence[Token]) -> str:
    """``text`` with each alias written as its canonical name ("UN" -> "united nations"):
    the table says they are one name, so the character measures should see one."""
    aliases = [t for t in tokens if t.key.startswith("=")]
    parts = []
    at = 0
    for token in aliases:
        parts += (text[at : token.start], token.key[1:])
        at = token.end
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
    a, b, pairs = alignment.a, alignment.b, alignment.pairs
    cover_a, loose_a, cover_b, loose_b, shared, names_a, names_b = _aligned(
        a, b, pairs, first, second
    )
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
    ]


def _aligned(
    a: Sequence[Token],
    b: Sequence[Token],
    pairs: dict[int, tuple[int, float]],
    first: Profile,
    second: Profile,
) -> tuple[float, float, float, float, int, int, int]:
    """Each claim's share of weight aligned (by similarity) and weight left unaligned, the
    content tokens aligned, and each claim's unaligned names: one pass over the aligned
    pairs, the claims' totals being known (negators left out)."""
    weights_a, weights_b = first.weights, second.weights
    got_a = got_b = kept_a = kept_b = 0.0
    shared = names_a = names_b = 0
    for i, (j, sim) in pairs.items():
        token = a[i]
        if token.kind == NEGATION:
            continue  # a negator aligns only with a negator
        w_a, w_b = weights_a[i], weights_b[j]
        got_a += w_a * sim
        got_b += w_b * sim
        kept_a += w_a
        kept_b += w_b
        shared += 1
        names_a += token.kind == NAME
        names_b += b[j].kind == NAME
    total_a, total_b = first.total, second.total
    return (
        got_a / total_a if total_a else 0.0,
        max(total_a - kept_a, 0.0),
        got_b / total_b if total_b else 0.0,
        max(total_b - kept_b, 0.0),
        shared,
        first.names - names_a,
        second.names - names_b,
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
    taken = {j for j, _ in alignment.pairs.values()}
    return (
        _detail_free_cover(alignment.a, alignment.pairs, weights[0], opposite) >= COPY_COVER
        and _detail_free_cover(alignment.b, taken, weights[1], opposite) >= COPY_COVER
    )


def _detail_free_cover(
    tokens: Sequence[Token],
    aligned: Container[int],
    weights: Sequence[float],
    opposite: Container[str],
) -> float:
    total = got = 0.0
    for i, token in enumerate(tokens):
        if token.kind == NEGATION:
            continue
        if i not in aligned and (token.kind in _DETAILS or token.key in opposite):
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
