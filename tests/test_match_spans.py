"""The matcher's fast word spans are the reference ones: :func:`term_spans` less hyphenated words.

``tokens._spans`` skips the offset map when every character outside ASCII folds
to one character; these texts mix such characters with those that do not
(``ß`` → ``ss``, ``İ`` → two, combining marks → none, Cherokee, whose case fold
is a capital) and with every kind of hyphen and apostrophe.
"""

from __future__ import annotations

import random

import pytest

from tui.core.match.tokens import _spans
from tui.core.normalize import term_spans

_PIECES = (
    "the Serbia 12 2.6 250,000 €1bn £5 ¥9 $3 don't Serbia's it’s rock'n'roll "
    "de-escalate de‐escalate co‑operate Vučić Đoković Straße İstanbul ﬁnal Ꭰꭰ naïve "
    "café e\u0301 — – “quoted” «guillemets» 8% 3½ ２０ Ｆｕｌｌ ΑΘΗΝΑ Москва 東京 x\u00a0y "
    "Ⅻ ǅ ŉ ﬀ ı ſ ẞ"
).split()


def _text(rng: random.Random) -> str:
    seps = (" ", " ", " ", "", "-", "‐", "'", "’", ", ", ". ", "\u00a0")
    return "".join(rng.choice(_PIECES) + rng.choice(seps) for _ in range(rng.randint(1, 25)))


@pytest.mark.parametrize("seed", range(20))
def test_fast_spans_are_the_reference_spans(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text = _text(rng)
        reference = [(t, s, e) for t, s, e in term_spans(text) if "-" not in text[s:e]]
        assert _spans(text) == reference, text
