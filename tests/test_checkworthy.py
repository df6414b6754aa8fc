"""Check-worthiness from cues: what raises and lowers the score, and why."""

from __future__ import annotations

import pytest

from tui.core.checkworthy import CUES, REASONS, Worth, checkworthiness, cues_of


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Unemployment fell to 4.2 percent last year.", "percent"),
        ("Inflation reached 7% in June.", "percent"),
        ("The bridge cost $4 million to build.", "money"),
        ("They spent forty billion dollars on it.", "money"),
        ("About 1,200 people were evacuated from the town.", "number"),
        ("Half of the country has no access to clean water.", "number"),
        ("The plant closed in 2019 after a long dispute.", "date"),
        ("The plant closed in March after a long dispute.", "date"),
        ("Crime is higher than it was a decade ago in the city.", "comparison"),
        ("This is the largest fire the region has ever seen.", "comparison"),
        ("Exports rose sharply after the new agreement took effect.", "change"),
        ("The senator voted against the bill twice last session.", "record"),
        ("The Environment Agency inspected the river on Tuesday.", "entity"),
        ("The report was published by the WHO on the same day.", "entity"),
        ("According to the ministry, the scheme covers every school.", "attribution"),
        ("The mayor said the budget would be balanced by spring.", "attribution"),
        ("I went there with my brother and we had lunch.", "first_person"),
        ("“I think this is the wrong approach for all of us.”", "belief"),
        ("Why would anyone vote for a plan like this one?", "question"),
        ("We will build a better future for our children together.", "future"),
        ("It was a wonderful, beautiful evening for the whole town.", "opinion"),
        ("Thank you, ladies and gentlemen.", "address"),
        ("Not at all.", "short"),
    ],
)
def test_each_cue_fires(text, cue):
    assert cue in cues_of(text)


def test_a_plain_sentence_fires_nothing():
    assert cues_of("The sun came out over the hills and the dogs ran about.") == frozenset()


def test_a_year_is_a_date_not_a_figure():
    assert cues_of("The senator voted against the bill in 2005 and again later.") >= {"date"}
    assert "number" not in cues_of("The senator voted against the bill in 2005 and again later.")
    assert "number" in cues_of("In 2005, 1,200 people died in the floods there.")


def test_words_are_matched_whole_with_punctuation_and_curly_apostrophes():
    assert "comparison" not in cues_of("The thanksgiving parade was moved indoors by the city.")
    assert "future" in cues_of("I don’t know what we’ll do about the roads this winter.")
    assert "opinion" in cues_of("He called it “great”, and then he left the room quietly.")


def test_specific_claims_outrank_opinions_questions_and_chatter():
    specific = checkworthiness(
        "Unemployment fell to 4.2 percent in March, the lowest since 2001, "
        "according to the Labor Department."
    )
    opinion = checkworthiness("I think it is a wonderful idea and we should all support it.")
    question = checkworthiness("What are you going to do about it?")
    chatter = checkworthiness("Thank you very much.")
    assert specific.score >= 90
    assert specific.score > 10 * max(opinion.score, question.score, chatter.score)
    assert all(0 <= w.score <= 100 for w in (specific, opinion, question, chatter))


def test_reasons_name_what_raised_and_lowered_the_score():
    worth = checkworthiness("Why did exports fall by 12 percent?")
    assert worth.reasons[0] == "a percentage"
    assert "a rise or fall" in worth.reasons
    assert worth.reasons[-1].startswith("but ")
    assert "but a question" in worth.reasons
    assert worth.explanation.startswith("a percentage, a figure, a rise or fall; but ")


def test_nothing_specific_says_so():
    assert checkworthiness("Well, that is that.").explanation.startswith("nothing specific; but")
    assert Worth(10, ()).explanation == "nothing specific"


def test_every_cue_has_a_reason_and_a_sign():
    for name, cue in REASONS.items():
        assert cue.reason and cue.weight != 0, name
    assert set(CUES) < set(REASONS)


def test_the_same_text_always_scores_the_same():
    text = "The council cut the budget by $2 million, the mayor said on Friday."
    assert checkworthiness(text) == checkworthiness(text)
    assert checkworthiness(text).cues == tuple(checkworthiness(text).cues)


def _texts_with_every_cue_word() -> list[str]:
    """Every cue word and phrase in the ways a sentence wraps it, and the seeds' sentences."""
    from pathlib import Path

    from tui.core import checkworthy

    texts = []
    for words in checkworthy._WORDS.values():
        for word in words.split():
            phrase = word.replace("_", " ")
            for before, after in (("", ""), ("“", "”,"), ("(", ")."), ("‘", "’s"), ('"', "...")):
                curly = phrase.replace("'", "’")
                texts += [f"So {before}{phrase}{after} it was.", f"{before}{curly}{after} x"]
                texts.append(f"{before}{phrase.upper()}{after}, {before}{phrase}")
    for seed in sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt")):
        texts += seed.read_text("utf-8").split(". ")
    return texts


def test_stripping_finds_what_the_lexicon_finds():
    """The first claims are scored without building the lexicon: the same cues either way."""
    from tui.core.checkworthy import _cues_by_lexicon, _cues_by_stripping

    texts = _texts_with_every_cue_word()
    assert len(texts) > 1000
    for text in texts:
        words = text.lower().split()
        by_lexicon: set[str] = set()
        by_stripping: set[str] = set()
        _cues_by_lexicon(words, by_lexicon)
        _cues_by_stripping(words, by_stripping)
        assert by_stripping == by_lexicon, text


def test_scoring_switches_to_the_lexicon_after_a_few_claims(monkeypatch):
    from tui.core import checkworthy

    monkeypatch.setattr(checkworthy, "_scored", 0)
    monkeypatch.setattr(checkworthy, "SCORED_BEFORE_LEXICON", 2)
    calls = []
    monkeypatch.setattr(checkworthy, "_cues_by_stripping", lambda w, f: calls.append("strip"))
    monkeypatch.setattr(checkworthy, "_cues_by_lexicon", lambda w, f: calls.append("lexicon"))
    for _ in range(4):
        cues_of("The plant closed in 2019.")
    assert calls == ["strip", "strip", "lexicon", "lexicon"]
