"""A document pane: a title bar, a read-only banner when needed, and the document view."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.app.messages import AnnotationsChanged
from tui.app.widgets.document_view import DocumentView
from tui.core.display import display
from tui.core.model import Document
from tui.core.pane_filter import PaneFilter, kept_count
from tui.core.store import AnnotationStore


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


class PaneTitle(Widget):
    """One line: the document's short id and title, and ``tagged/total`` on the right."""

    DEFAULT_CSS = """
    PaneTitle {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, doc: Document, short_id: str) -> None:
        super().__init__()
        self.doc = doc
        self.short_id = short_id
        self.tagged = 0
        self.position = ""
        self.read_only = False
        self.filtered = ""
        self.following = ""

    def set_state(
        self,
        *,
        tagged: int,
        position: str = "",
        read_only: bool = False,
        filtered: str = "",
        following: str = "",
    ) -> None:
        """``filtered``: ``contested 3`` while a filter keeps 3 claims (else empty);
        ``following``: the short id of the pane this one follows (linked panes)."""
        state = (tagged, position, read_only, filtered, following)
        if state != (self.tagged, self.position, self.read_only, self.filtered, self.following):
            self.tagged, self.position, self.read_only, self.filtered, self.following = state
            self.refresh()

    def render(self) -> Content:
        width = self.size.width
        right = f" {self.tagged}/{len(self.doc.claims)} reviewed "
        if self.filtered:
            right = f" filter: {self.filtered} ·" + right
        if self.following:
            right = f" follows {self.following} ·" + right
        if self.read_only:
            right = " read-only" + right
        if self.position:
            right = f" pane {self.position} ·" + right
        head = f" {self.short_id} "
        title = fit(display(self.doc.title), width - cell_len(head) - cell_len(right))
        pad = max(width - cell_len(head) - cell_len(title) - cell_len(right), 0)
        return Content.assemble((head, "bold"), (title, "bold"), " " * pad, right)


class DocumentPane(Vertical):
    """One column of the reader, showing one document."""

    DEFAULT_CSS = """
    DocumentPane {
        width: 1fr;
        min-width: 16;
        height: 1fr;
    }
    DocumentPane:focus-within > PaneTitle {
        background: $primary;
        color: $text;
    }
    DocumentPane > .pane--banner {
        height: auto;
        max-height: 4;
        background: $error 25%;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(
        self, doc: Document, store: AnnotationStore, *, short_id: str, cursor: int = 0
    ) -> None:
        super().__init__()
        self.doc = doc
        self.store = store
        self.title_bar = PaneTitle(doc, short_id)
        self.view = DocumentView(doc, store, cursor=cursor)
        self.following = ""
        """The short id of the pane this one follows (linked panes), or empty."""

    def compose(self) -> ComposeResult:
        yield self.title_bar
        state = self.store.load(self.doc)
        if state.error is not None:
            yield Static(banner_text(state.error), classes="pane--banner")
        yield self.view

    def sync_banner(self) -> None:
        """Show the read-only banner while the annotation file does not parse, and only then."""
        state = self.store.load(self.doc)
        banners = self.query(".pane--banner")
        if state.error is None:
            banners.remove()
        elif banners:
            banners.first(Static).update(banner_text(state.error))
        else:
            self.mount(Static(banner_text(state.error), classes="pane--banner"), before=self.view)
        self.refresh_title()

    def follow(self, following: str) -> None:
        """Say in the title that this pane follows ``following`` (``""``: it does not)."""
        if following != self.following:
            self.following = following
            self.refresh_title()

    def refresh_title(self, position: str | None = None) -> None:
        """Redraw the title from the store; ``position``: ``2/3`` when not every pane fits."""
        state = self.store.load(self.doc)
        if position is None:
            position = self.title_bar.position
        view_filter = self.view.pane_filter
        filtered = ""
        if view_filter is not PaneFilter.ALL:
            filtered = f"{view_filter.value} {kept_count(state, self.doc.claims, view_filter)}"
        self.title_bar.set_state(
            tagged=state.tagged,
            position=position,
            read_only=state.read_only,
            filtered=filtered,
            following=self.following,
        )

    def on_annotations_changed(self, event: AnnotationsChanged) -> None:
        if event.doc_id != self.doc.id:
            return
        if event.claim_index is not None:
            self.view.redraw_claims(event.claim_index)
        else:
            self.view.redraw()
        self.sync_banner()


def banner_text(error: Exception) -> Content:
    """The read-only banner: which file, which line, what to do."""
    path = getattr(error, "path", "")
    line = getattr(error, "line", None)
    reason = getattr(error, "reason", str(error))
    where = f"{path}, line {line}" if line else f"{path}"
    return Content.assemble(
        ("Read-only: ", "bold"),
        display(f"{where}: {reason}. "),
        "Tags cannot be saved until the file is fixed (the pane notices when it is).",
    )
