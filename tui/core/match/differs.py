"""Discrepancies: the details in which two claims of one fact disagree.

A fact-checker cares most about a report that states the same thing with
another number, date, name or polarity ("001 says 14 where this says 12"), or
with a word turned into its opposite ("rose" / "fell").
After alignment, a detail left unaligned on *both* sides is a discrepancy
when the two stand in the same place: their neighbouring aligned words
correspond ("12 Rafale" / "14 Rafale"), or, for a figure, each side has
exactly one of that kind. A name must stand in the same place: two reports of
one fact often name different people or outlets for it ("a spokesman said" /
"Mr X told Reuters"), and two writings of one name ("FT" / "Financial Times",
"Abdu" / "Abdullah") are no discrepancy. A detail only one side has is extra
information, not a disagreement. Negation is a matter of polarity: one side
negated ("not", or "refused to", "failed to"), the other not.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from tui.core.match.align import Alignment
from tui.core.match.figures import dates_disagree
from tui.core.match.opposites import opposite_pairs
from tui.core.match.tokens import DATE, NAME, NEGATION, NUMBER, PERCENT, WORD, YEAR, Reading

OPPOSITE = "opposite"
"""A word turned into its opposite ("rose" / "fell", "approved" / "rejected"):
:mod:`.opposites`."""
KINDS = (NUMBER, PERCENT, DATE, YEAR, NAME, NEGATION, OPPOSITE)
"""Kinds of discrepancy, as named in ``similar --json`` and ``compare --json``."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One detail that disagrees: ``here`` as the first claim writes it, ``there`` the other."""

    kind: str
    here: str
    there: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "here": self.here, "there": self.there}

    def describe(self, where: str) -> str:
        """A sentence for the screen: "001 says 14 where this says 12"."""
        if self.kind == NEGATION:
            return f"{where} says “{self.there}” where this says “{self.here}”"
        return f"{where} says {self.there} where this says {self.here}"


def find_differences(alignment: Alignment, text_a: str, text_b: str) -> list[Difference]:
    """The discrepancies between two aligned claims, in the order of the first claim."""
    found: list[tuple[int, Difference]] = []
    loose_a = alignment.unaligned_a()
    loose_b = alignment.unaligned_b()
    # The loose tokens of each kind, in order, sorted out once (not once per kind).
    a, b = alignment.a, alignment.b
    of_a, of_b = _by_kind(a.kinds, loose_a), _by_kind(b.kinds, loose_b)
    for kind in (NUMBER, PERCENT, DATE, YEAR):
        xs, ys = of_a.get(kind), of_b.get(kind)
        if not xs or not ys:
            continue  # nothing to pair
        for i, j in _match_places(alignment, xs, ys):
            if kind == DATE and not dates_disagree(a.keys[i], b.keys[j]):
                continue  # "in June" / "on June 26": the same month, one more precise
            found.append((i, Difference(kind, a.texts[i], b.texts[j])))
    if of_a.get(NAME) and of_b.get(NAME):
        for i, here, there in _pair_names(alignment, loose_a, loose_b, text_a, text_b):
            found.append((i, Difference(NAME, here, there)))
    for i, j in opposite_pairs(alignment):
        found.append((i, Difference(OPPOSITE, a.texts[i], b.texts[j])))
    negation = _negation(
        alignment,
        _negators(a, of_a, alignment.pairs, text_a),
        _negators(b, of_b, alignment.aligned_b, text_b),
        text_a,
        text_b,
    )
    if negation is not None:
        found.append(negation)
    found.sort(key=lambda pair: pair[0])
    return [difference for _, difference in found]


def _by_kind(kinds: tuple[str, ...], loose: list[int]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for i in loose:
        kind = kinds[i]
        if kind in found:
            found[kind].append(i)
        else:
            found[kind] = [i]
    return found


def _pair_names(
    alignment: Alignment, loose_a: list[int], loose_b: list[int], text_a: str, text_b: str
) -> list[tuple[int, str, str]]:
    """The loose names of each side that stand in the same place and are not two
    writings of one name (:func:`one_name`): where the first starts, and each as written.

    A run of capitalised words ("New Mexico", "Bureau of Investigation") is one name:
    the runs pair when a word right next to one, before or after it, is aligned with
    the word right next to the other on the same side ("travel to Berlin next week" /
    "travel to Vienna next week"). Nothing looser pairs: not two names one aligned word
    away ("Fire spokesman Gordon Gay said" / "last year's fire north of Mount Lemmon"),
    nor two across a clause's punctuation ("no connection to Colby, Doyle said" / "Lt.
    Timothy Doyle said").
    """
    a = _Names(alignment.a, text_a, set(loose_a))
    b = _Names(alignment.b, text_b, set(loose_b))
    runs_b = b.runs()
    pairs: list[tuple[int, str, str]] = []
    used: set[int] = set()
    for i, end in a.runs():
        before = alignment.partner(i - 1) if i > 0 and a.next_to(i - 1) else None
        after = alignment.partner(end + 1) if a.next_to(end) else None
        for j, end_b in runs_b:
            if j in used:
                continue
            if (before is not None and before == j - 1 and b.next_to(j - 1)) or (
                after is not None and after == end_b + 1 and b.next_to(end_b)
            ):
                here, there = a.written(i, end), b.written(j, end_b)
                if not (one_name(here, there) or one_name(a.known(i, here), b.known(j, there))):
                    pairs.append((i, here, there))
                used.add(j)
                break
    return pairs


@dataclass(frozen=True, slots=True)
class _Names:
    """One side's loose names: where each starts and ends."""

    reading: Reading
    text: str
    loose: set[int]

    def runs(self) -> list[tuple[int, int]]:
        """(first, last) token of each loose name."""
        kinds, loose = self.reading.kinds, self.loose
        found: list[tuple[int, int]] = []
        for i in sorted(loose):
            if kinds[i] != NAME or (found and found[-1][1] >= i):
                continue
            end = i
            while end + 1 in loose and kinds[end + 1] == NAME and self._one_name(end):
                end += 1
            found.append((i, end))
        return found

    def _gap(self, i: int) -> str:
        reading = self.reading
        return self.text[reading.ends[i] : reading.starts[i + 1]]

    def _one_name(self, i: int) -> bool:
        """Tokens ``i`` and ``i + 1`` are words of one name: a space between, or " of "."""
        return self._gap(i) in (" ", " of ")

    def next_to(self, i: int) -> bool:
        """Tokens ``i`` and ``i + 1`` exist and stand in one clause (only words between)."""
        if i + 1 >= len(self.reading.keys):
            return False
        return not any(mark in self._gap(i) for mark in _CLAUSE_ENDS)

    def written(self, first: int, last: int) -> str:
        reading = self.reading
        return self.text[reading.starts[first] : reading.ends[last]]

    def known(self, i: int, written: str) -> str:
        """The name the alias table knows the name at token ``i`` by ("Russia" for
        "Kremlin"), else as written."""
        key = self.reading.keys[i]
        return key[1:] if key.startswith("=") else written


def _match_places(alignment: Alignment, xs: list[int], ys: list[int]) -> list[tuple[int, int]]:
    """Pair loose details that stand in the same place; a lone one on each side pairs too."""
    if not xs or not ys:
        return []
    if len(xs) == 1 and len(ys) == 1:
        # Paired whether or not they stand in the same place (the commonest case: one
        # changed detail), so without looking at their neighbours.
        return [(xs[0], ys[0])]
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    taken = alignment.aligned_b
    before_b = {j: _aligned_neighbour_b(alignment, j, -1, taken) for j in ys}
    after_b = {j: _aligned_neighbour_b(alignment, j, +1, taken) for j in ys}
    for i in xs:
        before = alignment.partner(_neighbour(alignment, i, -1))
        after = alignment.partner(_neighbour(alignment, i, +1))
        for j in ys:
            if j in used:
                continue
            if (before is not None and before == before_b[j]) or (
                after is not None and after == after_b[j]
            ):
                pairs.append((i, j))
                used.add(j)
                break
    rest_a = [i for i in xs if all(i != p for p, _ in pairs)]
    rest_b = [j for j in ys if j not in used]
    if len(rest_a) == 1 and len(rest_b) == 1:
        pairs.append((rest_a[0], rest_b[0]))
    return pairs


def one_name(x: str, y: str) -> bool:
    """Two writings of one name: one the start or the end of the other, four letters
    or more ("Abdu" / "Abdullah", "Basic" / "VisualBasic"; not "UK" / "Ukraine"), or an
    acronym of the other, its capitals in order ("FT" / "Financial Times", "CHOGM" /
    "Commonwealth Heads of Government")."""
    short, long = (x, y) if len(x) < len(y) else (y, x)
    fs, fl = short.casefold().replace(".", ""), long.casefold().replace(".", "")
    if fs == fl or (len(fs) >= 4 and (fl.startswith(fs) or fl.endswith(fs))):
        return True
    initials = [w[0] for w in long.split() if w[0].isupper()]
    letters = iter(short.replace(".", ""))
    return (
        len(initials) > 1
        and short.replace(".", "").isupper()
        and short[0] == initials[0]
        and all(initial in letters for initial in initials)
    )


def _neighbour(alignment: Alignment, i: int, step: int) -> int:
    """The nearest aligned token of ``a`` before (step -1) or after (step +1) token ``i``."""
    k = i + step
    while 0 <= k < len(alignment.a.keys) and k not in alignment.pairs:
        k += step
    return k


def _aligned_neighbour_b(alignment: Alignment, j: int, step: int, taken: set[int]) -> int | None:
    k = j + step
    while 0 <= k < len(alignment.b.keys):
        if k in taken:
            return k
        k += step
    return None


IMPLICIT_NEGATORS = frozenset({"refus", "declin", "fail", "failur", "unless"})
"""Stems of words that negate the word they stand before, as "not" does: "refused to
resign" / "resigned" is a turned polarity, "declined to comment" / "would not comment"
is not. Before a figure they say something else ("revenue declined to $36.9bn")."""


def _negators(
    reading: Reading, loose: dict[str, list[int]], aligned: Container[int], text: str
) -> list[int]:
    """The loose negators of one side, with the implicit ones that stand right before a
    word both sides state (``loose``: the side's loose tokens by kind)."""
    found = loose.get(NEGATION, [])
    keys = reading.keys
    implicit = [
        i
        for i in loose.get(WORD, ())
        if keys[i] in IMPLICIT_NEGATORS
        and i + 1 < len(keys)
        and reading.kinds[i + 1] == WORD
        and _next_is_aligned(reading, i, aligned, text)
    ]
    return sorted(found + implicit) if implicit else found


def _negation(
    alignment: Alignment, neg_a: list[int], neg_b: list[int], text_a: str, text_b: str
) -> tuple[int, Difference] | None:
    """``neg_a``, ``neg_b``: the loose negators of each side."""
    if len(neg_a) % 2 == len(neg_b) % 2:
        return None
    # Only a negation of a word both sides state ("has not been met" / "has been met"):
    # a "not" before words the other side lacks says something else, not the opposite.
    neg_a = [i for i in neg_a if _next_is_aligned(alignment.a, i, alignment.pairs, text_a)]
    taken = alignment.aligned_b
    neg_b = [j for j in neg_b if _next_is_aligned(alignment.b, j, taken, text_b)]
    if not neg_a and not neg_b:
        return None
    if neg_a:
        here, there = _negation_phrases(alignment, neg_a[0], text_a, text_b, forward=True)
        return neg_a[0], Difference(NEGATION, here, there)
    # Mirror the alignment so the negated side is "a", then swap the phrases back.
    mirrored = Alignment(
        alignment.b,
        alignment.a,
        {j: (i, s) for i, (j, s) in alignment.pairs.items()},
        alignment.pairs.keys(),
    )
    there, here = _negation_phrases(mirrored, neg_b[0], text_b, text_a, forward=True)
    at = _neighbour(mirrored, neg_b[0], +1)
    return (mirrored.partner(at) or 0), Difference(NEGATION, here, there)


def _next_is_aligned(reading: Reading, i: int, aligned: Container[int], text: str) -> bool:
    """The content word after negator ``i`` is aligned and in its clause: a negation's
    scope ends at a clause's punctuation ("That wasn't all: by 2010, he hoped…" negates
    nothing the other claim states)."""
    kinds = reading.kinds
    k = i + 1
    while k < len(kinds) and kinds[k] == NEGATION:
        k += 1
    if k >= len(kinds) or k not in aligned:
        return False
    between = text[reading.ends[k - 1] : reading.starts[k]]
    return not any(mark in between for mark in _CLAUSE_ENDS)


_CLAUSE_ENDS = ",;:.!?()—–"
"""Punctuation that ends a negation's scope."""


def _negation_phrases(
    alignment: Alignment, i: int, text_a: str, text_b: str, *, forward: bool
) -> tuple[str, str]:
    """ "has not been met" on the negated side, "has been met" on the other."""
    before = _neighbour(alignment, i, -1)
    after = _neighbour(alignment, i, +1)
    starts_a, ends_a = alignment.a.starts, alignment.a.ends
    starts_b, ends_b = alignment.b.starts, alignment.b.ends
    start_a = ends_a[before] if before >= 0 else _words_back(text_a, starts_a[i], 2)
    end_a = ends_a[after] if after < len(ends_a) else ends_a[i]
    here = text_a[start_a:end_a]
    pb = alignment.partner(before) if before >= 0 else None
    pa = alignment.partner(after) if after < len(ends_a) else None
    if pa is not None:
        end_b = ends_b[pa]
        start_b = (
            ends_b[pb]
            if pb is not None and ends_b[pb] <= starts_b[pa]
            else (_words_back(text_b, starts_b[pa], 3))
        )
    elif pb is not None:
        start_b, end_b = ends_b[pb], min(len(text_b), ends_b[pb] + 30)
    else:
        start_b, end_b = 0, min(len(text_b), 40)
    there = text_b[start_b:end_b]
    return _tidy(here), _tidy(there)


def _words_back(text: str, at: int, count: int) -> int:
    start = at
    for _ in range(count):
        start = text.rfind(" ", 0, max(0, start - 1)) + 1
        if start <= 0:
            return 0
    return start


def _tidy(phrase: str) -> str:
    return " ".join(phrase.strip(" ,;:.—–-\"'“”‘’()").split())
