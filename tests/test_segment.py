"""Sentence segmentation on hard cases, and the span contract (trimmed, exact, ordered).

``HARD_CASES`` is also read by ``bench/segmenters.py`` to compare segmenters.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.segment import sentence_spans

HARD_CASES: list[tuple[str, str, list[str]]] = [
    # (kind, paragraph, expected sentences)
    (
        "initialism",
        "U.S. Secretary of State Antony Blinken called Serbian President Aleksandar Vucic. "
        "He asked for calm.",
        [
            "U.S. Secretary of State Antony Blinken called Serbian President Aleksandar Vucic.",
            "He asked for calm.",
        ],
    ),
    (
        "initialism",
        "The talks were held in the U.S. The next day, they ended.",
        ["The talks were held in the U.S.", "The next day, they ended."],
    ),
    (
        "initialism",
        "It faces no accountability from the U.S. Instead, Washington refrains.",
        ["It faces no accountability from the U.S.", "Instead, Washington refrains."],
    ),
    (
        "initialism",
        "He works for the U.S. State Department. It is in Washington.",
        ["He works for the U.S. State Department.", "It is in Washington."],
    ),
    (
        "initialism",
        "The U.N. Security Council met. It adjourned.",
        ["The U.N. Security Council met.", "It adjourned."],
    ),
    (
        "initialism",
        "The E.U. and the U.S. agreed. Russia did not.",
        ["The E.U. and the U.S. agreed.", "Russia did not."],
    ),
    (
        "initialism",
        "In the U.S. he is popular. In Serbia he is not.",
        ["In the U.S. he is popular.", "In Serbia he is not."],
    ),
    (
        "initialism",
        "They met in Washington, D.C. on Monday. The talks failed.",
        ["They met in Washington, D.C. on Monday.", "The talks failed."],
    ),
    (
        "initialism",
        "The N.A.T.O. summit ended. Leaders left.",
        ["The N.A.T.O. summit ended.", "Leaders left."],
    ),
    (
        "initialism",
        "A U.S. Čedomir Jovanović fan club? It exists.",
        ["A U.S. Čedomir Jovanović fan club?", "It exists."],
    ),
    (
        "abbreviation",
        "Dr. Smith met Mr. Jones at 5 p.m. on Friday. They talked.",
        ["Dr. Smith met Mr. Jones at 5 p.m. on Friday.", "They talked."],
    ),
    (
        "abbreviation",
        "Gen. Milley met Sen. Graham. They disagreed.",
        ["Gen. Milley met Sen. Graham.", "They disagreed."],
    ),
    (
        "abbreviation",
        "He moved to St. Louis in 2010. He stayed.",
        ["He moved to St. Louis in 2010.", "He stayed."],
    ),
    (
        "abbreviation",
        "Some states, e.g. Serbia, refused. Others agreed.",
        ["Some states, e.g. Serbia, refused.", "Others agreed."],
    ),
    (
        "abbreviation",
        "Serbia vs. Kosovo was the match. It ended.",
        ["Serbia vs. Kosovo was the match.", "It ended."],
    ),
    (
        "abbreviation",
        "She earned a Ph.D. in 2001. Then she left.",
        ["She earned a Ph.D. in 2001.", "Then she left."],
    ),
    (
        "abbreviation",
        "Thousands marched on Jan. 5. Police watched.",
        ["Thousands marched on Jan. 5.", "Police watched."],
    ),
    (
        "initials",
        "J. R. R. Tolkien wrote it. He was British.",
        ["J. R. R. Tolkien wrote it.", "He was British."],
    ),
    (
        "initials",
        "George W. Bush visited Kosovo. He left.",
        ["George W. Bush visited Kosovo.", "He left."],
    ),
    (
        "initials",
        "Police arrested Mr. A. Jovanović. He denied it.",
        ["Police arrested Mr. A. Jovanović.", "He denied it."],
    ),
    (
        "initials",
        "A. Smith and B. Jones wrote it. They agree.",
        ["A. Smith and B. Jones wrote it.", "They agree."],
    ),
    (
        "quotes",
        "“We have a deal,” Borrell tweeted. “The parties are committed.”",
        ["“We have a deal,” Borrell tweeted.", "“The parties are committed.”"],
    ),
    (
        "quotes",
        'He said "Stop." Then he left.',
        ['He said "Stop."', "Then he left."],
    ),
    (
        "quotes",
        "“It is over.” The crowd cheered.",
        ["“It is over.”", "The crowd cheered."],
    ),
    (
        "quotes",
        "“Why?” he asked. Nobody answered.",
        ["“Why?” he asked.", "Nobody answered."],
    ),
    (
        "quotes",
        "“Is it over?” “No.” He left.",
        ["“Is it over?”", "“No.”", "He left."],
    ),
    (
        "quotes",
        "(The latter slogan calls for war.) It spread fast.",
        ["(The latter slogan calls for war.)", "It spread fast."],
    ),
    (
        "lists",
        "Three options remain: (a) talks, (b) sanctions, and (c) force. None is easy.",
        ["Three options remain: (a) talks, (b) sanctions, and (c) force.", "None is easy."],
    ),
    (
        "lists",
        "1. Serbia refused. 2. Kosovo agreed.",
        ["1. Serbia refused.", "2. Kosovo agreed."],
    ),
    (
        "lists",
        "Items: 1. bread; 2. milk. That is all.",
        ["Items: 1. bread; 2. milk.", "That is all."],
    ),
    (
        "ellipsis",
        "Wait for it... The answer came.",
        ["Wait for it...", "The answer came."],
    ),
    (
        "ellipsis",
        "The so-called ... precedent was cited by Moscow.",
        ["The so-called ... precedent was cited by Moscow."],
    ),
    (
        "ellipsis",
        "He paused… Then he spoke.",
        ["He paused…", "Then he spoke."],
    ),
    (
        "url",
        "See https://example.org/a.b?c=d for the text. It explains more.",
        ["See https://example.org/a.b?c=d for the text.", "It explains more."],
    ),
    (
        "url",
        "Visit www.nato.int/cps/en. It is official.",
        ["Visit www.nato.int/cps/en.", "It is official."],
    ),
    (
        "email",
        "Write to j.doe@example.co.uk for details. We reply fast.",
        ["Write to j.doe@example.co.uk for details.", "We reply fast."],
    ),
    (
        "email",
        "Contact press@nato.int. They answer.",
        ["Contact press@nato.int.", "They answer."],
    ),
    (
        "numbers",
        "The budget rose 3.5 percent in 2023. It was $1.2bn.",
        ["The budget rose 3.5 percent in 2023.", "It was $1.2bn."],
    ),
    (
        "spaces",
        "It ended.\u00a0The next day began.",
        ["It ended.", "The next day began."],
    ),
    (
        "punctuation",
        "Why now? Because the West waited! It is late.",
        ["Why now?", "Because the West waited!", "It is late."],
    ),
    (
        "punctuation",
        "Serbia—backed by Moscow—refused. Vučić agreed.",
        ["Serbia—backed by Moscow—refused.", "Vučić agreed."],
    ),
    # Lists: a paragraph that starts with a marker is cut before each next marker.
    (
        "list",
        "1) Ban the toll 2) Review the budget 3) Publish the data",
        ["1) Ban the toll", "2) Review the budget", "3) Publish the data"],
    ),
    (
        "list",
        "1. The toll rises. 2. The bridge closes. 3. Buses are rerouted.",
        ["1. The toll rises.", "2. The bridge closes.", "3. Buses are rerouted."],
    ),
    (
        "list",
        "• 4. Cost of repairs • 5. Who pays",
        ["• 4. Cost of repairs", "• 5. Who pays"],
    ),
    (
        "list",
        "a. The mayor resigns b. The council meets c. A vote is held",
        ["a. The mayor resigns", "b. The council meets", "c. A vote is held"],
    ),
    (
        "list",
        "• Rents went up • Wages did not",
        ["• Rents went up", "• Wages did not"],
    ),
    (
        "list",
        "He listed 1) cost and 2) time. Both matter.",
        ["He listed 1) cost and 2) time.", "Both matter."],
    ),
    (
        "list",
        "A. Smith and B. Jones wrote the report.",
        ["A. Smith and B. Jones wrote the report."],
    ),
    # Quotations and brackets that a sentence goes on after stay whole.
    (
        "quote",
        "“We got this wrong. Nobody checked it,” said the councillor. Then she left.",
        ["“We got this wrong. Nobody checked it,” said the councillor.", "Then she left."],
    ),
    (
        "quote",
        '"Stop. Think. Vote," the posters said.',
        ['"Stop. Think. Vote," the posters said.'],
    ),
    (
        "quote",
        'He said: "It is over. We lost." Then he left.',
        ['He said: "It is over. We lost."', "Then he left."],
    ),
    (
        "quote",
        "We saw “The Goat, or Who Is Sylvia?” at the Almeida. It was long.",
        ["We saw “The Goat, or Who Is Sylvia?” at the Almeida.", "It was long."],
    ),
    (
        "quote",
        "“We won. It was hard.” The crowd cheered.",
        ["“We won.", "It was hard.”", "The crowd cheered."],
    ),
    (
        "brackets",
        "The report (see page 4. It is long.) was published on Monday.",
        ["The report (see page 4. It is long.) was published on Monday."],
    ),
    # Missed splits and false cuts.
    (
        "acronym",
        "The phone had a multi-takings OS. Shame the marketing was so bad!!! It sold well.",
        [
            "The phone had a multi-takings OS.",
            "Shame the marketing was so bad!!!",
            "It sold well.",
        ],
    ),
    (
        "pronoun",
        "The fault was mine, not hers, and I. Did anyone check?",
        ["The fault was mine, not hers, and I.", "Did anyone check?"],
    ),
    (
        "numbers",
        "The team scored 2. The fans cheered.",
        ["The team scored 2.", "The fans cheered."],
    ),
    (
        "numbers",
        "He lives at No. 10 Downing Street. See p. 4 of the report.",
        ["He lives at No. 10 Downing Street.", "See p. 4 of the report."],
    ),
    (
        "punctuation",
        "She won Jeopardy! in 2019 and again in 2021.",
        ["She won Jeopardy! in 2019 and again in 2021."],
    ),
    (
        "ellipsis",
        "The vote was close. . . . Nobody expected it.",
        ["The vote was close.", ". . . Nobody expected it."],
    ),
]


KNOWN_LIMITS: list[tuple[str, str, list[str]]] = [
    # Cases no segmenter measured gets right; kept so that a fix is noticed.
    (
        "no space",
        "Kosovo declared independence in 2008.But Serbia objected.",
        ["Kosovo declared independence in 2008.", "But Serbia objected."],
    ),
    (
        "initialism",
        "He left the U.S. Serbia was next.",
        ["He left the U.S.", "Serbia was next."],
    ),
]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(text, want, id=f"{kind}-{i}")
        for i, (kind, text, want) in enumerate(KNOWN_LIMITS)
    ],
)
@pytest.mark.xfail(strict=True, reason="a known limit of the segmenter")
def test_known_limit(paragraph: str, expected: list[str]) -> None:
    assert [paragraph[a:b] for a, b in sentence_spans(paragraph)] == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [pytest.param(text, want, id=f"{kind}-{i}") for i, (kind, text, want) in enumerate(HARD_CASES)],
)
def test_hard_case(paragraph: str, expected: list[str]) -> None:
    assert [paragraph[a:b] for a, b in sentence_spans(paragraph)] == expected


def test_blank_text_has_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans("   \t \u00a0 ") == []


def test_text_without_a_full_stop_is_one_sentence() -> None:
    text = "  A line with no full stop at all  "
    assert [text[a:b] for a, b in sentence_spans(text)] == ["A line with no full stop at all"]


def test_letterless_pieces_join_a_sentence() -> None:
    """A list marker or a bare number is not a claim of its own."""
    for text in ("It ended. 2. 3.", "1. Serbia refused. 2. 3. Kosovo agreed. 4."):
        spans = sentence_spans(text)
        assert all(any(ch.isalpha() for ch in text[a:b]) for a, b in spans), spans
        assert " ".join(text[a:b] for a, b in spans).split() == text.split()


def test_nbsp_keeps_offsets() -> None:
    text = "First one.\u00a0Second one.\u00a0\u00a0Third."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one.", "Third."]


_PIECES = st.sampled_from(
    [
        "U.S.",
        "Mr.",
        "e.g.",
        "Serbia",
        "said",
        "“quote”",
        '"so"',
        "...",
        "…",
        "—",
        "https://x.org/a.b",
        "a@b.co",
        "3.5",
        "Vučić",
        "(1)",
        "2.",
        "?",
        "!",
        ".",
    ]
)
_SEPARATORS = st.sampled_from([" ", "  ", "\u00a0", "\t", ". ", "? ", "! ", ".\u00a0"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=30))
def test_spans_are_trimmed_ordered_and_cover_every_word(parts: list[tuple[str, str]]) -> None:
    """Whatever the text: spans are trimmed, non-empty, in order; only whitespace is left out."""
    text = "".join(piece + sep for piece, sep in parts)
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[previous_end:start].strip() == ""
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    assert text[previous_end:].strip() == ""


# --- crowded paragraphs: a bound on the claims (and the time) per character -----------------


def test_a_crowded_paragraph_is_cut_into_pieces_at_sentence_ends() -> None:
    from tui.core.segment import CROWDED_PIECE

    text = " ".join(["Go.", "No!", "Yes.", "Ok?", "Hm."] * 4000)  # 20k tiny sentences
    spans = sentence_spans(text)
    assert len(spans) <= len(text) // CROWDED_PIECE + 1
    assert all(end - start >= CROWDED_PIECE for start, end in spans[:-1])
    assert all(text[end - 1] in ".!?" for _, end in spans)
    # Nothing is lost: the pieces and the spaces between them are the paragraph.
    assert " ".join(text[a:b] for a, b in spans) == text


def test_short_sentences_of_prose_are_not_crowded() -> None:
    text = "He said no. Then he left. It was 3.5 p.m. in the U.S. capital. Nobody spoke."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "He said no.",
        "Then he left.",
        "It was 3.5 p.m. in the U.S. capital.",
        "Nobody spoke.",
    ]
