"""Word alignment of two readings: which token of one claim is which token of the other.

Tokens align when their keys are equal (one stem, one quantity, one alias), a
quantity with the same value whose unit one side leaves out ("€1bn" / "1bn"),
or a word within a typo of the other (``recaled`` / ``recalled``; never a
number: a number with a typo is another number). Each token aligns at most
once. What stays unaligned on both sides is where two claims may disagree.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.match.tokens import NAME, QUANTITIES, WORD, Reading, Token
from tui.core.normalize import max_edits


@dataclass(frozen=True, slots=True)
class Alignment:
    a: tuple[Token, ...]
    b: tuple[Token, ...]
    """The two claims' tokens."""
    pairs: dict[int, tuple[int, float]]
    """Index in ``a`` -> (index in ``b``, similarity 0–1)."""
    aligned_b: Set[int]
    """The indexes in ``b`` that ``pairs`` holds, as :func:`align` gathered them: every
    measure of a pair (discrepancies, opposites, the model's features) reads them."""

    def partner(self, i: int) -> int | None:
        found = self.pairs.get(i)
        return found[0] if found else None

    def unaligned_a(self) -> list[int]:
        return [i for i in range(len(self.a)) if i not in self.pairs]

    def unaligned_b(self) -> list[int]:
        taken = self.aligned_b
        return [j for j in range(len(self.b)) if j not in taken]


def align(
    first: Reading,
    second: Reading,
    keys: tuple[dict[str, int], dict[str, tuple[int, ...]] | None] | None = None,
) -> Alignment:
    """``keys``: where each key stands among ``second``'s tokens, if known already: the
    position of a key found once, and the positions of each key found more often."""
    a, b = first.tokens, second.tokens
    pairs: dict[int, tuple[int, float]] = {}
    once, more = keys if keys is not None else key_positions(b)
    taken: set[int] = set()
    get = once.get
    for i, token in enumerate(a):
        j = get(token.key)
        if j is not None:
            if j not in taken:
                pairs[i] = (j, 1.0)
                taken.add(j)
            continue
        if more is not None:
            for j in more.get(token.key, ()):
                if j not in taken:
                    pairs[i] = (j, 1.0)
                    taken.add(j)
                    break
    left = [i for i in range(len(a)) if i not in pairs]
    if not left:
        return Alignment(a, b, pairs, taken)
    right = [j for j in range(len(b)) if j not in taken]
    _align_quantities(a, b, left, right, pairs, taken)
    _align_typos(a, b, left, right, pairs, taken)
    return Alignment(a, b, pairs, taken)


def _align_quantities(
    a: tuple[Token, ...],
    b: tuple[Token, ...],
    left: list[int],
    right: list[int],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> None:
    """The same value where one side leaves the unit out ("€1bn" / "1bn")."""
    ys = [j for j in right if b[j].kind in QUANTITIES]
    if not ys:
        return
    for i in left:
        if a[i].kind not in QUANTITIES:
            continue
        for j in ys:
            if j not in taken and _same_value(a[i], b[j]):
                pairs[i] = (j, 1.0)
                taken.add(j)
                break


def _align_typos(
    a: tuple[Token, ...],
    b: tuple[Token, ...],
    left: list[int],
    right: list[int],
    pairs: dict[int, tuple[int, float]],
    taken: set[int],
) -> None:
    """A word within a typo of a word of the other side (never a number, nor an alias)."""
    # Words, and one-word aliases as written ("Serbia" / "Serbian"), not phrases (tested
    # inline: this runs for every candidate pair).
    ys = [j for j in right if j not in taken and b[j].kind in _TYPO_KINDS and " " not in b[j].term]
    if not ys:
        return
    choices = [b[j].term for j in ys]  # a taken word is blanked: built once, not per word
    for i in left:
        token = a[i]
        term = token.term
        if len(term) <= 3 or i in pairs or token.kind not in _TYPO_KINDS or " " in term:
            continue  # max_edits(term) is 0 up to 3 letters
        k = max_edits(term)
        found = process.extractOne(term, choices, scorer=OSA.distance, score_cutoff=k)
        if found is None:
            continue
        other, distance, at = found
        # Typos tolerated by the shorter word, so that A~B exactly when B~A.
        if not other or distance > max_edits(min(token.term, other, key=len)):
            continue
        pairs[i] = (ys[at], 1.0 - distance / max(len(token.term), len(other)))
        taken.add(ys[at])
        choices[at] = ""


_TYPO_KINDS = (WORD, NAME)


def key_positions(tokens: tuple[Token, ...]) -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """The ``keys`` of :func:`align` for ``tokens``."""
    found: dict[str, list[int]] = {}
    for j, token in enumerate(tokens):
        found.setdefault(token.key, []).append(j)
    once = {key: at[0] for key, at in found.items() if len(at) == 1}
    return once, {key: tuple(at) for key, at in found.items() if len(at) > 1}


def _same_value(x: Token, y: Token) -> bool:
    vx, vy = x.key.rstrip(_UNIT_LETTERS), y.key.rstrip(_UNIT_LETTERS)
    return vx == vy and (x.kind == y.kind or "%" not in x.key + y.key)


_UNIT_LETTERS = "%ABCDEFGHIJKLMNOPQRSTUVWXYZ"
