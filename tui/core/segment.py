"""Sentence spans for one paragraph.

Chosen by measurement (``bench/segmenters.py`` on the seeds and on the hard
cases in ``tests/test_segment.py``): nupunkt (Punkt with its English model in
a pure-Python wheel) is about 50 times faster than pysbd and keeps URLs and
quotations whole, but its orthographic heuristic misses two things news text
is full of, which two small repairs fix:

* an initialism before a name or a lowercase word ("U.S. Secretary of State
  …", "The N.A.T.O. summit …") is split off as its own sentence: such a split
  is undone unless the next word is a common sentence opener ("… in the U.S.
  The next day …");
* a lowercase word, a full stop and a capitalised word ("… cold. By noon …")
  is sometimes not split: it is, unless the word is a known abbreviation;
  so is an initialism before a sentence opener ("… from the U.S. Instead, …");
* a piece with no letter at all (the "2." of "… refused. 2. Kosovo …") is
  not a sentence: it is joined to the sentence after it;
* a paragraph that starts a list ("1) …", "2. …", "• 9. …", "a. …") is cut
  before each next marker of the same sequence, stop or no stop ("1) The
  first item 2) The second item"): one claim per item;
* a cut inside a quotation or parentheses that the sentence goes on after
  (or that opened mid-sentence) is undone: ``"Stop. Think. Vote," the posters
  said.`` is one claim, and so is ``(see page 4. It is long.)`` with its sentence;
* a cut after ``!`` or ``?`` before a lowercase word is undone ("Yahoo! in"),
  and so is one between "No." (or "p.", "vol." …) and a number;
* more missed splits are made: after an all-capitals word ("… OS. Shame …"),
  after the pronoun "I" ("… you and I. Did …") and after a number that
  ends a sentence ("… 553. That …") when a sentence opener follows; and
  an ellipsis after a full stop ("compounds. . . . The") opens the next sentence.

No-break spaces are read as spaces by the segmenter (same length, so offsets
hold). Spans are trimmed and never empty.

A paragraph crowded with sentence ends ("Go. No! Yes. Ok?" by the thousand:
a log, a broken scrape, an attack) is not prose: Punkt would cost ~20 µs and
a claim object per three characters. It is cut into pieces of about
:data:`CROWDED_PIECE` characters at sentence ends instead, so every claim
costs time and memory for at least that many characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise

from tui.core.segment_quotes import protected, unbalanced

_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_FIRST_WORD = re.compile(r"[\"'“‘(\[]*([^\W\d_][\w’']*)")
_MISSED_SPLIT = re.compile(r"(?<![.\w])([a-z][a-z]+)([.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
_INITIALISM_BREAK = re.compile(r"(?:\b[A-Z]\.){2,}[\"'”’)]*\s+(?=[\"'“‘(]?([A-Z][a-z]*)\b)")
_MISSED_SPLIT_NEEDS = re.compile(r"[.!?](?<=[a-z][.!?])[\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_INITIALISM_BREAK_NEEDS = re.compile(r"\.[A-Z]\.[\"'”’)]*\s+[\"'“‘(]?[A-Z]")
"""Found in every match of the pattern before (a stop, then the next word's capital)."""
_FULL_STOP = re.compile(r"\.[\"'”’)]*\s+")
_NEXT_WORD = re.compile(r"[\"'“‘(]?([A-Z][a-z]*)\b")
_NUMBER_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:No|N°|Nos|Nr|no|nos|nr|p|pp|vol|Vol|fig|Fig|art|Art|ch|sec|para)\.$"
)
_FOUR_DOT_END = re.compile(r"\w\.((?: \.){3})$")
_INNER_STOP = re.compile(r"[.!?][\"'”’)]*\s")
"""A cheap necessary condition for ``_MISSED_SPLIT``: most sentences have no inner stop."""

SENTENCE_OPENERS = frozenset(
    """a an the this that these those it its he she they we i you there here
    did do does is are was were can could will would should has have had
    but and or so yet for nor if when while after before as at by in on of to
    from with without since until however meanwhile then still also now
    his her their our my your some many most one two no not all each every
    what why how who where which despite although though because
    instead moreover furthermore indeed nevertheless nonetheless thus therefore hence
    yesterday later earlier finally again even only otherwise likewise similarly
    perhaps unlike""".split()
)
CROWDED_MIN_STOPS = 8
CROWDED_CHARS_PER_STOP = 12
"""At least this many sentence ends, under this many characters apart on average: crowded."""
CROWDED_PIECE = 200
_STOP_RUN = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")

LOWERCASE_ABBREVIATIONS = frozenset(
    "etc vs approx incl esp cf al ca ed eds vol fig figs pp no nos est dept univ misc".split()
)


@lru_cache(maxsize=1)
def _span_tokenize() -> Callable[[str], Iterable[tuple[int, int]]]:
    import nupunkt  # only on a cache miss: importing it costs a start-up ~12 ms

    return nupunkt.load("default").span_tokenize


def _nupunkt_spans(text: str) -> list[tuple[int, int]]:
    """``nupunkt.sent_spans``: each sentence runs on to the next one's start (the last to the
    end), without the text of every sentence it slices and drops."""
    if not text:
        return []
    starts = [start for start, _ in _span_tokenize()(text.replace("\u00a0", " "))]
    if not starts:
        return [(0, len(text))]
    starts.append(len(text))
    return list(pairwise(starts))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _ends_with_initialism(text: str, start: int, end: int) -> bool:
    # The test on the last two characters spares a regex scan of every sentence.
    return (
        end - start >= 4
        and text[end - 1] == "."
        and text[end - 2].isupper()
        and _INITIALISM_END.search(text, start, end) is not None
    )


def _merge_initialisms(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for span in spans:
        # The tests on the last two characters spare a call per sentence.
        if (
            merged
            and text[merged[-1][1] - 2].isupper()
            and text[merged[-1][1] - 1] == "."
            and _ends_with_initialism(text, *merged[-1])
        ):
            word = _FIRST_WORD.match(text, span[0])
            if word and (
                word.group(1)[0].islower() or word.group(1).lower() not in SENTENCE_OPENERS
            ):
                merged[-1] = (merged[-1][0], span[1])
                continue
        merged.append(span)
    return merged


def _split_missed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Each pattern only where the cheap one it implies (a search from the stop) is found:
    # the patterns themselves are tried at every position, ~6 µs a sentence each.
    cuts: set[int] = set()
    if _MISSED_SPLIT_NEEDS.search(text, start, end):
        cuts.update(
            match.end()
            for match in _MISSED_SPLIT.finditer(text, start, end)
            if match.group(1) not in LOWERCASE_ABBREVIATIONS
        )
    if _INITIALISM_BREAK_NEEDS.search(text, start, end):
        cuts.update(
            match.end()
            for match in _INITIALISM_BREAK.finditer(text, start, end)
            if match.group(1).lower() in SENTENCE_OPENERS
        )
    cuts.update(_more_cuts(text, start, end))
    spans = []
    for cut in sorted(cuts):
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _more_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts after an all-capitals word ("OS. Shame"), the pronoun I ("and I. Did") or a
    number ("… 553. That"): tried at each full stop, not by scanning every position."""
    cuts = []
    for stop in _FULL_STOP.finditer(text, start, end):
        after = _NEXT_WORD.match(text, stop.end())
        if after is None:
            continue
        at = word_start = stop.start()
        while word_start > start and (
            text[word_start - 1].isalnum() or text[word_start - 1] in ".,"
        ):
            word_start -= 1
        word, before = text[word_start:at], text[word_start - 2 : word_start]
        next_word = after.group(1)
        opener = next_word.lower() in SENTENCE_OPENERS
        if (
            (word.isalpha() and word.isupper() and len(word) > 1 and len(next_word) > 1)
            or (word == "I" and opener and before[:1].islower() | (before[:1] == ","))
            or (word[:1].isdigit() and opener and before[:1].isalnum())
        ) and before[1:] in ("", " "):
            cuts.append(stop.end())
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the trimmed ``(start, end)`` span of each sentence of ``text``."""
    if not text or text.isspace():  # what ``not text.strip()`` says, without the copy
        return []
    if _crowded(text):
        return _pieces(text)
    spans: list[tuple[int, int]] = []
    for item_start, item_end in list_items(text):
        spans += _item_spans(text, item_start, item_end)
    return _join_letterless(text, spans)


def _item_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    raw: list[tuple[int, int]] = []
    for a, b in _nupunkt_spans(text[start:end]):  # _trim, inlined (it is per sentence)
        a += start
        b += start
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            raw.append((a, b))
    spans: list[tuple[int, int]] = []
    inner_stop, find = _INNER_STOP.search, text.find
    for a, b in _merge_initialisms(text, raw):
        # No stop before the last character (found faster than by the pattern), or none
        # followed by a space: no missed split (most sentences), trimmed already.
        last = b - 1
        if (
            find(".", a, last) < 0 and find("!", a, last) < 0 and find("?", a, last) < 0
        ) or inner_stop(text, a, b) is None:
            spans.append((a, b))
            continue
        for cut in _split_missed(text, a, b):
            if trimmed := _trim(text, *cut):
                spans.append(trimmed)
    if len(spans) < 2:
        return spans
    regions = protected(text, start, end) if unbalanced(text, spans) else []
    return _ellipsis_first(text, _merge_false_cuts(text, spans, regions))


def _merge_false_cuts(
    text: str, spans: list[tuple[int, int]], regions: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Undo cuts inside quotes or brackets, after "!"/"?" before lowercase, in "No. 5"."""
    merged = [spans[0]]
    for start, end in spans[1:]:
        prev_start, prev_end = merged[-1]
        before = text[prev_end - 1]
        after = text[start]
        if (
            (before in "!?" and after.islower())
            or (after.isdigit() and _NUMBER_ABBREVIATION.search(text, prev_start, prev_end))
            or (regions and any(a < prev_end and start < b for a, b in regions))
        ):
            merged[-1] = (prev_start, end)
        else:
            merged.append((start, end))
    return merged


def _ellipsis_first(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``compounds. . . . The`` : the full stop ends the sentence, the ellipsis opens the next."""
    if " . . ." not in text:  # one scan of the paragraph instead of a test per sentence
        return spans
    for i in range(len(spans) - 1):
        start, end = spans[i]
        if text.startswith(" . . .", end - 6) and (found := _FOUR_DOT_END.search(text, start, end)):
            cut = found.start(1)
            spans[i] = (start, cut)
            spans[i + 1] = (cut + 1, spans[i + 1][1])
    return spans


# --- lists -------------------------------------------------------------------------

_MARKER = re.compile(r"([•⁃▪‣◦·*–-][ \t]*)?(\d{1,3}|[a-z]|[A-Z](?=\)))(\.\)|[.)])(?=\s)")
_BULLETS = "•⁃▪‣◦"


def _next_value(value: str) -> str:
    return str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)


def list_items(text: str) -> list[tuple[int, int]]:
    """``text`` cut before each list marker that continues the one it starts with.

    Only a paragraph that *starts* with a marker is cut, and only before the
    next markers of the same sequence and style ("1)" then "2)" then "3)"), so
    a number in running text ("scored 2. The team …") never is.
    """
    lead = len(text) - len(text.lstrip()) if text[:1].isspace() else 0
    found = _MARKER.match(text, lead)
    cuts: list[int] = []
    if found is not None:
        bullet = (found.group(1) or "").strip()
        value, style = found.group(2), found.group(3)
        position = found.end()
        while True:
            value = _next_value(value)
            marker = re.compile(
                r"(?<=\s)"
                + (re.escape(bullet) + r"[ \t]*" if bullet else "")
                + re.escape(value)
                + re.escape(style)
                + r"(?=\s)"
            )
            following = marker.search(text, position)
            if following is None:
                break
            cuts.append(following.start())
            position = following.end()
    elif text[lead : lead + 1] in _BULLETS:
        bullet = text[lead]
        cuts = [m.start() for m in re.finditer(rf"(?<=\s){re.escape(bullet)}(?=\s)", text)]
    if not cuts:
        return [(0, len(text))]
    bounds = [0, *cuts, len(text)]
    return list(pairwise(bounds))


def _crowded(text: str) -> bool:
    stops = text.count(".") + text.count("!") + text.count("?")  # a cheap bound first
    if stops < CROWDED_MIN_STOPS or len(text) >= stops * CROWDED_CHARS_PER_STOP:
        return False
    ends = sum(1 for _ in _STOP_RUN.finditer(text))  # "3.5" and "p.m" are not ends
    return ends >= CROWDED_MIN_STOPS and len(text) < ends * CROWDED_CHARS_PER_STOP


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of :data:`CROWDED_PIECE` characters or more (but the last), ending at stops."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _STOP_RUN.finditer(text):
        if match.end() - start >= CROWDED_PIECE:
            if trimmed := _trim(text, start, match.end()):
                spans.append(trimmed)
            start = match.end()
    if trimmed := _trim(text, start, len(text)):
        spans.append(trimmed)
    return spans


def _join_letterless(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span without any letter to the next span (the last one to the previous)."""
    if len(spans) < 2 or all(text[start].isalpha() for start, _ in spans):  # none to join
        return spans
    joined: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        if not text[start].isalpha() and not any(ch.isalpha() for ch in text[start:end]):
            carry = start
            continue
        joined.append((start, end))
    if carry is not None:
        if joined:
            joined[-1] = (joined[-1][0], spans[-1][1])
        else:
            joined.append((carry, spans[-1][1]))
    return joined


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the Punkt model now, so the first paragraph is not the slow one."""
    sentence_spans("Warm up. Done.")
