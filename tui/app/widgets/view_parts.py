"""Parts of the article view (:mod:`tui.app.widgets.document_view`): margin, hit test, scroll."""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import split_graphemes
from rich.segment import Segment
from rich.style import Style
from textual.widget import Widget

from tui.app.wrap import SPACER, Wrapped
from tui.core.labels import label_def
from tui.core.model import Claim, Document

GUTTER = 3
"""Margin cells: up to two marks (label letters, linked-pane signs) and a space."""


def margin(letters: list[tuple[str, Style]], continued: Style | None, base: Style) -> list[Segment]:
    """The margin: the marks of claims starting on the line, or a bar where a tag goes on."""
    if letters:
        shown = letters[:2] if len(letters) <= 2 else [letters[0], ("+", letters[0][1])]
        segments = [Segment(letter, base + style + Style(bold=True)) for letter, style in shown]
        return [*segments, Segment(" " * (GUTTER - len(shown)), base)]
    if continued is not None:
        return [Segment("│", base + continued), Segment(" " * (GUTTER - 1), base)]
    return [Segment(" " * GUTTER, base)]


def claim_at(
    doc: Document, claim_starts: list[int], wrapped: Wrapped, line: int, column: int
) -> Claim | None:
    """The claim drawn at text ``column`` of screen ``line``, or the nearest one on that line."""
    if not 0 <= line < len(wrapped) or wrapped.blocks[line] == SPACER:
        return None
    start, end = wrapped.starts[line], wrapped.ends[line]
    if wrapped.is_narrow_line(line):
        offset = start + column
    else:
        offset, cells = start, 0
        for s, _e, w in split_graphemes(doc.text[start:end])[0]:
            offset = start + s
            if cells + w > column:
                break
            cells += w
    offset = min(offset, max(end - 1, start))
    claim = doc.claim_at(offset)
    if claim is None:
        index = bisect_right(claim_starts, offset) - 1
        if 0 <= index < len(doc.claims) and doc.claims[index].end >= start:
            claim = doc.claims[index]
        elif index + 1 < len(doc.claims) and claim_starts[index + 1] < end:
            claim = doc.claims[index + 1]
    return claim


def scroll_target(top: int, bottom: int, height: int, y: int, *, center: bool) -> int | None:
    """Where to scroll (from ``y``) so that lines ``top``…``bottom`` show with a margin of up
    to two lines, or a third down when ``center``; ``None`` when they already show."""
    height = max(height, 1)
    margin = max(min(2, (height - (bottom - top + 1)) // 2), 0)
    if center:
        target = top - height // 3
    elif top < y + margin:
        target = top - margin
    elif bottom > y + height - 1 - margin:
        target = min(top - margin, bottom - height + 1 + margin)
    else:
        return None
    return max(target, 0)


class ViewStyles:
    """The parts of a view's component styles it layers, each looked up once per style change.

    ``rich_style`` walks every ancestor and a component style is a CSS lookup:
    per rendered line they were most of a repaint. :meth:`clear` on a style change.
    """

    LAYERED = frozenset({"cursor", "linked", "related"})
    """Styles layered over the text's colour: their background and attributes only."""

    def __init__(self, widget: Widget, prefix: str = "document-view") -> None:
        self.widget = widget
        self.prefix = prefix
        self._found: dict[str, Style] = {}

    def clear(self) -> None:
        self._found.clear()

    def __call__(self, name: str) -> Style:
        style = self._found.get(name)
        if style is None:
            full = self.widget.get_component_rich_style(f"{self.prefix}--{name}")
            if name in self.LAYERED:
                style = Style(
                    bgcolor=full.bgcolor,
                    reverse=full.reverse,
                    underline=full.underline,
                    italic=full.italic,
                )
            else:
                style = Style(
                    color=full.color, bold=full.bold, italic=full.italic, underline=full.underline
                )
            self._found[name] = style
        return style

    def base(self) -> Style:
        """The widget's ``rich_style``."""
        style = self._found.get("")
        if style is None:
            style = self._found[""] = self.widget.rich_style
        return style

    def label(self, label: str) -> Style:
        """The colour of ``label``'s tone (:mod:`tui.core.labels`); none for an unknown label."""
        found = label_def(label)
        return self(found.tone) if found else Style()
