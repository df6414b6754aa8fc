"""Quotations and brackets in a paragraph: where a sentence cut would break one.

Part of the segmenter (:mod:`tui.core.segment`, whose cache key hashes this
file too): a cut inside a quotation or parentheses that the sentence goes
on after (or that opened mid-sentence) is undone.
"""

from __future__ import annotations

import re

_PAIRS = re.compile(r"[()\[\]“”\"]")
_OPEN_CLOSE = (("(", ")"), ("“", "”"), ("[", "]"))
_REGION_MAX = 600
"""A quotation longer than this is not kept whole (a stray quote mark must not swallow a page)."""


def unbalanced(text: str, spans: list[tuple[int, int]]) -> bool:
    """Some sentence but the last opens a quotation or bracket it does not close (cheap test).

    Only the marks the paragraph has are counted in each sentence (news text
    has quotation marks, rarely brackets too): a mark absent is balanced.
    """
    present = set(_PAIRS.findall(text, spans[0][0], spans[-2][1]))
    if not present:  # no mark at all: balanced
        return False
    straight = '"' in present
    pairs = [(o, c) for o, c in _OPEN_CLOSE if o in present or c in present]
    count = text.count
    for a, b in spans[:-1]:
        if straight and count('"', a, b) % 2:
            return True
        for opening, closing in pairs:
            if count(opening, a, b) != count(closing, a, b):
                return True
    return False


def protected(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations and brackets between ``start`` and ``end`` (outer ones)."""
    if all(text.find(mark, start, end) < 0 for mark in '("“['):
        return []
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    curly: int | None = None
    straight: int | None = None
    for match in _PAIRS.finditer(text, start, end):
        mark, at = match.group(), match.start()
        if mark in "([":
            stack.append((mark, at))
        elif mark in ")]":
            if stack and stack[-1][0] == "(["[")]".index(mark)]:
                regions.append((stack.pop()[1], at + 1))
        elif mark == "“":
            curly = at
        elif mark == "”":
            if curly is not None:
                regions.append((curly, at + 1))
                curly = None
        elif straight is None:
            if at == start or not text[at - 1].isalnum():
                straight = at
        else:
            regions.append((straight, at + 1))
            straight = None
    return [
        (a, b) for a, b in regions if b - a <= _REGION_MAX and _embedded(text, a, b, start, end)
    ]


def _embedded(text: str, a: int, b: int, start: int, end: int) -> bool:
    """The quotation opens mid-sentence or the sentence goes on after it.

    A quotation that is whole sentences on its own ("“We won. It was hard.”")
    is cut as usual: it is not part of a larger sentence.
    """
    opens_sentence = not text[start:a].strip() or text[:a].rstrip()[-1:] in ".!?…"
    rest = text[b:end].lstrip()
    closes_sentence = text[b - 2 : b - 1] in (".", "!", "?", "…") and (
        not rest or rest[0].isupper() or rest[0] in '“"(['
    )
    return not (opens_sentence and closes_sentence)
