"""The row of document panes: which are in sight, which one the keys act on.

As many panes are shown as fit (at least ``MIN_PANE_WIDTH`` columns each),
always including the active one; the others wait left or right of the window
and their titles say where the shown ones are (``pane 2/3``).
"""

from __future__ import annotations

from textual.containers import Horizontal

from tui.app.widgets.document_view import DocumentView
from tui.app.widgets.pane import DocumentPane
from tui.core.model import Document

MIN_PANE_WIDTH = 36
"""Below this many columns per pane, panes are shown one (or a few) at a time."""


class PaneRow(Horizontal):
    """The panes side by side; ``active`` is the one the keys act on."""

    def __init__(self, *children: DocumentPane | object, id: str | None = None) -> None:
        super().__init__(*children, id=id)  # type: ignore[arg-type]
        self._active: DocumentView | None = None
        self._window_start = 0

    @property
    def panes(self) -> list[DocumentPane]:
        return list(self.query_children(DocumentPane))

    @property
    def views(self) -> list[DocumentView]:
        return [pane.view for pane in self.panes]

    @property
    def active_view(self) -> DocumentView | None:
        """The pane the keys act on: the last one activated (by key or by click)."""
        if self._active is not None and self._active.is_attached:
            return self._active
        views = self.views
        focused = self.screen.focused if self.is_attached else None
        if isinstance(focused, DocumentView) and focused in views:
            return focused
        return views[0] if views else None

    @property
    def active_pane(self) -> DocumentPane | None:
        view = self.active_view
        return view.parent if view is not None else None  # type: ignore[return-value]

    def set_active(self, view: DocumentView | None) -> None:
        """Remember ``view`` as active without moving the focus (the caller does)."""
        self._active = view

    def view_for(self, doc: Document) -> DocumentView | None:
        """The active view if it shows ``doc``, else the first pane showing it."""
        active = self.active_view
        if active is not None and active.doc is doc:
            return active
        return next((view for view in self.views if view.doc is doc), None)

    def fit_to(self, width: int) -> None:
        """Show as many panes as fit in ``width`` columns, always including the active one."""
        panes = self.panes
        if not panes:
            return
        fit = max(1, width // MIN_PANE_WIDTH)
        active = self.active_pane
        current = panes.index(active) if active in panes else 0
        start = min(self._window_start, max(len(panes) - fit, 0))
        if current < start:
            start = current
        elif current >= start + fit:
            start = current - fit + 1
        self._window_start = start
        for i, pane in enumerate(panes):
            pane.display = start <= i < start + fit
            pane.set_class(i == start, "-leftmost")
            pane.refresh_title(f"{i + 1}/{len(panes)}" if len(panes) > fit else "")

    def neighbour(self, step: int) -> DocumentView | None:
        """The view ``step`` panes right of the active one (wrapping round)."""
        panes = self.panes
        if not panes:
            return None
        active = self.active_pane
        index = panes.index(active) + step if active in panes else 0
        return panes[index % len(panes)].view

    async def add(self, pane: DocumentPane) -> None:
        """Mount ``pane`` right of the active one (the caller activates it)."""
        for empty in self.query("#empty"):
            await empty.remove()
        active = self.active_pane
        if active is not None and active.parent is self:
            await self.mount(pane, after=active)
        else:
            await self.mount(pane)

    async def replace(self, old: DocumentPane, new: DocumentPane) -> None:
        """Put ``new`` where ``old`` is (its document was loaded again); the caller activates."""
        if self._active is old.view:
            self._active = None
        await self.mount(new, after=old)
        await old.remove()

    async def close_active(self) -> DocumentView | None:
        """Remove the active pane; returns the view to activate (the one left of it)."""
        panes = self.panes
        active = self.active_pane
        if active is None or len(panes) < 2:
            return None
        index = panes.index(active)
        self._active = None
        await active.remove()
        rest = self.panes
        return rest[max(index - 1, 0)].view
