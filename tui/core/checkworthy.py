"""Check-worthiness: how much a claim is worth checking, 0–100, and why.

Fact-checkers start with what is specific and measurable: a figure, a
percentage, money, a date, a comparison, a named person or body, something
attributed to a source, a record of what someone did. They leave aside what
cannot be checked: a question, a promise or a prediction, an opinion, a
personal aside, a fragment. Each of those is a *cue* here, with a weight in
log-odds; the score is the logistic of their sum, so it reads as a
percentage and the reasons are exactly the cues that fired
(docs/format.md, "Check-worthiness").

The weights were set by hand, looking at half of a public set of political
debates (see ``bench/checkworthy.py``, which reports on the other half); no
data ships with the program. A model learned from the team's own tags can
refine the score (``tui.core.checkworthy_model``).

One compiled pattern with a named group per cue runs over a sentence once,
so scoring 70,000 claims takes a fraction of a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Cue:
    weight: float
    reason: str


BIAS = -2.6
"""The log-odds of a sentence with no cue at all (a plain statement)."""

CUES: dict[str, Cue] = {
    "percent": Cue(1.8, "a percentage"),
    "money": Cue(1.2, "an amount of money"),
    "number": Cue(1.5, "a figure"),
    "date": Cue(0.6, "a date"),
    "comparison": Cue(0.5, "a comparison"),
    "change": Cue(0.7, "a rise or fall"),
    "record": Cue(1.0, "a record of what someone did"),
    "topic": Cue(0.8, "a measurable subject"),
    "entity": Cue(0.5, "a name"),
    "attribution": Cue(0.6, "a named source"),
    "negation": Cue(0.2, "a denial"),
    "first_person": Cue(-0.3, "first person"),
    "belief": Cue(-1.2, "the speaker's belief"),
    "question": Cue(-1.8, "a question"),
    "future": Cue(-0.4, "a prediction or a promise"),
    "opinion": Cue(-0.3, "opinion words"),
    "address": Cue(-1.5, "talk, not a statement"),
    "short": Cue(-0.8, "very short"),
}

LEARNED_CUES: dict[str, Cue] = {
    "team_yes": Cue(1.0, "like the claims the team checked"),
    "team_no": Cue(-1.0, "like the claims the team set aside"),
}
"""Reasons the team's model adds (tui.core.checkworthy_model); never summed as cues."""
REASONS: dict[str, Cue] = {**CUES, **LEARNED_CUES}

_WORDS: dict[str, str] = {
    "money": "dollar dollars euro euros pound pounds cents bucks",
    "number": (
        "hundred hundreds thousand thousands million millions billion billions trillion "
        "trillions dozen dozens half twice double triple tripled quadrupled one_in_ten "
        "one_in_five one_in_four one_in_three a_third a_quarter"
    ),
    "date": (
        "january february march april june july august september october november "
        "december monday tuesday wednesday thursday friday saturday sunday yesterday since "
        "last_year next_year this_year past_year last_month last_week last_decade "
        "years_ago decades_ago"
    ),
    "comparison": (
        "than more less fewer most least highest lowest largest biggest smallest greatest "
        "worst best first only every all-time ever record"
    ),
    "change": (
        "increase increased increasing decrease decreased decreasing rise rises rose risen rising "
        "fall falls fell drop drops grow grows "
        "fallen falling grew grown growing dropped decline declined doubled soared plunged "
        "went_up went_down gone_up gone_down cut cuts raised lost gained created added"
    ),
    "record": (
        "voted vote_for votes_for vote_against votes_against passed signed supported opposed "
        "approved banned funded spent paid pays killed built closed moved hired fired sued "
        "endorsed invested owe owes borrowed deported admitted released imposed"
    ),
    "topic": (
        "tax taxes job jobs wage wages unemployment deficit debt economy gdp trade tariff "
        "tariffs crime murder murders police prison prisons immigrant immigrants immigration "
        "border refugee refugees healthcare health_care insurance medicare medicaid obamacare "
        "premium premiums budget nuclear isis terrorist terrorists troops military emissions "
        "climate energy oil coal poverty income wealth middle_class student students school "
        "schools death deaths died population companies factories manufacturing workers"
    ),
    "attribution": (
        "said says according_to reported report reports announced claimed stated told "
        "confirmed denied showed shows found estimate estimated estimates data study studies "
        "survey poll census statistics figures research"
    ),
    "negation": "not never no_one nobody none didn't doesn't don't wasn't isn't",
    "first_person": "i i'm i've i'd me my mine myself",
    "belief": (
        "i_think i_believe i_feel i_hope i_want i_know i_guess i_mean in_my_view "
        "in_my_opinion we_need we_have_to we_must let_me let's"
    ),
    "future": (
        "will won't would wouldn't could couldn't should shouldn't might may must going_to "
        "gonna i'll we'll you'll he'll she'll they'll plan_to promise intend_to"
    ),
    "opinion": (
        "great terrible wonderful horrible amazing disaster disastrous beautiful tremendous "
        "incredible sad bad good nice fantastic ridiculous stupid awful disgrace disgraceful "
        "shame love hate proud honored honoured frankly believe_me absolutely totally "
        "so_much very really"
    ),
    "address": (
        "thank_you thanks applause laughter cheers crosstalk good_evening good_night welcome "
        "hello ladies_and_gentlemen god_bless excuse_me go_ahead okay all_right please"
    ),
}
"""Words and phrases per cue (``_`` joins the words of a phrase), matched whole, any case."""


_BEFORE = ("", "“", '"', "(", "‘", "'", "—")
_AFTER = (
    *("", ",", ".", "?", "!", ";", ":", "”", '"', ".”", ",”", "?”", "”.", "”,", "’", "'"),
    *(")", "),", ").", "—", "…", "...", "'s", "’s"),
)
PUNCTUATION = "".join(sorted(set("".join(_BEFORE + _AFTER))))
"""What may stick to a word in ``str.split()`` (stripped before it reaches the model)."""


def _forms(word: str, after: tuple[str, ...] = _AFTER) -> set[str]:
    """A word as ``str.split()`` may leave it: with either apostrophe, punctuation attached."""
    bases = {word, word.replace("'", "’")}
    return {f"{b}{base}{e}" for base in bases for b in _BEFORE for e in after}


_NO_CUES: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Every form of every word of ``_WORDS`` (and of every phrase's first word)."""

    cues_of: dict[str, frozenset[str]]
    phrases_of: dict[str, tuple[tuple[str, str], ...]]
    """(" phrase", cue) for the phrases that start with a form."""
    forms: frozenset[str]
    """Both tables' keys: one set intersection finds what a claim holds."""


@cache
def _lexicon() -> _Lexicon:
    """Built on first use (~50,000 forms, tens of milliseconds), not at import.

    Looking whole forms up at once (a set intersection) is several times
    faster than a regular expression that splits words off their punctuation.
    The first claims are scored without it (:data:`SCORED_BEFORE_LEXICON`):
    the reader's inspector scores one claim at a time, with keys waiting.
    """
    names: dict[str, set[str]] = {}
    phrases: dict[str, dict[tuple[str, str], None]] = {}
    for name, words in _WORDS.items():
        for word in words.split():
            if "_" not in word:
                names.setdefault(word, set()).add(name)
                continue
            curly, straight = word.replace("'", "’").split("_", 1), word.split("_", 1)
            for head, tail in (curly, straight):
                for before in _BEFORE:
                    entry = (f" {before}{head} {tail.replace('_', ' ')}", name)
                    phrases.setdefault(f"{before}{head}", {})[entry] = None
    cues: dict[str, frozenset[str]] = {}
    for word, found in names.items():
        fired = frozenset(found)
        forms = _forms(word)
        shared = {form: cues[form] | fired for form in forms & cues.keys()}  # "it" + "'s", "it's"
        cues.update(dict.fromkeys(forms, fired))
        cues.update(shared)
    phrases_of = {form: tuple(entries) for form, entries in phrases.items()}
    return _Lexicon(cues, phrases_of, frozenset(cues).union(phrases_of))


_DIGIT = re.compile(r"[0-9]")
_FIGURES = re.compile(
    r"(?P<percent>[0-9](?:[0-9]|[.,][0-9])* ?(?:%|per ?cent\b))"
    r"|(?P<money>[$£€] ?[0-9])"
    r"|(?P<date>\b(?:1[89]|20)[0-9][0-9]s?\b(?![.,][0-9]))"
    r"|(?P<number>[0-9](?:[0-9]|[.,][0-9])*)"
)
"""Figures: a year is a date, not a figure; a percentage and money also count as figures."""
# A capitalised word after the first (an acronym counts): a person, a place, a
# body. "I" is the first person, not a name.
_ENTITY = re.compile(r" [A-Z][a-zA-Z]")

SHORT_WORDS = 6
"""A sentence of fewer words rarely states anything checkable."""


@dataclass(frozen=True, slots=True)
class Worth:
    """A claim's check-worthiness: the score (0–100) and the cues behind it."""

    score: int
    cues: tuple[str, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """What raised the score, strongest first, then what lowered it."""
        up = [REASONS[c].reason for c in self.cues if REASONS[c].weight > 0]
        down = [f"but {REASONS[c].reason}" for c in reversed(self.cues) if REASONS[c].weight < 0]
        return (*up, *down)

    @property
    def explanation(self) -> str:
        """For the inspector: "a figure, a comparison, a name; but a question"."""
        up = ", ".join(REASONS[c].reason for c in self.cues if REASONS[c].weight > 0)
        down = ", ".join(REASONS[c].reason for c in reversed(self.cues) if REASONS[c].weight < 0)
        text = up or "nothing specific"
        return f"{text}; but {down}" if down else text


_RANK = {
    name: rank for rank, name in enumerate(sorted(REASONS, key=lambda c: (-REASONS[c].weight, c)))
}


def by_weight(found: Iterable[str]) -> tuple[str, ...]:
    """Cues strongest first (ties by name, so the order never changes)."""
    return tuple(sorted(found, key=_RANK.__getitem__))


@dataclass(frozen=True, slots=True)
class _Bases:
    """``_WORDS`` as looked up by stripping a word's punctuation (no forms built)."""

    cues_of: dict[str, frozenset[str]]
    """A word (either apostrophe) to its cues."""
    tails_of: dict[str, frozenset[tuple[str, str]]]
    """A phrase's first word (either apostrophe) to (" rest of the phrase", cue)."""


@cache
def _bases() -> _Bases:
    names: dict[str, set[str]] = {}
    tails: dict[str, set[tuple[str, str]]] = {}
    for name, words in _WORDS.items():
        for word in words.split():
            curly = word.replace("'", "’")
            if "_" not in word:
                for base in (word, curly):
                    names.setdefault(base, set()).add(name)
                continue
            for head, tail in (curly.split("_", 1), word.split("_", 1)):
                tails.setdefault(head, set()).add((f" {tail.replace('_', ' ')}", name))
    return _Bases(
        {word: frozenset(found) for word, found in names.items()},
        {head: frozenset(found) for head, found in tails.items()},
    )


SCORED_BEFORE_LEXICON = 200
"""Texts scored by stripping punctuation before the lexicon is built: one claim
(the reader's inspector) costs ~0.1 ms so, where the lexicon costs tens of
milliseconds on the reader's thread; a batch soon pays that back."""

_scored = 0


def _cues_by_stripping(words: list[str], found: set[str]) -> None:
    """What the lexicon finds in ``words``, found by taking each word's punctuation off."""
    bases = _bases()
    joined = ""
    for word in set(words):
        for before in _BEFORE:
            if not word.startswith(before):
                continue
            rest = word[len(before) :]
            for after in _AFTER:
                if after and rest.endswith(after):
                    found |= bases.cues_of.get(rest[: -len(after)], _NO_CUES)
            found |= bases.cues_of.get(rest, _NO_CUES)
            for tail, name in bases.tails_of.get(rest, ()):
                joined = joined or f" {' '.join(words)}"
                if f" {word}{tail}" in joined:
                    found.add(name)


def _cues_by_lexicon(words: list[str], found: set[str]) -> None:
    lexicon = _lexicon()
    joined = ""
    # One set intersection in C finds the few forms that matter; Python loops over those only.
    for form in lexicon.forms.intersection(words):
        found |= lexicon.cues_of.get(form, _NO_CUES)
        for phrase, name in lexicon.phrases_of.get(form, ()):
            joined = joined or f" {' '.join(words)}"
            if phrase in joined:
                found.add(name)


def cues_of(text: str) -> frozenset[str]:
    """The cues that fire on ``text``."""
    global _scored
    low = text.lower()
    words = low.split()
    found: set[str] = set()
    if _scored < SCORED_BEFORE_LEXICON:
        _scored += 1
        _cues_by_stripping(words, found)
    else:
        _cues_by_lexicon(words, found)
    if _DIGIT.search(text):
        found.update([str(m.lastgroup) for m in _FIGURES.finditer(low)])
        if "percent" in found or "money" in found:
            found.add("number")
    if _ENTITY.search(text):
        found.add("entity")
    if text.rstrip(" \"'”’)").endswith("?"):
        found.add("question")
    if len(words) < SHORT_WORDS:
        found.add("short")
    if "belief" in found:
        found.discard("first_person")
    return frozenset(found)


def cue_logit(found: frozenset[str]) -> float:
    """The log-odds the cues give (the learned model starts from it)."""
    # fsum: the same total whatever order the set yields, so rankings never flip on ties.
    return math.fsum([BIAS, *(CUES[name].weight for name in found)])


def to_score(logit: float) -> int:
    """Log-odds as 0–100."""
    if logit < -30:
        return 0
    return round(100.0 / (1.0 + math.exp(-logit)))


def checkworthiness(text: str) -> Worth:
    """Score one claim's text from the cues alone."""
    found = cues_of(text)
    worth = _WORTH.get(found)
    if worth is None:
        # Few combinations of cues occur: each is scored and ordered once.
        worth = _WORTH[found] = Worth(to_score(cue_logit(found)), by_weight(found))
    return worth


_WORTH: dict[frozenset[str], Worth] = {}
