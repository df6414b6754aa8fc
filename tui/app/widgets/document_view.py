"""One article drawn line by line (Textual's Line API), with a claim cursor.

Mounting a widget per sentence is far too slow for long articles (ListView
needs seconds for 2,000 items); this view keeps the document as plain text
plus a wrap table (:mod:`tui.app.wrap`) and renders only the visible lines,
so a 5 MB article opens at once and a key press repaints a screenful.

Article text is never markup: every line is built from ``Segment`` objects
holding slices of the document text through :func:`tui.core.display.display_fixed`
(one character for one: tabs as spaces, bidi overrides and zero-width characters
as ``◌``, so nothing invisible reorders or hides what is drawn).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.view_parts import GUTTER, ViewStyles, claim_at, margin, scroll_target
from tui.app.wrap import SPACER, Wrapped, wrap_document
from tui.core.blocks import BlockKind
from tui.core.display import display_fixed
from tui.core.labels import TONES, letter
from tui.core.model import Claim, Document
from tui.core.pane_filter import PaneFilter, keeps
from tui.core.store import AnnotationStore
from tui.core.team import Status


class DocumentView(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable article with the current claim highlighted and tags in the margin."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="document.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="document.page-up"),
        Binding("home", "first", "First claim", show=False, id="document.first"),
        Binding("end", "last", "Last claim", show=False, id="document.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--cursor",
        "document-view--heading",
        "document-view--boilerplate",
        "document-view--placeholder",
        *(f"document-view--{tone}" for tone in TONES),
        "document-view--contested",
        "document-view--filtered",
        "document-view--linked",
        "document-view--related",
        "document-view--link-mark",
        "document-view--carried",
    }

    # The look (cursor, tones, dimmed claims, NO_COLOR) is in document_view.tcss.

    class CursorMoved(Message):
        """The current claim changed (by key, click or a new document)."""

        def __init__(self, view: DocumentView, claim: Claim | None) -> None:
            super().__init__()
            self.view = view
            self.claim = claim

    def __init__(
        self,
        doc: Document,
        store: AnnotationStore,
        *,
        cursor: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.doc = doc
        self.store = store
        self.cursor = min(max(cursor, 0), len(doc.claims) - 1) if doc.claims else -1
        self.pane_filter = PaneFilter.ALL
        self.links: dict[int, bool] = {}
        """Claims matching the current claim of another pane (``True``: band ``same``)."""
        self.carried: dict[int, str] = {}
        """Claims showing a tag carried from another document: its label (``""``: several)."""
        self._claim_starts = [claim.start for claim in doc.claims]
        self._wrapped: Wrapped | None = None
        self._layouts: LRUCache[int, Wrapped] = LRUCache(4)
        self._lines: LRUCache[int, Strip] = LRUCache(2048)
        self._look = ViewStyles(self)
        self._center_on_layout = True

    # -- state -------------------------------------------------------------------------

    @property
    def claim(self) -> Claim | None:
        return self.doc.claims[self.cursor] if self.cursor >= 0 else None

    @property
    def wrapped(self) -> Wrapped | None:
        """The wrap table at the current width (``None`` before the first layout)."""
        return self._wrapped

    @property
    def text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 1)

    def move_to(self, index: int, *, center: bool = False, scroll: bool = True) -> None:
        """Make claim ``index`` current and scroll it into view (``scroll``: the caller will)."""
        if not self.doc.claims:
            return
        index = min(max(index, 0), len(self.doc.claims) - 1)
        changed = index != self.cursor
        previous, self.cursor = self.cursor, index
        self.redraw_claims(previous, index)
        if self._wrapped is None:
            self._center_on_layout = scroll
        elif scroll:
            self.scroll_to_cursor(center=center)
        if changed or center:
            self.post_message(self.CursorMoved(self, self.claim))

    def move_by(self, delta: int) -> None:
        """``delta`` claims on; with a filter on, ``delta`` claims it keeps (else stay)."""
        if not self.doc.claims:
            return
        if self.pane_filter is PaneFilter.ALL:
            self.move_to(self.cursor + delta)
            return
        state, step = self.store.load(self.doc), 1 if delta > 0 else -1
        index, target, left = self.cursor, self.cursor, abs(delta)
        while left and 0 <= index + step < len(self.doc.claims):
            index += step
            if keeps(state, self.doc.claims[index], self.pane_filter):
                target, left = index, left - 1
        self.move_to(target)

    def set_filter(self, pane_filter: PaneFilter) -> None:
        """Dim the claims ``pane_filter`` does not keep (the pane title says which)."""
        self.pane_filter = pane_filter
        self.redraw()

    def set_links(self, links: dict[int, bool]) -> None:
        """Mark ``links`` (linked panes, :mod:`tui.app.linked`), repainting only what changes."""
        if links != self.links:
            changed = self.links.keys() | links.keys()
            self.links = links
            self.redraw_claims(*changed)

    def redraw(self) -> None:
        """Forget every rendered line (focus or theme change, an undo) and repaint."""
        self._lines.clear()
        self.refresh()

    def redraw_claims(self, *indexes: int) -> None:
        """Repaint only the lines of these claims (a cursor move, a tag): a key stays cheap."""
        wrapped = self._wrapped
        if wrapped is None:
            return
        for index in indexes:
            if 0 <= index < len(self.doc.claims):
                top, bottom = self._claim_lines(wrapped, self.doc.claims[index])
                for line in range(top, bottom + 1):
                    self._lines.discard(line)
                self.refresh_lines(top, bottom - top + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look.clear()
        self._lines.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self.redraw()

    def _on_blur(self, event: events.Blur) -> None:
        self.redraw()

    # -- layout ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    def relayout(self) -> None:
        """Wrap to the current width, keeping the cursor (or the top line) in view."""
        width = self.text_width
        old = self._wrapped
        if old is not None and old.width == width:
            return
        top_offset = old.starts[min(self.scroll_offset.y, len(old) - 1)] if old else 0
        cursor_visible = old is not None and self._cursor_on_screen(old)
        wrapped = self._layouts.get(width)
        if wrapped is None:
            wrapped = wrap_document(self.doc.text, self.doc.blocks, width)
            self._layouts[width] = wrapped
        self._wrapped = wrapped
        self._lines.clear()
        self.virtual_size = Size(width + GUTTER, max(len(wrapped), 1))
        if self._center_on_layout:
            self._center_on_layout = False
            self.scroll_to_cursor(center=True)
        elif cursor_visible:
            self.scroll_to_cursor()
        else:
            self.scroll_to(y=wrapped.line_of(top_offset), animate=False)
        self.refresh()

    def _claim_lines(self, wrapped: Wrapped, claim: Claim) -> tuple[int, int]:
        return wrapped.line_of(claim.start), wrapped.line_of(max(claim.end - 1, claim.start))

    def _cursor_on_screen(self, wrapped: Wrapped) -> bool:
        claim = self.claim
        if claim is None:
            return False
        top, bottom = self._claim_lines(wrapped, claim)
        y = self.scroll_offset.y
        return bottom >= y and top < y + self.scrollable_content_region.height

    def scroll_to_cursor(self, *, center: bool = False) -> None:
        target = self.cursor_scroll(center=center)
        if target is not None:
            self.scroll_to(y=target, animate=False, force=True)

    def cursor_scroll(self, *, center: bool = False) -> int | None:
        """Where :meth:`scroll_to_cursor` scrolls to (``None``: the cursor is in view). That
        scroll happens after the next refresh: linked panes line up with it beforehand."""
        wrapped, claim = self._wrapped, self.claim
        if wrapped is None or claim is None:
            return None
        top, bottom = self._claim_lines(wrapped, claim)
        height = self.scrollable_content_region.height
        return scroll_target(top, bottom, height, self.scroll_offset.y, center=center)

    # -- actions -----------------------------------------------------------------------

    def action_page(self, direction: int) -> None:
        wrapped, claim = self._wrapped, self.claim
        if wrapped is None or claim is None:
            return
        step = max(self.scrollable_content_region.height - 2, 1)
        line = min(max(wrapped.line_of(claim.start) + direction * step, 0), len(wrapped) - 1)
        index = bisect_left(self._claim_starts, wrapped.starts[line])
        if direction < 0 and index > self.cursor:
            index = self.cursor - 1
        self.scroll_to(y=max(self.scroll_offset.y + direction * step, 0), animate=False)
        self.move_to(min(index, len(self.doc.claims) - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.doc.claims) - 1)

    def on_click(self, event: events.Click) -> None:
        claim = self.claim_at_point(event.x, event.y)
        if claim is not None:
            self.move_to(claim.index)

    def claim_at_point(self, x: int, y: int) -> Claim | None:
        """The claim drawn at widget cell ``(x, y)``, or the nearest one on that line."""
        wrapped = self._wrapped
        if wrapped is None:
            return None
        line, column = y + self.scroll_offset.y, max(x - GUTTER, 0)
        return claim_at(self.doc, self._claim_starts, wrapped, line, column)

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._wrapped is None or self._wrapped.width != max(width - GUTTER, 1):
            # Wrap now rather than on the Resize event, which comes after the first
            # frame: the article is then on screen in the very first frame.
            self.relayout()
        wrapped = self._wrapped
        line = y + self.scroll_offset.y
        base = self._look.base()
        if wrapped is None:
            return Strip.blank(width, base)
        if not len(wrapped):
            if line == 0:
                text = " " * GUTTER + "(this article is empty)"
                return Strip([Segment(text, base + self._look("placeholder"))]).crop_extend(
                    0, width, base
                )
            return Strip.blank(width, base)
        if line >= len(wrapped):
            return Strip.blank(width, base)
        strip = self._lines.get(line)
        if strip is None or strip.cell_length != width:
            strip = self._render_text_line(wrapped, line, width, base)
            self._lines[line] = strip
        return strip

    def _render_text_line(self, wrapped: Wrapped, line: int, width: int, base: Style) -> Strip:
        block = wrapped.blocks[line]
        if block == SPACER:
            return Strip.blank(width, base)
        doc = self.doc
        text = doc.text
        start, end = wrapped.starts[line], wrapped.ends[line]
        kind = doc.blocks[block].kind
        line_style = base
        if kind is BlockKind.HEADING:
            line_style = base + self._look("heading")
        elif kind is BlockKind.BOILERPLATE:
            line_style = base + self._look("boilerplate")

        state = self.store.load(doc)
        filtering = self.pane_filter is not PaneFilter.ALL
        claims = doc.claims
        segments: list[Segment] = []
        letters: list[tuple[str, Style]] = []
        continued: Style | None = None
        index = max(bisect_right(self._claim_starts, start) - 1, 0)
        pos = start
        while pos < end:
            while index < len(claims) and claims[index].end <= pos:
                index += 1
            if index >= len(claims) or claims[index].start >= end:
                stop, style = end, line_style
            elif claims[index].start > pos:
                stop, style = claims[index].start, line_style
            else:
                claim = claims[index]
                stop = min(claim.end, end)
                style = line_style
                label = state.label(claim)
                mark = letter(label) if label else ""
                label_style = self._look.label(label) if label else None
                if not label and state.tagged and state.status(claim) is Status.CONTESTED:
                    mark, label_style = "?", self._look("contested")  # shown, never resolved
                if label_style is not None:
                    style = style + label_style
                    if claim.start >= start:
                        letters.append((mark, label_style))
                    else:
                        continued = label_style
                first = claim.start >= start
                if not label and index in self.carried and not state.team(claim).tags:
                    carried = self.carried[index]  # faint: until someone tags it here
                    sign = letter(carried).lower() if carried else "*"
                    if first:
                        letters.append((sign, self._look("carried")))
                if index in self.links:
                    same = self.links[index]
                    style = style + self._look("linked" if same else "related")
                    if first:
                        letters.append(("≈" if same else "~", self._look("link-mark")))
                if filtering and not keeps(state, claim, self.pane_filter):
                    style = style + self._look("filtered")
                if index == self.cursor:
                    style = style + self._look("cursor")
                    if claim.start >= start and self.app.no_color:  # a mark colour cannot hide
                        letters.append(("›", self._look("cursor")))
            segments.append(Segment(display_fixed(text[pos:stop]), style))
            pos = stop

        gutter = margin(letters, continued, base)
        if wrapped.is_narrow_line(line):
            cells = GUTTER + end - start
        else:
            cells = GUTTER + cell_len(display_fixed(text[start:end]))
        if cells < width:
            segments.append(Segment(" " * (width - cells), base))
            cells = width
        strip = Strip([*gutter, *segments], cells)
        return strip if cells == width else strip.crop_extend(0, width, base)
