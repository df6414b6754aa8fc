"""Wrapping a document's blocks into screen lines, measured in terminal cells.

The document pane draws one screen line at a time (Textual's Line API), so it
needs, for a given width, where every screen line starts and ends in the
document text. Most text is one cell per character: a block made only of
characters known to be narrow (one regex) is wrapped with ``str.rfind`` at C
speed, so a 5 MB article wraps in under 0.1 s. Any other block is measured by
Rich's own grapheme splitter, so the pane and Rich always agree on widths. A word
longer than the line (a 200,000-character URL) is broken hard.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import get_character_cell_size, split_graphemes

from tui.core.blocks import Block

SPACER = -1
"""Block index of the blank line drawn between two blocks."""

_SPACES = re.compile(r" *")
NARROW_RANGES = (
    (0x09, 0x09),  # tab, drawn as a space
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),  # Latin
    (0x370, 0x482),  # Greek, Cyrillic
    (0x2010, 0x2027),  # dashes, quotes, bullets, ellipsis
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),  # currency
)
"""Characters known to be one cell wide (a test checks them against Rich)."""
_OTHER = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in NARROW_RANGES) + "]")
_NARROW: dict[str, bool] = {}


def _is_narrow_char(char: str) -> bool:
    narrow = _NARROW.get(char)
    if narrow is None:
        narrow = char not in "\u200d\ufe0f" and get_character_cell_size(char) == 1
        _NARROW[char] = narrow
    return narrow


def is_narrow(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell (tab counts as one)."""
    if _OTHER.search(text) is None:
        return True
    return all(char.isascii() or _is_narrow_char(char) for char in set(text))


@dataclass(slots=True)
class Wrapped:
    """Screen lines of a document at one width: line ``i`` shows ``text[starts[i]:ends[i]]``."""

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    wide_blocks: set[int] = field(default_factory=set)
    """Blocks holding characters that are not one cell wide (elsewhere width == length)."""

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The screen line showing document offset ``offset`` (or the nearest before it)."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def is_narrow_line(self, line: int) -> bool:
        return self.blocks[line] not in self.wide_blocks

    def _add(self, start: int, end: int, block: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.blocks.append(block)


def wrap_document(text: str, blocks: Sequence[Block], width: int) -> Wrapped:
    """Wrap every block to ``width`` cells, with one blank line between blocks."""
    width = max(width, 1)
    wrapped = Wrapped(width)
    previous_end = 0
    for index, block in enumerate(blocks):
        if index:
            wrapped._add(previous_end, previous_end, SPACER)
        if _OTHER.search(text, block.start, block.end) is None or is_narrow(
            text[block.start : block.end]
        ):
            _wrap_narrow(wrapped, text, block.start, block.end, width, index)
        else:
            wrapped.wide_blocks.add(index)
            _wrap_cells(wrapped, text, block.start, block.end, width, index)
        previous_end = block.end
    return wrapped


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _wrap_narrow(wrapped: Wrapped, text: str, start: int, end: int, width: int, block: int) -> None:
    add_start, add_end, add_block = (
        wrapped.starts.append,
        wrapped.ends.append,
        wrapped.blocks.append,
    )
    rfind, skip_spaces = text.rfind, _SPACES.match
    pos = start
    while end - pos > width:
        limit = pos + width
        # A space right at ``limit`` means text[pos:limit] fits exactly.
        space = rfind(" ", pos + 1, limit + 1)
        if space < 0:
            line_end = next_pos = limit  # one word longer than the line: break it
        else:
            line_end = space if text[space - 1] != " " else _trim_end(text, pos, space)
            next_pos = space + 1
        add_start(pos)
        add_end(line_end)
        add_block(block)
        match = skip_spaces(text, next_pos, end)
        pos = match.end() if match else next_pos
    if pos < end:
        wrapped._add(pos, end, block)


def _wrap_cells(wrapped: Wrapped, text: str, start: int, end: int, width: int, block: int) -> None:
    """Greedy wrapping by grapheme, for blocks holding wide or zero-width characters."""
    chunk = text[start:end].replace("\t", " ")
    spans, _total = split_graphemes(chunk)
    count = len(spans)

    def is_space(i: int) -> bool:
        s, e, _w = spans[i]
        return e - s == 1 and chunk[s] == " "

    i = 0
    while i < count:
        first = i
        cells = 0
        space = -1
        while i < count:
            w = spans[i][2]
            if cells + w > width and i > first:
                break
            if is_space(i):
                space = i
            cells += w
            i += 1
        line_start = start + spans[first][0]
        if i >= count:
            wrapped._add(line_start, end, block)
            break
        if is_space(i):
            line_end = _trim_end(text, line_start, start + spans[i][0])
        elif space > first:
            line_end = _trim_end(text, line_start, start + spans[space][0])
            i = space + 1
        else:
            line_end = start + spans[i][0]
        wrapped._add(line_start, line_end, block)
        while i < count and is_space(i):
            i += 1
