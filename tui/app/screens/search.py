"""The ``/`` search screen: fuzzy search across every claim and note, as you type.

Searches run in a thread worker, one at a time, so typing never waits for a
search: a key typed while one runs makes the box's text the next query, taken
when it ends (a burst of keys costs one search more, not one per key, each
slowing the others down); the list shows the newest results that match what
is in the box. Every text shown is built from plain strings (article text and notes
may hold ``[`` ``]`` that markup would eat or choke on).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from time import perf_counter
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.app.look import MUTED, label_part, short_ids
from tui.app.screens.dialog import DialogScreen, move_highlight
from tui.app.widgets.text_box import TextBox
from tui.core.display import display, display_fixed
from tui.core.live_index import LiveIndex
from tui.core.model import Claim, Document
from tui.core.workspace import Workspace

if TYPE_CHECKING:  # imported by the search's thread: ~20 ms of "/" at start-up, measured
    from tui.core.search import SearchHit, SearchIndex

LIMIT = 50
MATCH_STYLE = "bold underline $text-accent"
HELP = 'words (typos forgiven) · "a phrase" · label:disputed · label:none · doc:000'


def highlighted(text: str, spans: list[tuple[int, int]], style: str = MATCH_STYLE) -> Content:
    """``text`` on one line with ``spans`` styled (the text is cleaned, never parsed)."""
    content = Content(display_fixed(text))  # one character for one: the offsets hold
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


def option_width(option_list: OptionList) -> int:
    """Cells for one line of an option (a guess before the first layout)."""
    width = option_list.scrollable_content_region.width - 2
    return width if width > 10 else 100


def divided(options: Iterable[Option], *, more: bool = False) -> list[Option | None]:
    """Options with a rule after each (``None``): multi-line results stay apart.

    ``more``: options follow (added later), so the last one has its rule too.
    """
    result: list[Option | None] = []
    for option in options:
        result.extend((option, None))
    return result if more else result[:-1]


def claim_head(
    short_id: str,
    claim: Claim,
    label: str | None,
    *,
    status: str | None = None,
    score: float | None = None,
    width: int | None = None,
) -> Content:
    """``000:12  [D] disputed  98  Title``: where a claim is, its label (``? contested``
    for a claim the analysts disagree on, by ``status``), score and article."""
    parts: list[tuple[str, str]] = [
        (short_id, "bold"),
        (f":{claim.number}  ", MUTED),
        label_part(label, status),
    ]
    if score is not None:
        parts += [(f"  {score:.0f}  ", MUTED), (display(claim.doc.title), f"italic {MUTED}")]
    head = Content.assemble(*parts)
    return head if width is None else head.truncate(width, ellipsis=True)


class ClaimsDialog(DialogScreen[Claim | None]):
    """A dialog listing claims of the workspace; dismissed with one, or ``None``."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._short_ids: dict[str, str] | None = None

    def short_id(self, doc: Document) -> str:
        """``000`` for ``000_b9222599d6781aaf``, as the reader names documents."""
        if self._short_ids is None:
            self._short_ids = short_ids(self.workspace.corpus.documents)
        return self._short_ids.get(doc.id, doc.id)

    def label_of(self, claim: Claim) -> str | None:
        return self.workspace.store.label_of(claim)

    def head(
        self,
        claim: Claim,
        label: str | None,
        *,
        score: float | None = None,
        width: int | None = None,
    ) -> Content:
        """:func:`claim_head` of ``claim``, whose team label is ``label`` (its status read
        only for a claim with none: contested or unreviewed)."""
        status = self.workspace.store.status_of(claim) if label is None else None
        return claim_head(
            self.short_id(claim.doc), claim, label, status=status, score=score, width=width
        )


@dataclass(frozen=True)
class _Row:
    hit: SearchHit
    label: str | None
    option: Option
    """Made in the search's thread, as everything else shown: the reader's thread
    only lays the options out (a hit's title may make its document's claims)."""


class SearchScreen(ClaimsDialog):
    """Type to search; ``enter`` dismisses with the highlighted claim, ``escape`` with None."""

    # Opaque: a translucent screen re-renders the whole reader behind it at each
    # full refresh (70 ms of opening "/" at 160x45, measured), and a search
    # covers the reader anyway.
    DEFAULT_CSS = """
    SearchScreen {
        background: $background;
    }
    SearchScreen > .dialog {
        width: 120;
        height: 90%;
    }
    SearchScreen #search-status {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchScreen #search-status.-error {
        color: $text-error;
    }
    SearchScreen #search-results {
        height: 1fr;
        min-width: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="search.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
    ]
    AUTO_FOCUS = "#search-input"

    def __init__(
        self, workspace: Workspace, index: SearchIndex | LiveIndex, query: str = ""
    ) -> None:
        """``index``: the reader's :class:`LiveIndex` opens the dialog before it is built
        (and before every note is in it): the first search waits for both, not the keys."""
        super().__init__(workspace)
        self.index = index
        self.initial_query = query
        self.rows: list[_Row] = []
        self.shown_query: str | None = None
        """The query whose results are on screen (``None`` before the first)."""
        self._submit_when_shown = False
        self._searching = False
        self._next: str | None = None
        """The text typed while a search ran: the next query."""
        self._typed = ""
        self._start_queued = False

    def compose(self) -> ComposeResult:
        keys = "↑↓ choose · enter go to the claim · escape close"
        with self.frame("Search claims and notes", keys):
            yield TextBox(self.initial_query, placeholder=HELP, id="search-input")
            yield Static(Content(HELP), id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        if self.initial_query:
            self._start(self.initial_query)

    # Searching -------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        """Search the box's text once the keys already in are handled.

        A burst (a paste, fast typing, keys typed at start-up) posts one Changed
        a key: searching the first of them sent a query to the thread only to
        pass it over there (~10 ms of the answer, traced at start-up).
        """
        self._typed = event.value
        if not self._start_queued:
            self._start_queued = True
            self.call_later(self._start_typed)

    def _start_typed(self) -> None:
        self._start_queued = False
        self._start(self._typed)

    def _start(self, query: str) -> None:
        if not query.strip():
            self._next = None
            self._show(query, [], None, 0.0)
            return
        if self._searching:
            self._next = query
            return
        self._searching = True
        results = self.query_one("#search-results", OptionList)
        width, first = option_width(results), max(results.size.height // 3 + 2, 4)
        self.run_worker(
            partial(self._search, query, width, first),
            thread=True,
            group="search",
            exit_on_error=False,
        )

    def _search(self, query: str, width: int, first: int) -> None:
        """In a thread: search, then hand the rows to the screen.

        A query typed over meanwhile (a burst of keys) is not searched: the
        newest is, as soon as this returns. The rows that fill the list go
        first; the rest are made once those are on screen (each row reads its
        document's labels: 50 of them took ~25 ms of the answer).
        """
        from tui.core.search import QueryError

        worker = get_current_worker()
        started = perf_counter()
        error = None
        rows: list[_Row] | None = None  # None: not searched
        hits: list[SearchHit] = []
        try:
            if self._next in (None, query):
                index = self._ready_index()
                # Typed over while the index and notes were made: the newest text instead.
                query = self._next or query
                hits = index.search(
                    query,
                    limit=LIMIT,
                    label_of=self.label_of,
                    status_of=self.workspace.store.status_of,
                )
                rows = [self._row(hit, width) for hit in hits[:first]]
        except QueryError as problem:
            error = str(problem)
        elapsed = perf_counter() - started
        if worker.is_cancelled:
            return
        shown = threading.Event()
        self.app.call_from_thread(self._searched, query, rows, error, elapsed, len(hits), shown)
        if rows is not None and len(hits) > first and shown.wait(1.0) and not worker.is_cancelled:
            rest = [self._row(hit, width) for hit in hits[first:]]
            self.app.call_from_thread(self._show_rest, rows, rest)

    def _ready_index(self) -> SearchIndex:
        """The index with its notes (in the search's thread: built here if need be)."""
        from tui.core.search import QueryError, SearchIndex

        if isinstance(self.index, SearchIndex):
            return self.index
        index = self.index.load_notes()
        if index is None:
            raise QueryError(f"The search index failed to build: {self.index.error}")
        return index

    def _searched(
        self,
        query: str,
        rows: list[_Row] | None,
        error: str | None,
        elapsed: float,
        total: int,
        shown: threading.Event,
    ) -> None:
        """A search ended: start the one typed meanwhile, show this one if still current.

        ``shown`` is set once these rows are on screen (the thread then makes the rest).
        """
        self._searching = False
        following, self._next = self._next, None
        if rows is None and error is None:  # passed over for a newer query
            if self.is_attached:
                self._start(following or query)
            return
        if following is not None and following != query and self.is_attached:
            self._start(following)
        if self._show(query, rows or [], error, elapsed, total):
            self.call_after_refresh(shown.set)

    def _show(
        self, query: str, rows: list[_Row], error: str | None, elapsed: float, total: int = 0
    ) -> bool:
        """Show ``rows`` (the first of ``total``) if ``query`` is still the box's text."""
        if not self.is_attached or query != self.query_one("#search-input", Input).value:
            return False  # an older query finished late
        self.rows = rows
        self.shown_query = query
        status = self.query_one("#search-status", Static)
        status.set_class(error is not None, "-error")
        if error is not None:
            status.update(Content(display(error)))
        elif not query.strip():
            status.update(Content(HELP))
        else:
            total = max(total, len(rows))
            count = f"{total}+" if total >= LIMIT else str(total)
            found = "no claim matches" if not total else f"{count} found"
            status.update(Content(f"{found} · {elapsed * 1000:.0f} ms"))
        results = self.query_one("#search-results", OptionList)
        # What fills the list first, the rest once that is on screen: laying out
        # 50 results of several lines took ~40 ms of the keys' time.
        results.set_options(divided((row.option for row in rows), more=total > len(rows)))
        if rows:
            results.highlighted = 0
        if self._submit_when_shown:
            self._submit_when_shown = False
            self._submit()
        return True

    def _show_rest(self, rows: list[_Row], rest: list[_Row]) -> None:
        """The rows below the first screenful, if ``rows`` are still the ones shown."""
        if self.is_attached and rows is self.rows:
            rows.extend(rest)
            self.query_one("#search-results", OptionList).add_options(
                divided(row.option for row in rest)
            )

    def _row(self, hit: SearchHit, width: int) -> _Row:
        claim = hit.claim
        label = self.label_of(claim)
        head = self.head(claim, label, score=hit.score, width=width)
        if hit.field == "note" and hit.note is not None:
            body = Content.assemble(
                ("note: ", "bold"),
                highlighted(hit.note, hit.spans),
                "\n",
                Content(display_fixed(claim.text)),
            )
        else:
            body = highlighted(claim.text, hit.spans)
        return _Row(hit, label, Option(Content.assemble(head, "\n", body)))

    # Keys ------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one("#search-results", OptionList), delta)

    def action_page(self, delta: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if delta > 0:
            results.action_page_down()
        else:
            results.action_page_up()

    @on(Input.Submitted, "#search-input")
    def _submit(self) -> None:
        if self.shown_query != self.query_one("#search-input", Input).value:
            self._submit_when_shown = True  # enter typed before the results came in
            return
        index = self.query_one("#search-results", OptionList).highlighted
        if index is not None and index < len(self.rows):
            self.dismiss(self.rows[index].hit.claim)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.rows):
            self.dismiss(self.rows[event.option_index].hit.claim)
