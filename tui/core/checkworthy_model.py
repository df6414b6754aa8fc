"""Learning check-worthiness from the team's own tags.

A hashed-feature logistic regression: the words, word pairs and cues of a
claim, each hashed into one of ``DIMENSIONS`` weights, on top of the cues'
log-odds (``tui.core.checkworthy``) as a fixed offset. So with few tags the
model stays close to the cues, and as the team tags it learns what *this*
newsroom checks. Sourced and disputed tags mean "worth checking"; opinion
and skip mean "not". Pure Python, trained in well under a second on a few
thousand tags.

The weights are kept in ``annotations/.model/checkworthy.json`` as plain
JSON (never pickle: loading it runs no code), with a digest of the tags it
was trained on; a file that does not parse, has another format or another
digest is ignored and rebuilt. The folder carries a ``.gitignore`` so the
model, which anyone can rebuild, never enters the team's git history
(docs/format.md, "Check-worthiness").
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import random
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.atomic import ignore_in_git, write_atomic
from tui.core.checkworthy import PUNCTUATION, Worth, by_weight, cue_logit, cues_of, to_score

FORMAT = 1
DIMENSIONS = 1 << 18
MIN_TAGS = 20
"""Fewer tags than this (or fewer than ``MIN_EACH`` on either side) train nothing."""
MIN_EACH = 5
LEARNED = 0.5
"""A shift of the log-odds by at least this much is shown as a reason."""

WORTH_CHECKING = frozenset({"sourced", "disputed"})
NOT_WORTH_CHECKING = frozenset({"opinion", "skip"})


def target(label: str) -> bool | None:
    """What a label says about check-worthiness (None: nothing)."""
    if label in WORTH_CHECKING:
        return True
    if label in NOT_WORTH_CHECKING:
        return False
    return None


def _scale(indexes: Sequence[int]) -> float:
    """Each feature counts 1/√n: a long claim is not pushed further just for its length."""
    return 1.0 / math.sqrt(len(indexes)) if indexes else 0.0


def words_of(text: str) -> list[str]:
    """The claim's lower-case words, punctuation stripped."""
    return [w for w in (w.strip(PUNCTUATION) for w in text.lower().split()) if w]


def features(words: Sequence[str], cues: Iterable[str]) -> list[int]:
    """The hashed features of a claim: its words, pairs of words and cues."""
    words = ["0" if w[0].isdigit() else w for w in words]
    names = [f"w {w}" for w in words]
    names += [f"b {a} {b}" for a, b in itertools.pairwise(words)]
    names += [f"c {cue}" for cue in cues]
    return sorted({zlib.crc32(name.encode()) & (DIMENSIONS - 1) for name in names})


@dataclass
class Model:
    bias: float = 0.0
    weights: dict[int, float] = field(default_factory=dict)
    examples: int = 0
    digest: str = ""

    def logit(self, text: str) -> float:
        found, words = cues_of(text), words_of(text)
        return cue_logit(found) + self.shift(words, found)

    def shift(self, words: Sequence[str], cues: Iterable[str]) -> float:
        """How far the team's tags move the cues' log-odds for this claim."""
        weights = self.weights
        indexes = features(words, cues)
        return self.bias + _scale(indexes) * sum([weights.get(i, 0.0) for i in indexes])

    def worth(self, text: str) -> Worth:
        """The score with the team's model; its pull is one of the reasons."""
        found, words = cues_of(text), words_of(text)
        shift = self.shift(words, found)
        learned: tuple[str, ...] = ()
        if shift >= LEARNED:
            learned = ("team_yes",)
        elif shift <= -LEARNED:
            learned = ("team_no",)
        return Worth(to_score(cue_logit(found) + shift), by_weight((*found, *learned)))

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "kind": "factcheck check-worthiness model",
            "dimensions": DIMENSIONS,
            "examples": self.examples,
            "digest": self.digest,
            "bias": self.bias,
            "weights": [[i, round(w, 6)] for i, w in sorted(self.weights.items()) if w],
        }


def digest_of(examples: Iterable[tuple[str, bool]]) -> str:
    """Identifies a set of training tags, whatever their order."""
    lines = sorted(f"{int(y)}\t{' '.join(text.split())}" for text, y in examples)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def enough(examples: Sequence[tuple[str, bool]]) -> bool:
    positive = sum(1 for _, y in examples if y)
    return len(examples) >= MIN_TAGS and min(positive, len(examples) - positive) >= MIN_EACH


Row = tuple[float, list[int], bool]
"""A training example ready for fitting: the cues' log-odds, the features, the target."""


def prepare(examples: Iterable[tuple[str, bool]]) -> list[Row]:
    rows = []
    for text, y in examples:
        found, words = cues_of(text), words_of(text)
        rows.append((cue_logit(found), features(words, found), y))
    return rows


def train(examples: Sequence[tuple[str, bool]], **options: float) -> Model:
    """Fit a model to ``(claim text, worth checking)`` pairs."""
    model = fit(prepare(examples), **options)
    model.digest = digest_of(examples)
    return model


def fit(
    rows: Sequence[Row],
    *,
    epochs: int = 0,
    rate: float = 0.05,
    l2: float = 1e-3,
    balance: float = 0.0,
    seed: int = 0,
) -> Model:
    """Stochastic gradient descent on the log loss, from the cues' log-odds.

    ``epochs`` 0 means as many passes as give about 20,000 steps (3 to 100):
    a team's few hundred tags get many passes, a large set three.
    ``balance`` between 0 (none) and 1 (full) weights the rarer class up.
    The defaults were chosen on the tune half of bench/checkworthy.py.
    """
    if not epochs:
        epochs = max(3, min(100, 20_000 // max(len(rows), 1)))
    positive = sum(1 for *_, y in rows if y)
    negative = len(rows) - positive
    weight_of = {
        True: (len(rows) / (2 * positive)) ** balance if positive else 1.0,
        False: (len(rows) / (2 * negative)) ** balance if negative else 1.0,
    }
    model = Model(examples=len(rows))
    weights = model.weights
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(int(epochs)):
        rng.shuffle(order)
        step = rate * (1.0 - 0.9 * epoch / epochs)  # down to a tenth by the last pass
        decay = 1.0 - step * l2
        for index in order:
            offset, indexes, y = rows[index]
            scale = _scale(indexes)
            z = offset + model.bias + scale * sum([weights.get(i, 0.0) for i in indexes])
            p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
            gradient = (p - y) * weight_of[y] * step
            model.bias -= gradient
            gradient *= scale
            for i in indexes:
                weights[i] = weights.get(i, 0.0) * decay - gradient
    return model


def model_path(annotations: Path) -> Path:
    return annotations / ".model" / "checkworthy.json"


def load(path: Path, digest: str | None = None) -> Model | None:
    """The stored model, or None if missing, unreadable, foreign or for other tags."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("dimensions") != DIMENSIONS:
            return None
        if digest is not None and data.get("digest") != digest:
            return None
        bias = float(data["bias"])
        weights: dict[int, float] = {}
        for i, w in data["weights"]:
            if not isinstance(i, int) or not 0 <= i < DIMENSIONS:
                return None
            weights[i] = float(w)
        values = [bias, *weights.values()]
        if not all(math.isfinite(v) for v in values):
            return None
        return Model(bias, weights, int(data["examples"]), str(data["digest"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def save(model: Model, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore_in_git(path.parent, "# Rebuilt from the tags by factcheck; not worth sharing.\n*\n")
    write_atomic(path, json.dumps(model.to_json(), separators=(",", ":")) + "\n")


def team_model(annotations: Path, examples: Sequence[tuple[str, bool]]) -> Model | None:
    """The model for these tags: the stored one if it matches, else trained (and kept).

    None when there are not enough tags yet. Failing to save is not an error:
    the model is only a cache of what the tags say.
    """
    if not enough(examples):
        return None
    path = model_path(annotations)
    digest = digest_of(examples)
    model = load(path, digest)
    if model is None:
        model = train(examples)
        with contextlib.suppress(OSError):
            save(model, path)
    return model
