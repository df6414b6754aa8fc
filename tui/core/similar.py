"""The same claim elsewhere: claims in other documents that state the same thing.

Plain fuzzy ratios score ~50 for almost any two sentences of one news topic
(they share "Serbia", "Kosovo", "the"), so they cannot tell a shared fact from
a shared subject. Here two claims are compared by their *content* words only
(no function words), each weighted by the square of its rarity in the corpus
(IDF²: a shared name or number says far more than a shared "Serbia"), a word
matching exactly or within a typo (``Vucic``/``Vučić``, ``conflict``/
``conflicts``). The score is a soft Dice coefficient, 0–100: the weight of the
words each claim finds in the other over the weight of both claims' words
(plus a constant, so that two short claims sharing one word do not look
alike), and claims sharing fewer than two content words never match.

Measured on the seeds (all 52k pairs of claims in different documents):
sentences kept or edited between the two versions of one article (000/001)
score 27–99, the shared facts 002/003 report in their own words 29–38, while
the unrelated pairs that look closest (same names, same topic: "war crimes"
of Milosevic and of Putin, "Russian and Serbian Operations in the Western
Balkans") stay below 25; :data:`THRESHOLD` sits in that gap. Facts stated with
no shared words ("UN member state" / "membership in the United Nations") are
out of reach of any lexical measure.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.model import Claim
from tui.core.normalize import STOPWORDS, max_edits, terms
from tui.core.search import SearchIndex

THRESHOLD = 27.0
"""Matches scoring below this are not shown (see the module docstring for the measures)."""
MIN_SHARED = 2
"""Content words two claims must share (exactly or within a typo) to match at all."""
_SMOOTHING = 0.4
"""Added to the weight of both claims, as a share of a once-seen word's weight."""
_FLOOR = 15.0
"""Matches kept in the cache, so that a caller may lower the threshold a little."""
_SEED_TERMS = 8
"""The rarest words of a claim are enough to find every candidate sharing a fact."""
_CANDIDATES = 60
_MAX_CACHE = 4096


@dataclass(frozen=True, slots=True)
class SimilarHit:
    claim: Claim
    score: float
    """0–100 soft Dice similarity of content words, rarity-weighted."""
    label_differs: bool
    """Both claims are tagged, with different labels ("disputed here, sourced there")."""
    label: str | None = None
    """The matching claim's label, if ``label_of`` was given."""


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
    threshold: float = THRESHOLD,
) -> list[SimilarHit]:
    """Claims of other documents stating what ``claim`` states, best first."""
    own = label_of(claim) if label_of else None
    hits: list[SimilarHit] = []
    for position, score in _matches(index, claim):
        if score < threshold or len(hits) >= limit:
            break
        other = index.claims[position]
        label = label_of(other) if label_of else None
        differs = own is not None and label is not None and own != label
        hits.append(SimilarHit(other, score, differs, label))
    return hits


def _matches(index: SearchIndex, claim: Claim) -> list[tuple[int, float]]:
    key = (claim.doc.id, claim.index)
    cached = index.similar_cache.get(key)
    if cached is None:
        cached = _compute(index, claim)
        if len(index.similar_cache) >= _MAX_CACHE:
            index.similar_cache.clear()
        index.similar_cache[key] = cached
    return cached


def _compute(index: SearchIndex, claim: Claim) -> list[tuple[int, float]]:
    tix = index.terms
    n = max(tix.size, 1)
    lo, hi = index.doc_range(claim.doc.id)

    def weight(term: str) -> float:
        tid = tix.vocab.get(term)
        df = tix.df(tid) if tid is not None else 0
        return math.log(1.0 + n / (1.0 + df)) ** 2

    smoothing = _SMOOTHING * math.log(1.0 + n / 2.0) ** 2
    mine = content_terms(claim.text)
    if not mine:
        return []
    my_weights = {term: weight(term) for term in mine}
    # Candidates: claims of other documents sharing one of the rarest words.
    cap = max(50, n // 20)
    acc: dict[int, float] = {}
    for term in sorted(mine, key=lambda t: -my_weights[t])[:_SEED_TERMS]:
        best: dict[int, float] = {}
        for expansion in tix.expand(term):
            postings = tix.postings[expansion.term]
            if len(postings) > cap:
                continue
            for item in postings:
                if (item < lo or item >= hi) and expansion.sim > best.get(item, 0.0):
                    best[item] = expansion.sim
        w = my_weights[term]
        for item, sim in best.items():
            acc[item] = acc.get(item, 0.0) + w * sim
    candidates = sorted(acc, key=lambda item: -acc[item])[:_CANDIDATES]
    found = []
    for item in candidates:
        theirs = content_terms(index.claims[item].text)
        score = _dice(mine, my_weights, theirs, {t: weight(t) for t in theirs}, smoothing)
        if score >= _FLOOR:
            found.append((item, round(score, 1)))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found


def _dice(
    a: list[str], wa: dict[str, float], b: list[str], wb: dict[str, float], smoothing: float
) -> float:
    """Soft Dice: rarity-weighted words each side finds in the other, over all weight."""
    got_a, shared = _covered(a, wa, b)
    if shared < MIN_SHARED:
        return 0.0
    got_b, _ = _covered(b, wb, a)
    total = sum(wa.values()) + sum(wb.values()) + smoothing
    return 100.0 * (got_a + got_b) / total


def _covered(words: list[str], weights: dict[str, float], other: list[str]) -> tuple[float, int]:
    """The weight of ``words`` found in ``other`` (typos count less), and how many were."""
    present = set(other)
    got = 0.0
    count = 0
    for word in words:
        if word in present:
            got += weights[word]
            count += 1
            continue
        k = max_edits(word) if not any(c.isdigit() for c in word) else 0
        if not k:
            continue
        best = process.extractOne(word, other, scorer=OSA.distance, score_cutoff=k)
        # Typos tolerated by the shorter word, so that A~B exactly when B~A.
        if best is not None and best[1] <= max_edits(min(word, best[0], key=len)):
            got += weights[word] * (1.0 - best[1] / max(len(word), len(best[0])))
            count += 1
    return got, count
