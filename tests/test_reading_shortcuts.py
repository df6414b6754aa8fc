"""The fast forms of the readers' patterns and tests agree with their plain definitions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.match import tokens
from tui.core.normalize import _COMPOUND, STOPWORDS

_PLAIN_COMPOUND = re.compile(r"\w+(?:-\w+)+")
_TEXT = st.text(alphabet="ab-Éé_1 '.,—", max_size=40)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_compounds_are_the_plain_patterns_matches(text: str) -> None:
    fast = [m.span() for m in _COMPOUND.finditer(text)]
    assert fast == [m.span() for m in _PLAIN_COMPOUND.finditer(text)]


def _plain_heading(text: str, spans: list[tuple[str, int, int]]) -> bool:
    words = [text[s] for t, s, _ in spans if t not in STOPWORDS and text[s].isalpha()]
    return len(words) >= 3 and sum(map(str.isupper, words)) >= 0.8 * len(words)


_WORDS = st.sampled_from(["The", "the", "Big", "red", "Fox", "of", "ÉTAT", "état", "12", "東京"])


@given(st.lists(_WORDS, max_size=14))
@settings(max_examples=400, deadline=None)
def test_the_heading_test_stopping_early_says_what_counting_every_word_says(
    words: list[str],
) -> None:
    text = " ".join(words)
    spans = tokens._spans(text)
    assert tokens._looks_like_heading(text, spans) == _plain_heading(text, spans)


def test_a_heading_and_a_sentence() -> None:
    for text, heading in (
        ("Serbia Signs The Energy Deal With Hungary", True),
        ("Serbia signs the energy deal with Hungary", False),
    ):
        assert tokens._looks_like_heading(text, tokens._spans(text)) is heading
