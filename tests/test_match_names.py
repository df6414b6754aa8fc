"""Names in ``differs``: a discrepancy only where two reports name another one in one place.

Two reports of one fact often name different people, outlets or places for it (who
said it, where it was said); pairing any name left over on each side filled the
inspector with "001 says Naming where this says Tom Galvin".
"""

from __future__ import annotations

import pytest

from tui.core.match import Matcher, load_aliases
from tui.core.match.differs import one_name
from tui.core.match.matcher import idf_from_counts


def names(a: str, b: str) -> list[tuple[str, str]]:
    matcher = Matcher(idf_from_counts(lambda term: 2, 1000), load_aliases())
    return [(d.here, d.there) for d in matcher.compare(a, b).differs if d.kind == "name"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # who said it, named in two other places
            "Shares of the bank fell 3% in Frankfurt on Monday.",
            "The bank's shares fell 3% on Monday, Bloomberg reported.",
        ),
        (  # one aligned word between the two names on one side
            "Fire spokesman Gordon Gay said crews had an advantage because of last year's blaze.",
            "Crews had an advantage because of last year's fire north of Mount Lemmon.",
        ),
        (  # next to the same word, but across a comma on one side
            "Hackett had no connection to Colby, Doyle said on Friday.",
            "Lieutenant Timothy Doyle said on Friday that Hackett had no connection.",
        ),
        (  # an acronym and the name it stands for
            "The Financial Times reported that the deal was worth $2 billion.",
            "The deal was worth $2 billion, according to the FT.",
        ),
        (  # the capitals of a name of several words, "of" among them
            "A GBI spokesman said the killer was very methodical.",
            "A Georgia Bureau of Investigation spokesman said the killer was very methodical.",
        ),
        (  # a name the alias table knows by another ("Kremlin": Russia)
            "Many viewers in Serbia believe Russian talking points about the war.",
            "The state media in Serbia amplify Kremlin talking points about the war.",
        ),
        (  # one writing within the other
            "Habis Abdullah al Saoub remains at large, police said.",
            "Habis Abdu al Saoub remains at large, police said.",
        ),
    ],
)
def test_names_in_other_places_or_two_writings_of_one_are_no_discrepancy(a: str, b: str) -> None:
    assert names(a, b) == []
    assert names(b, a) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The president will travel to Berlin next week to meet the chancellor.",
            "The president will travel to Vienna next week to meet the chancellor.",
            ("Berlin", "Vienna"),
        ),
        (  # the same slot in a sentence turned around
            "Next week the German chancellor will travel to Belgrade to meet the president.",
            "The president will travel to Vienna next week to meet the German chancellor.",
            ("Belgrade", "Vienna"),
        ),
        (  # a name of several words, written whole
            "The summit was chaired by the Bank of England on Monday.",
            "The summit was chaired by the Federal Reserve on Monday.",
            ("Bank of England", "Federal Reserve"),
        ),
    ],
)
def test_a_name_changed_in_its_place_is_named_whole(
    a: str, b: str, expected: tuple[str, str]
) -> None:
    assert names(a, b) == [expected]
    assert names(b, a) == [expected[::-1]]


def test_one_name() -> None:
    assert one_name("FT", "Financial Times")
    assert one_name("CHOGM", "Commonwealth Heads of Government")
    assert one_name("Siemens", "Siemens Energy")
    assert not one_name("Siemens", "Alstom")
    assert not one_name("AMC", "AustMag")
    assert not one_name("NS", "Belgrade")
    assert not one_name("US", "Russia")  # "us" is in "russia"
    assert not one_name("UK", "Ukraine")
    assert not one_name("Mali", "Somalia")
    assert one_name("Russia", "Russian")
