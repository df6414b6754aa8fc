"""What a cached reading costs the reader: shared strings, and nothing for the collector to scan.

``similar``'s matcher keeps up to 50,000 readings for the reader's lifetime; at 100k
claims the cyclic collector's full passes over them were ~90-230 ms pauses.
"""

from __future__ import annotations

import gc

from tui.core.match import Matcher, load_aliases
from tui.core.match.tokens import read

FIRST = "Serbia signed 12 contracts with France on August 24, the ministry said."
SECOND = "The ministry said Serbia had not signed the contracts with France."


def test_a_readings_columns_are_untracked_by_the_collector() -> None:
    reading = read(FIRST, load_aliases())
    gc.collect()
    columns = (reading.keys, reading.kinds, reading.texts, reading.starts, reading.ends)
    assert all(not gc.is_tracked(column) for column in (*columns, reading.terms, reading.normal))


def test_a_weighed_claims_key_positions_are_untracked() -> None:
    matcher = Matcher(lambda term: 1.0, load_aliases())
    weighed = matcher._weigh(SECOND)  # "not": a negator, and keys found once
    gc.collect()
    assert not gc.is_tracked(weighed.once)
    assert not gc.is_tracked(weighed.weights)


def test_two_readings_share_the_words_they_both_hold() -> None:
    aliases = load_aliases()
    first, second = read(FIRST, aliases), read(SECOND, aliases)
    ministry = first.normal.index("ministry"), second.normal.index("ministry")
    assert first.normal[ministry[0]] is second.normal[ministry[1]]
    written = first.texts.index("contracts"), second.texts.index("contracts")
    assert first.texts[written[0]] is second.texts[written[1]]
