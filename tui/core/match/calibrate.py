"""How sure we are that two aligned claims state the same fact: a fitted logistic model.

The rarity-weighted Dice of aligned words (:mod:`.matcher`) measures how much
two claims share, not whether they state one fact: a near-miss (same topic and
words, another fact) shares as much as a rewrite. What tells them apart
lexically is what is *left over* and how the shared words are arranged: the
weight left unaligned on the fuller side, the share of each claim covered,
word bigrams kept, and the characters both texts keep in order. Each is a
feature below; their weights come from a logistic regression fitted on the
``tune`` half of the MSRP training pairs only (pair by pair, sentence 1 against
sentence 2), never on the half ``bench/similar_eval.py`` reports:

    python bench/similar_eval.py --fit

prints the coefficients to paste into :data:`COEFFICIENTS`. Every feature is
symmetric in the two claims, so the probability is too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

from rapidfuzz import fuzz

from tui.core.match.align import Alignment
from tui.core.match.differs import Difference
from tui.core.match.tokens import DATE, NAME, NEGATION, NUMBER, PERCENT, YEAR, Token

FEATURES = (
    "log_dice",
    "log_best_cover",
    "log_worst_cover",
    "text_ratio",
    "sorted_ratio",
    "bigram_dice",
    "log_loose_weight",
    "log_size",
    "log_loose",
    "loose_quantities",
    "names_differ",
)
"""Names of the features, in the order of :data:`COEFFICIENTS`."""

COEFFICIENTS = (0.189, -1.258, 0.913, -7.349, -2.860, 4.714, -1.399, 1.738, -0.661, -0.205, 0.111)
"""Fitted by ``python bench/similar_eval.py --fit`` (MSRP train, tune half: the 1,815 pairs
sharing two content words and not identical); the ``same`` threshold on the score this gives
is then tuned on the same half by ``python bench/similar_eval.py --tune --part tune``."""

INTERCEPT = 4.448


def features(
    alignment: Alignment,
    text_a: str,
    text_b: str,
    weight: Callable[[str], float],
    dice: float,
    differs: Sequence[Difference] = (),
) -> list[float]:
    """The values of :data:`FEATURES` for one aligned pair (``dice``: its overlap, 0–100;
    ``differs``: its discrepancies)."""
    a, b, pairs = alignment.a, alignment.b, alignment.pairs
    sims_a = {i: sim for i, (_, sim) in pairs.items()}
    sims_b = {j: sim for j, sim in pairs.values()}
    cover_a, loose_a, count_a, loose_count_a, quantities_a = _side(a, sims_a, weight)
    cover_b, loose_b, count_b, loose_count_b, quantities_b = _side(b, sims_b, weight)
    loose_count = loose_count_a + loose_count_b
    loose_quantities = quantities_a + quantities_b
    keys_a = [t.key for t in a]
    keys_b = [t.key for t in b]
    bigrams_a = set(pairwise(keys_a))
    bigrams_b = set(pairwise(keys_b))
    both = len(bigrams_a) + len(bigrams_b)
    bigram_dice = 2 * len(bigrams_a & bigrams_b) / both if both else 0.0
    plain_a, plain_b = " ".join(text_a.lower().split()), " ".join(text_b.lower().split())
    return [
        math.log(max(dice, 0.5) / 100.0),
        -math.log(max(cover_a, cover_b, 0.01)),
        -math.log(max(min(cover_a, cover_b), 0.01)),
        1.0 - fuzz.ratio(plain_a, plain_b) / 100.0,
        1.0 - fuzz.token_sort_ratio(text_a, text_b) / 100.0,
        1.0 - bigram_dice,
        math.log1p(max(loose_a, loose_b)),
        math.log(count_a + count_b + 1),
        math.log1p(loose_count),
        float(loose_quantities),
        float(sum(d.kind == NAME for d in differs)),
    ]


_QUANTITIES = frozenset({NUMBER, PERCENT, DATE, YEAR})


def _side(
    tokens: Sequence[Token], sims: dict[int, float], weight: Callable[[str], float]
) -> tuple[float, float, int, int, int]:
    """One claim's share of weight aligned (by similarity), weight left unaligned, count
    of content tokens, of unaligned ones and of unaligned quantities (negators left out)."""
    total = got = loose = 0.0
    count = loose_count = loose_quantities = 0
    for i, token in enumerate(tokens):
        if token.kind == NEGATION:
            continue
        w = weight(token.term)
        total += w
        count += 1
        sim = sims.get(i)
        if sim is None:
            loose += w
            loose_count += 1
            loose_quantities += token.kind in _QUANTITIES
        else:
            got += w * sim
    return (got / total if total else 0.0), loose, count, loose_count, loose_quantities


def probability(values: Sequence[float], coefficients: Sequence[float] = COEFFICIENTS) -> float:
    """The model's probability that the pair states one fact."""
    z = INTERCEPT + sum(c * v for c, v in zip(coefficients, values, strict=True))
    if z < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
