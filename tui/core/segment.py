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
  not a sentence: it is joined to the sentence after it.

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
from functools import lru_cache

_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_FIRST_WORD = re.compile(r"[\"'“‘(\[]*([^\W\d_][\w’']*)")
_MISSED_SPLIT = re.compile(r"(?<![.\w])([a-z][a-z]+)([.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
_INITIALISM_BREAK = re.compile(r"(?:\b[A-Z]\.){2,}[\"'”’)]*\s+(?=[\"'“‘(]?([A-Z][a-z]*)\b)")
_INNER_STOP = re.compile(r"[.!?][\"'”’)]*\s")
"""A cheap necessary condition for ``_MISSED_SPLIT``: most sentences have no inner stop."""

SENTENCE_OPENERS = frozenset(
    """a an the this that these those it its he she they we i you there here
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


def _nupunkt_spans(text: str) -> list[tuple[int, int]]:
    import nupunkt  # only on a cache miss: importing it costs a start-up ~12 ms

    return nupunkt.sent_spans(text.replace("\u00a0", " "))


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
        if merged and _ends_with_initialism(text, *merged[-1]):
            word = _FIRST_WORD.match(text, span[0])
            if word and (
                word.group(1)[0].islower() or word.group(1).lower() not in SENTENCE_OPENERS
            ):
                merged[-1] = (merged[-1][0], span[1])
                continue
        merged.append(span)
    return merged


def _split_missed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if _INNER_STOP.search(text, start, end) is None:
        return [(start, end)]
    cuts = {
        match.end()
        for match in _MISSED_SPLIT.finditer(text, start, end)
        if match.group(1) not in LOWERCASE_ABBREVIATIONS
    }
    cuts.update(
        match.end()
        for match in _INITIALISM_BREAK.finditer(text, start, end)
        if match.group(1).lower() in SENTENCE_OPENERS
    )
    spans = []
    for cut in sorted(cuts):
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the trimmed ``(start, end)`` span of each sentence of ``text``."""
    if not text.strip():
        return []
    if _crowded(text):
        return _pieces(text)
    raw = [s for a, b in _nupunkt_spans(text) if (s := _trim(text, a, b))]
    spans: list[tuple[int, int]] = []
    for a, b in _merge_initialisms(text, raw):
        for piece in _split_missed(text, a, b):
            if trimmed := _trim(text, *piece):
                spans.append(trimmed)
    return _join_letterless(text, spans)


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
    if len(spans) < 2:
        return spans
    joined: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        if not any(ch.isalpha() for ch in text[start:end]):
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
