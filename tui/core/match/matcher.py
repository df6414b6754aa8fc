"""Scoring two claims: do they state the same fact, a related one, or neither?

The *overlap* (0–100) is a soft Dice coefficient of aligned content tokens,
each weighted by its rarity in the corpus (a shared name or number says more
than a shared "Serbia"): cheap, it ranks candidates and decides the
``related`` band. The *score* is how sure a logistic model
(:mod:`.calibrate`) is that the two state one fact, from what the overlap
misses (the weight and the names left unaligned, each side's coverage, figures
only one side has, a polarity only one side has, the difference in length,
words and characters kept in order), as a percentage. A copy of a claim with a
figure, a date, the polarity or a verb turned to its opposite is the same
*topic*, not the same fact: its score is cut below the ``same`` band, each
discrepancy costing a share of it (:func:`.calibrate.changed_copy`). A sentence
identical to another after folding (case, accents, quotes, spacing) scores 100.

Bands: ``same`` from a score of :attr:`Settings.same` (and an overlap of
:attr:`Settings.same_overlap`), ``related`` from an overlap of
:attr:`Settings.related` (less the discrepancies) or :attr:`Settings.related_overlap`.
The model and the threshold are fitted on one half of the MSRP training pairs
and reported on the other (``bench/similar_eval.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from tui.core.match.aliases import Aliases
from tui.core.match.align import Alignment, align, key_positions
from tui.core.match.calibrate import (
    Profile,
    changed_copy,
    detail_conflicts_within,
    features,
    probability,
    profile,
)
from tui.core.match.differs import Difference, find_differences
from tui.core.match.tokens import NEGATION, Reading, read

SAME, RELATED = "same", "related"
BANDS = (SAME, RELATED)


@dataclass(frozen=True)
class Settings:
    same: float = 41.5
    """Score (the calibrated probability, as a percentage) from which two claims state
    the same fact."""
    related: float = 27.0
    """Overlap (rarity-weighted Dice) from which two claims are shown as related, and
    below which, and below :attr:`same_overlap`, not at all."""
    related_overlap: float = 34.0
    """Overlap from which two claims are related whatever their discrepancies."""
    same_overlap: float = 27.0
    """Overlap below which no pair states the same fact, whatever the model says."""
    idf_power: float = 2.0
    """Rarity weight: IDF to this power (2: a rare name outweighs several common words)."""
    smoothing: float = 0.0
    """Added to the claims' weight, as a share of a once-seen word's weight."""
    penalties: dict[str, float] = field(
        default_factory=lambda: {
            "number": 0.5,
            "percent": 0.5,
            "date": 0.4,
            "year": 0.4,
            "name": 0.0,
            "negation": 0.6,
        }
    )
    """Share of the overlap (for the ``related`` band) and of a changed copy's score each
    discrepancy of a kind costs. The ``same`` band leaves them to the fitted model
    (:mod:`.calibrate`): MSRP counts as paraphrases many market reports with other
    figures, and a flat cost kept fewer near-misses out (0.754 against 0.784 accuracy in a
    cross-validation inside the tune half)."""
    min_shared: int = 2
    """Content tokens two claims must share to score at all."""


@dataclass(frozen=True, slots=True)
class Match:
    """How two claims compare."""

    score: float
    band: str | None
    """``"same"``, ``"related"`` or ``None`` (below both thresholds)."""
    differs: tuple[Difference, ...] = ()
    """Without the alignment it came from: matches are kept by the thousand (``similar``'s
    cache, a comparison's pairs) and nothing reads it; :meth:`Matcher.analyse` has it."""


@dataclass(frozen=True, slots=True)
class Analysis:
    alignment: Alignment | None
    differs: tuple[Difference, ...]
    identical: bool = False
    opposite: bool = False
    texts: tuple[str, str] = ("", "")
    """The two claims as written (the model compares their characters too)."""
    """One claim is negated and the other not (named in ``differs`` only when the
    negated word is one both state, but it costs the score either way)."""


WeightOf = Callable[[str], float]
"""A folded term's rarity (IDF) in the corpus."""


@dataclass(frozen=True, slots=True)
class _Weighed:
    """A claim read, with what aligning and scoring it needs, computed once per matcher."""

    reading: Reading
    once: dict[str, int]
    """Where each token key found once stands (what :func:`align` looks the other claim's
    tokens up in): an int, not a list, and two fields, not a tuple of them: a dict of
    strings and ints is untracked by the collector, and this cache holds tens of
    thousands of claims."""
    more: dict[str, tuple[int, ...]] | None
    """The positions of each key found more often (negators), ``None`` when none is."""
    weights: tuple[float, ...]
    """Each token's rarity weight."""
    content: tuple[float | None, ...]
    """The same, ``None`` for a negator (which the score leaves out)."""
    total: float
    """The sum of the content tokens' weights."""
    negated: bool
    """:attr:`Reading.negated`, counted once."""


class Matcher:
    """Reads claims (cached) and compares them, with one corpus's rarity weights."""

    def __init__(
        self,
        idf: WeightOf,
        aliases: Aliases | None = None,
        settings: Settings | None = None,
        *,
        cache_size: int = 50_000,
    ) -> None:
        self.idf = idf
        self.aliases = aliases or Aliases()
        self.settings = settings or Settings()
        self._readings: dict[str, Reading] = {}
        self._weights: dict[str, float] = {}
        self._weighed: dict[str, _Weighed] = {}
        self._profiles: dict[str, Profile] = {}
        """Built only for the claims the model scores: most candidates are not."""
        self._smoothing: float | None = None
        self._cache_size = cache_size

    def read(self, text: str) -> Reading:
        reading = self._readings.get(text)
        if reading is None:
            if len(self._readings) >= self._cache_size:
                self._readings.clear()
            reading = self._readings[text] = read(text, self.aliases)
        return reading

    def _weigh(self, text: str) -> _Weighed:
        found = self._weighed.get(text)
        if found is None:
            if len(self._weighed) >= self._cache_size:
                self._weighed.clear()
            reading = self.read(text)
            keys = reading.keys
            weight = self.weight
            # Comprehensions over the columns, not one loop appending to three lists.
            get = self._weights.get
            listed = [get(term) or weight(term) for term in reading.terms]
            once = dict(zip(keys, range(len(keys)), strict=True))
            more: dict[str, tuple[int, ...]] | None = None
            if len(once) < len(keys):  # a key twice (negators): every position kept
                once, more = key_positions(keys)
            content = [
                None if kind == NEGATION else w
                for kind, w in zip(reading.kinds, listed, strict=True)
            ]
            total = sum([w for w in content if w is not None])
            negators = content.count(None)
            found = self._weighed[text] = _Weighed(
                reading, once, more, tuple(listed), tuple(content), total, negators % 2 == 1
            )
        return found

    def _profile(self, text: str, weighed: _Weighed) -> Profile:
        found = self._profiles.get(text)
        if found is None:
            if len(self._profiles) >= self._cache_size:
                self._profiles.clear()
            found = profile(text, weighed.reading, weighed.weights, weighed.total)
            self._profiles[text] = found
        return found

    def weight(self, term: str) -> float:
        found = self._weights.get(term)
        if found is None:
            if len(self._weights) >= self._cache_size:
                self._weights.clear()
            power = self.settings.idf_power
            if " " in term:
                found = sum(self.idf(word) ** power for word in term.split())
            else:
                found = self.idf(term) ** power
            self._weights[term] = found
        return found

    def band(self, score: float) -> str | None:
        if score >= self.settings.same:
            return SAME
        if score >= self.settings.related:
            return RELATED
        return None

    def out_of_bands(self, overlap: float) -> bool:
        """Whether a pair whose :meth:`overlap` is this is in no band, whatever its
        discrepancies (they only lower the score): no need to look for them."""
        settings = self.settings
        return overlap < min(settings.related, settings.related_overlap, settings.same_overlap)

    def compare(self, text_a: str, text_b: str) -> Match:
        """Score, band and discrepancies of two claims (``differs`` as ``a`` writes them)."""
        return self.score(self.analyse(text_a, text_b))

    def overlap(self, text_a: str, text_b: str) -> float:
        """The score before discrepancies are counted: cheaper, to rank candidates."""
        return self.aligned(text_a, text_b)[0]

    def aligned(self, text_a: str, text_b: str) -> tuple[float, Alignment | None]:
        """:meth:`overlap` and the alignment it made (``None`` for identical claims),
        which :meth:`analyse` can take instead of aligning again."""
        a, b = self._weigh(text_a), self._weigh(text_b)
        if a.reading.normal == b.reading.normal and a.reading.normal:
            return 100.0, None
        alignment = align(a.reading, b.reading, (b.once, b.more))
        return self._dice_of(alignment, a, b), alignment

    def analyse(self, text_a: str, text_b: str, alignment: Alignment | None = None) -> Analysis:
        """What scoring needs, whatever the settings: alignment and discrepancies
        (``alignment``: the one :meth:`aligned` gave for these two claims)."""
        a, b = self._weigh(text_a), self._weigh(text_b)
        if a.reading.normal == b.reading.normal and a.reading.normal:
            return Analysis(None, (), identical=True)
        if alignment is None:
            alignment = align(a.reading, b.reading, (b.once, b.more))
        differs = tuple(find_differences(alignment, text_a, text_b))
        opposite = a.negated != b.negated
        return Analysis(alignment, differs, opposite=opposite, texts=(text_a, text_b))

    def score(self, analysis: Analysis, dice: float | None = None) -> Match:
        """The match an analysis gives (``dice``: its :meth:`overlap`, if known)."""
        if analysis.identical or analysis.alignment is None:
            return Match(100.0 if analysis.identical else 0.0, SAME if analysis.identical else None)
        settings = self.settings
        overlap = self._dice(analysis.alignment) if dice is None else dice
        if overlap <= 0.0:
            return Match(0.0, None)
        kept = 1.0
        penalties = settings.penalties
        for difference in analysis.differs:
            if difference.kind != NEGATION:
                kept *= 1.0 - penalties.get(difference.kind, 0.0)
        if analysis.opposite:
            kept *= 1.0 - penalties.get(NEGATION, 0.0)
        a, b = self._weigh(analysis.texts[0]), self._weigh(analysis.texts[1])
        values = features(
            analysis.alignment,
            self._profile(analysis.texts[0], a),
            self._profile(analysis.texts[1], b),
            analysis.differs,
            analysis.opposite,
        )
        score = 100.0 * probability(values)
        if overlap < settings.same_overlap:
            score = min(score, settings.same - 0.1)
        if changed_copy(analysis.alignment, analysis.differs, (a.weights, b.weights)):
            # The same words with another figure or polarity: the same story, another fact.
            score = min(score * kept, settings.same - 0.1)
        score = min(round(score, 1), 99.0)  # 100 means identical, also once rounded
        if score >= settings.same:
            band: str | None = SAME
        elif (
            overlap * kept >= settings.related
            or overlap >= settings.related_overlap
            or detail_conflicts_within(analysis.alignment, analysis.differs, (a.weights, b.weights))
        ):
            # The same words with another number, name or arrangement: the same story.
            band = RELATED
        else:
            band = None
        return Match(score, band, analysis.differs)

    def values(self, analysis: Analysis) -> list[float]:
        """The fitted model's features for an analysis that is not of identical claims
        (what ``bench/similar_eval.py --fit`` fits on)."""
        assert analysis.alignment is not None
        a, b = self._weigh(analysis.texts[0]), self._weigh(analysis.texts[1])
        return features(
            analysis.alignment,
            self._profile(analysis.texts[0], a),
            self._profile(analysis.texts[1], b),
            analysis.differs,
            analysis.opposite,
        )

    def _dice_of(self, alignment: Alignment, a: _Weighed, b: _Weighed) -> float:
        """:meth:`_dice` with the weights looked up once per claim (the same sums,
        added in the same order, so the same float)."""
        total = 0.0
        got = 0.0
        shared = 0
        pairs = alignment.pairs
        other = b.weights
        for i, w in enumerate(a.content):
            if w is None:
                continue
            total += w
            pair = pairs.get(i)
            if pair is not None:
                j, sim = pair
                got += sim * (w + other[j])
                shared += 1
        if shared < self.settings.min_shared:
            return 0.0
        total += b.total
        return 100.0 * got / (total + self._smoothed())

    def _smoothed(self) -> float:
        if self._smoothing is None:
            self._smoothing = self.settings.smoothing * self.idf("") ** self.settings.idf_power
        return self._smoothing

    def _dice(self, alignment: Alignment) -> float:
        weight = self.weight
        total = 0.0
        got = 0.0
        shared = 0
        a, b = alignment.a, alignment.b
        terms_b = b.terms
        for i, (kind, term) in enumerate(zip(a.kinds, a.terms, strict=True)):
            if kind == NEGATION:
                continue
            w = weight(term)
            total += w
            pair = alignment.pairs.get(i)
            if pair is not None:
                j, sim = pair
                got += sim * (w + weight(terms_b[j]))
                shared += 1
        if shared < self.settings.min_shared:
            return 0.0
        total += sum(
            weight(term) for kind, term in zip(b.kinds, terms_b, strict=True) if kind != NEGATION
        )
        smoothing = self.settings.smoothing * self.idf("") ** self.settings.idf_power
        return 100.0 * got / (total + smoothing)


def idf_from_counts(df: Callable[[str], int], size: int) -> WeightOf:
    """IDF ``log(1 + N / (1 + df))``; the empty term stands for a word seen once."""
    n = max(size, 1)

    def idf(term: str) -> float:
        count = df(term) if term else 1
        return math.log(1.0 + n / (1.0 + count))

    return idf
