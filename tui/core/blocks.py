"""Splitting a document into blocks (lines) and telling what each one is.

Scraped articles carry site furniture ("Skip to content", "Share with a
friend", bare links) between real paragraphs. Those lines are *boilerplate*:
shown dimmed, never split into claims. Short lines without closing
punctuation are *headings*: headlines, subheads, captions and credits, which
make one claim each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Block:
    """A non-blank line of the document, trimmed: ``text[start:end]`` is its content."""

    start: int
    end: int
    kind: BlockKind


BOILERPLATE_PHRASES = frozenset(
    {
        "skip to content",
        "skip to main content",
        "go to my account",
        "my account",
        "share with a friend",
        "share this article",
        "share this",
        "share",
        "post a comment",
        "leave a comment",
        "leave a reply",
        "comments",
        "subscribe",
        "subscribe now",
        "sign up",
        "sign in",
        "log in",
        "advertisement",
        "read more",
        "related articles",
        "related",
        "follow us",
        "print",
        "email",
        "menu",
        "close",
        "search",
        "newsletter",
        "previous article",
        "next article",
        "back to top",
        "previous post",
        "next post",
        "previous post next post",
        "wp radio",
        "cookie settings",
        "accept cookies",
    }
)

_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_FURNITURE_RE = re.compile(
    r"^(?:you are currently using|your membership includes|please note that we at|"
    r"with your membership|consider subscribing|click here to|sign up for)",
    re.IGNORECASE,
)
HEADING_MAX_WORDS = 24
_CLOSING = ".!?…:;"
_TRAILERS = "\"'”’)]»"


_FURNITURE_STRIP = " .:!|•·-–—>"
_LONGEST_PHRASE = max(map(len, BOILERPLATE_PHRASES))


def _is_boilerplate(line: str) -> bool:
    # No character folds to one of _FURNITURE_STRIP or from one (checked over all of
    # Unicode), and none folds to nothing: a line longer than the longest phrase once
    # stripped is no phrase, and is not folded (a copy of every paragraph).
    if (
        len(line.strip(_FURNITURE_STRIP)) <= _LONGEST_PHRASE
        and line.casefold().strip(_FURNITURE_STRIP) in BOILERPLATE_PHRASES
    ):
        return True
    return bool(_URL_RE.match(line) or _FURNITURE_RE.match(line))


def _is_heading(line: str) -> bool:
    # Quotes and brackets do not close a sentence: "(Photo by … Images)" is a caption.
    core = line.rstrip(_TRAILERS)
    if core and core[-1] in _CLOSING:
        return False
    return len(line.split()) <= HEADING_MAX_WORDS  # counted only for a line that may be one


def classify(line: str) -> BlockKind:
    """Tell what a trimmed, non-empty line is."""
    if _is_boilerplate(line):
        return BlockKind.BOILERPLATE
    if _is_heading(line):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def split_blocks(text: str) -> Iterator[Block]:
    """Yield each non-blank line of ``text`` as a trimmed, classified block."""
    pos = 0
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        end = length if nl < 0 else nl
        line = text[pos:end]
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()) if line[0].isspace() else 0)
            yield Block(start, start + len(stripped), classify(stripped))
        if nl < 0:
            break
        pos = nl + 1
