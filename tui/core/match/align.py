"""Word alignment of two readings: which token of one claim is which token of the other.

Tokens align when their keys are equal (one stem, one quantity, one alias), a
quantity with the same value whose unit one side leaves out ("€1bn" / "1bn"),
or a word within a typo of the other (``recaled`` / ``recalled``; never a
number: a number with a typo is another number). Each token aligns at most
once. What stays unaligned on both sides is where two claims may disagree.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.match.tokens import NAME, QUANTITIES, WORD, Reading
from tui.core.normalize import max_edits


@dataclass(frozen=True, slots=True)
class Alignment:
    a: Reading
    b: Reading
    """The two claims' readings (their tokens by column)."""
    pairs: dict[int, tuple[int, float]]
    """Index in ``a`` -> (index in ``b``, similarity 0–1)."""
    aligned_b: Set[int]
    """The indexes in ``b`` that ``pairs`` holds, as :func:`align` gathered them: every
    measure of a pair (discrepancies, opposites, the model's features) reads them."""

    def partner(self, i: int) -> int | None:
        found = self.pairs.get(i)
        return found[0] if found else None

    def unaligned_a(self) -> list[int]:
        return [i for i in range(len(self.a.keys)) if i not in self.pairs]

    def unaligned_b(self) -> list[int]:
        taken = self.aligned_b
        return [j for j in range(len(self.b.keys)) if j not in taken]


Positions = tuple[dict[str, int], dict[str, tuple[int, ...]] | None]
"""Where each key stands among a claim's tokens: the position of a key found once, and
the positions of each key found more often (``None`` when none is)."""


def align(first: Reading, second: Reading, keys: Positions | None = None) -> Alignment:
    """``keys``: :data:`Positions` of ``second``'s keys, if known already."""
    pairs: dict[int, tuple[int, float]] = {}
    once, more = keys if keys is not None else key_positions(second.keys)
    taken: set[int] = set()
    get = once.get
    for i, key in enumerate(first.keys):
        j = get(key)
        if j is not None:
            if j not in taken:
                pairs[i] = (j, 1.0)
                taken.add(j)
            continue
        if more is not None:
            for j in more.get(key, ()):
                if j not in taken:
                    pairs[i] = (j, 1.0)
                    taken.add(j)
                    break
    n = len(first.keys)
    if len(pairs) == n:
        return Alignment(first, second, pairs, taken)
    left = [i for i in range(n) if i not in pairs]
    right = [j for j in range(len(second.keys)) if j not in taken]
    _align_quantities(first, second, left, right, pairs, taken)
    _align_typos(first, second, left, right, pairs, taken)
    return Alignment(first, second, pairs, taken)


def _align_quantities(
    a: Reading,
    b: Reading,
    left: list[int],
    right: list[int],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> None:
    """The same value where one side leaves the unit out ("€1bn" / "1bn")."""
    kinds_b = b.kinds
    ys = [j for j in right if kinds_b[j] in QUANTITIES]
    if not ys:
        return
    kinds_a, keys_a, keys_b = a.kinds, a.keys, b.keys
    for i in left:
        kind = kinds_a[i]
        if kind not in QUANTITIES:
            continue
        for j in ys:
            if j not in taken and _same_value(keys_a[i], kind, keys_b[j], kinds_b[j]):
                pairs[i] = (j, 1.0)
                taken.add(j)
                break


def _align_typos(
    a: Reading,
    b: Reading,
    left: list[int],
    right: list[int],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> None:
    """A word within a typo of a word of the other side (never a number, nor an alias)."""
    # Words, and one-word aliases as written ("Serbia" / "Serbian"), not phrases (tested
    # inline: this runs for every candidate pair).
    kinds_b, terms_b = b.kinds, b.terms
    ys = [
        j for j in right if j not in taken and kinds_b[j] in _TYPO_KINDS and " " not in terms_b[j]
    ]
    if not ys:
        return
    choices = [terms_b[j] for j in ys]  # a taken word is blanked: built once, not per word
    kinds_a, terms_a = a.kinds, a.terms
    for i in left:
        term = terms_a[i]
        if len(term) <= 3 or i in pairs or kinds_a[i] not in _TYPO_KINDS or " " in term:
            continue  # max_edits(term) is 0 up to 3 letters
        k = max_edits(term)
        found = process.extractOne(term, choices, scorer=OSA.distance, score_cutoff=k)
        if found is None:
            continue
        other, distance, at = found
        # Typos tolerated by the shorter word, so that A~B exactly when B~A.
        if not other or distance > max_edits(min(term, other, key=len)):
            continue
        pairs[i] = (ys[at], 1.0 - distance / max(len(term), len(other)))
        taken.add(ys[at])
        choices[at] = ""


_TYPO_KINDS = (WORD, NAME)


def key_positions(keys: Sequence[str]) -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """The ``keys`` of :func:`align` for a claim's token ``keys``."""
    found: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        found.setdefault(key, []).append(j)
    once = {key: at[0] for key, at in found.items() if len(at) == 1}
    return once, {key: tuple(at) for key, at in found.items() if len(at) > 1}


def _same_value(key_x: str, kind_x: str, key_y: str, kind_y: str) -> bool:
    vx, vy = key_x.rstrip(_UNIT_LETTERS), key_y.rstrip(_UNIT_LETTERS)
    return vx == vy and (kind_x == kind_y or "%" not in key_x + key_y)


_UNIT_LETTERS = "%ABCDEFGHIJKLMNOPQRSTUVWXYZ"
