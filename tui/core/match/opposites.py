"""Words of opposite sense: "rose" / "fell", "approved" / "rejected", "reopened" / "closed".

A copy of a claim with one verb turned into its opposite states the opposite fact
with nearly every word the same, and no overlap can see it; a negator would, but
news says "fell", not "did not rise". So the matcher knows a short table of
opposites common in news (each group's forms, by stem: irregular forms listed).
It serves :func:`tui.core.match.calibrate.changed_copy`, and :func:`opposite_pairs`
names the words in ``differs`` ("rose" here, "fell" there); it is no thesaurus.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

from tui.core.match.align import Alignment
from tui.core.match.tokens import NAME, WORD, Reading, stem

_GROUPS = {
    "up": "rise rose risen rising increase gain gained climb climbed jump jumped surge soar "
    "grow grew grown rally boost higher highest accelerate quicken",
    "down": "fall fell fallen falling decrease drop dropped decline slip slipped plunge slump "
    "shrink shrank shrunk lower lowest slow slowed cut reduce",
}
"""Two sides of a movement: any word of one side is the opposite of any of the other."""

_PAIRS = (
    ("raise raised", "cut lower reduce"),
    ("win won victory", "lose lost defeat"),
    ("open opened reopen reopened", "close closed shut"),
    ("approve approved accept accepted pass passed", "reject rejected veto vetoed"),
    ("allow allowed permit permitted lift lifted", "ban banned forbid forbade impose imposed"),
    ("support supported", "oppose opposed"),
    ("confirm confirmed admit admitted", "deny denied"),
    ("acquit acquitted", "convict convicted sentence sentenced jail jailed"),
    ("guilty", "innocent"),
    ("begin began begun start started", "end ended stop stopped finish finished"),
    ("join joined enter entered", "leave left quit"),
    ("hire hired", "fire fired sack sacked"),
    ("buy bought", "sell sold"),
    ("export exported", "import imported"),
    ("best", "worst"),
    ("strengthen strengthened strong", "weaken weakened weak"),
    ("expand expanded", "shrink shrank"),
    ("succeed succeeded success", "fail failed failure"),
    ("survive survived live lived", "die died"),
    ("add added", "cancel cancelled canceled remove removed"),
    ("trust trusted", "distrust distrusted"),
    ("profit", "loss"),
    ("legal", "illegal"),
    ("include included", "exclude excluded"),
    ("release released free freed", "arrest arrested detain detained"),
    ("agree agreed", "disagree disagreed"),
    ("first", "last"),
    ("maximum", "minimum"),
    ("majority", "minority"),
    ("positive", "negative"),
)


@cache
def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}

    def oppose(xs: str, ys: str) -> None:
        left, right = {stem(w) for w in xs.split()}, {stem(w) for w in ys.split()}
        for x in left:
            table.setdefault(x, set()).update(right - left)
        for y in right:
            table.setdefault(y, set()).update(left - right)

    oppose(_GROUPS["up"], _GROUPS["down"])
    for xs, ys in _PAIRS:
        oppose(xs, ys)
    return {key: frozenset(values) for key, values in table.items()}


def contrasts(alignment: Alignment) -> set[str]:
    """Keys of the unaligned words of either side that stand opposite an unaligned word of
    the other ("rose" here, "fell" there)."""
    table = _table()
    mine = _loose(alignment.a, alignment.pairs, table)
    if not mine:
        return set()
    keys_a, keys_b = alignment.a.keys, alignment.b.keys
    theirs = {keys_b[j] for j in _loose(alignment.b, alignment.aligned_b, table)}
    found: set[str] = set()
    for i in mine:
        key = keys_a[i]
        hit = table[key] & theirs
        if hit:
            found.add(key)
            found.update(hit)
    return found


def opposite_pairs(alignment: Alignment) -> list[tuple[int, int]]:
    """Unaligned words of ``a`` each paired with the first unaligned word of ``b`` that is its
    opposite ("rose" / "fell"), each word of ``b`` at most once, in ``a``'s order."""
    table = _table()
    mine = _loose(alignment.a, alignment.pairs, table)
    if not mine:
        return []
    theirs = _loose(alignment.b, alignment.aligned_b, table)
    keys_a, keys_b = alignment.a.keys, alignment.b.keys
    found: list[tuple[int, int]] = []
    for i in mine:
        opposite = table[keys_a[i]]
        for j in theirs:
            if keys_b[j] in opposite:
                found.append((i, j))
                theirs.remove(j)
                break
    return found


def _loose(reading: Reading, aligned: Container[int], table: Container[str]) -> list[int]:
    """Positions of the words of ``reading`` left unaligned that have an opposite."""
    kinds = reading.kinds
    return [
        i
        for i, key in enumerate(reading.keys)
        if key in table and i not in aligned and kinds[i] in _KINDS
    ]


_KINDS = (WORD, NAME)
