"""A short claim held in a longer one, with a figure that disagrees, is shown (``related``).

"Serbia signed a contract for 14 Rafale fighter jets, the defence ministry said on
Thursday" (a page added with ``factcheck add``) is all but contained in 000's long
sentence about "12 Rafale fighter jets", but their overlap (a Dice of both sides) was
below both bands: the conflicting figure was shown nowhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tui.core.corpus import load_corpus
from tui.core.match import RELATED, Matcher
from tui.core.search import SearchIndex
from tui.core.similar import matcher_for

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LONG = (
    "Serbia has also signed strategic energy deals with Berlin and Washington and secured a "
    "€1bn military contract with France for 12 Rafale fighter jets, an astonishing move "
    "considering Serbia’s alignment with Putin."
)
SHORT = (
    "Serbia signed a contract for 14 Rafale fighter jets, the defence ministry said on Thursday."
)


@cache
def matcher() -> Matcher:
    """The seeds' rarity weights: "defence" and "ministry" weigh as much as "Rafale"."""
    return matcher_for(SearchIndex.build(load_corpus([SEEDS])))


def test_a_conflicting_figure_within_a_longer_claim_is_related() -> None:
    m = matcher()
    for a, b, here, there in ((SHORT, LONG, "14", "12"), (LONG, SHORT, "12", "14")):
        match = m.compare(a, b)
        assert match.band == RELATED
        assert [(d.kind, d.here, d.there) for d in match.differs] == [("number", here, there)]


def test_a_claim_of_a_few_words_is_not_held_in_every_claim_that_has_them() -> None:
    assert matcher().compare("Serbia bought 14 jets.", LONG).band is None


def test_the_inspector_names_a_related_match_by_its_band_not_its_low_score() -> None:
    from tui.app.widgets.inspector import AlsoIn, _also_in_line

    line = _also_in_line(
        [AlsoIn("000", 2, related=True), AlsoIn("001", 95)], "", "000 says 12 where this says 14"
    )
    assert line.plain == "Also in  000 (related) · 001 (95)  ≠ 000 says 12 where this says 14"
