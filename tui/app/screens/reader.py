"""The reader screen: articles side by side, claims tagged with one key, saved at once.

This screen runs the reading and tagging flow. Every change goes through the
core's :class:`~tui.core.editing.Editor` (an atomic, locked write) inside the
key's handler, so it is on disk before the next key is read; the screen then
tells the panes, header and inspector what changed (:mod:`tui.app.messages`)
and says what the editor's outcome says. Dialogs (note editor, search, open,
export, …) are flows in :mod:`tui.app.flows`, started by ``flow('<name>')``
bindings; how to add one is in :mod:`tui.app.keys`.

Dialog screens are imported when first opened, and the search index is built
in a thread after the first paint, so start-up costs no more than loading the
corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widgets import Static

from tui.app.also_in import AlsoInLookup
from tui.app.background import ChunkedWork, between_keys
from tui.app.covered import RestsWhenCovered
from tui.app.disk_changes import DiskChanges
from tui.app.flows import get_flow
from tui.app.keys import KeyMap, palette_commands, screen_bindings
from tui.app.linked import LinkedPanes
from tui.app.look import short_ids
from tui.app.messages import AnnotationsChanged, IndexBuilt, ProgressChanged
from tui.app.notices import empty_message, show_warnings
from tui.app.resize import SteadySize
from tui.app.session import SessionKeeper, Start, session_of
from tui.app.start_up import StartUp
from tui.app.typeahead import Typeahead
from tui.app.watch import AnnotationWatch
from tui.app.widgets.document_view import DocumentView
from tui.app.widgets.header import ReaderHeader
from tui.app.widgets.inspector import ClaimInspector
from tui.app.widgets.pane import DocumentPane
from tui.app.widgets.pane_row import PaneRow
from tui.core.live_index import LiveIndex
from tui.core.model import Claim, Document
from tui.core.progress import Progress
from tui.core.workspace import Workspace

if TYPE_CHECKING:
    from tui.core.editing import Editor, Outcome

COMPACT_HEIGHT = 24
"""From this many rows up the inspector shows every line; below it shrinks."""
POLL_SECONDS = 1.5
"""How often the open documents' annotation files are checked for changes by others
(:class:`~tui.app.disk_changes.DiskChanges`)."""


class ReaderScreen(RestsWhenCovered, SteadySize, Screen[None]):
    """The main screen; ``tab`` moves between panes rather than between widgets."""

    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-short"),
        (COMPACT_HEIGHT, "-tall"),
    ]
    """A short terminal gets the ``-short`` class: the inspector shrinks (factcheck.tcss)."""

    def __init__(
        self,
        workspace: Workspace,
        start: Start,
        *,
        keymap: KeyMap | None = None,
        session: SessionKeeper | None = None,
        ensure_analyst: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(id="reader")
        self._bindings = screen_bindings(self._bindings)
        self.workspace = workspace
        self.store = workspace.store
        self.start = start
        self.keymap = keymap or KeyMap()
        self.session_keeper = session
        self.ensure_analyst = ensure_analyst
        self._short_ids = short_ids(workspace.corpus.documents)
        self.watch = AnnotationWatch(self.store)
        self.disk = DiskChanges(self)
        self.live_index = LiveIndex(workspace.corpus, self.store)
        self.progress = Progress(workspace.corpus, self.store, on_read=self.live_index.sync)
        self.chunked = ChunkedWork(
            self.progress,
            between_keys(self.set_timer, lambda: self.is_active),
            on_counted=lambda: self.header.post_message(ProgressChanged()),
        )
        self.also_in = AlsoInLookup(
            self,
            self.live_index,
            short_id=lambda claim: self.short_id(claim.doc),
            current=lambda: self.current_claim,
            on_found=lambda claim: self.update_inspector(),
            open_docs=lambda: frozenset(view.doc.id for view in self.views),
            in_front=lambda: self.is_active,
        )
        self.linked = LinkedPanes(self)
        self.typeahead = Typeahead(self)
        self._inspected: Claim | None = None
        self.start_up = StartUp(self)

    @cached_property
    def editor(self) -> Editor:
        """Every write and undo; made at the first key (its imports are not needed to paint)."""
        from tui.core.editing import Editor

        return Editor(self.store, fresh=self.disk.fresh, name=self.short_id)

    # -- composition -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ReaderHeader(self.progress, id="header")
        # The Footer is mounted right after the first paint (tui.app.start_up):
        # mounted before it, it delays the article by ~40 ms.
        panes = [
            self.new_pane(d, c)
            for d, c in zip(self.start.documents, self.start.cursors, strict=True)
        ]
        if not panes:
            panes.append(Static(empty_message(self.workspace), id="empty"))  # type: ignore[arg-type]
        yield PaneRow(*panes, id="panes")
        yield ClaimInspector(self.store, hint=self.keymap.tag_hint(), id="inspector")

    def new_pane(self, doc: Document, cursor: int | None = None) -> DocumentPane:
        """A pane on ``doc``, at ``cursor`` or else at its first unreviewed claim.

        A document no pane showed yet is read afresh (the progress count may
        have read it long ago) and watched for changes from now on.
        """
        state = self.store.load(doc) if self.watch.watching(doc) else self.watch.load(doc)
        self.live_index.sync(doc)
        if cursor is None:
            cursor = next((c.index for c in doc.claims if state.get(c) is None), 0)
        return DocumentPane(doc, self.store, short_id=self.short_id(doc), cursor=cursor)

    def on_mount(self) -> None:
        views = self.views
        if views:
            view = views[min(self.start.focused, len(views) - 1)]
            # At once, not view.focus() (a callback): the screen has already given the
            # first pane focus (AUTO_FOCUS), and that pane's focus event is on its way.
            self.set_focus(view)
            self.pane_row.set_active(view)
        show_warnings(self.notify, self.workspace.corpus.warnings)
        for view in views:
            self.progress.tagged(view.doc)
        self.header.update_progress()
        self.arrange_panes()
        self.update_inspector()
        self.call_after_refresh(self.start_up.begin)
        self.set_interval(POLL_SECONDS, self.disk.poll, name="annotations")
        # Articles edited on disk: called directly (not as a key's flow, which ends typeahead).
        self.set_interval(POLL_SECONDS, lambda: get_flow("reload-texts")(self), name="texts")

    async def on_screen_resume(self) -> None:
        await self.start_up.resume()

    def on_resize(self, event: events.Resize) -> None:
        self.arrange_panes()

    # -- the parts ---------------------------------------------------------------------

    @property
    def pane_row(self) -> PaneRow:
        return self.query_one(PaneRow)

    @property
    def header(self) -> ReaderHeader:
        return self.query_one(ReaderHeader)

    @property
    def inspector(self) -> ClaimInspector:
        return self.query_one(ClaimInspector)

    def short_id(self, doc: Document) -> str:
        return self._short_ids.get(doc.id, doc.id)

    @property
    def panes(self) -> list[DocumentPane]:
        return self.pane_row.panes

    @property
    def views(self) -> list[DocumentView]:
        return self.pane_row.views

    @property
    def active_view(self) -> DocumentView | None:
        return self.pane_row.active_view

    @property
    def current_claim(self) -> Claim | None:
        view = self.active_view
        return view.claim if view else None

    def view_for(self, doc: Document) -> DocumentView | None:
        return self.pane_row.view_for(doc)

    # -- panes -------------------------------------------------------------------------

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, event: DocumentView.CursorMoved) -> None:
        """A move by mouse (key moves update the inspector at once)."""
        if event.view is self.active_view and event.claim is not self._inspected:
            self.update_inspector()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        # A pane that lost the focus again before its event arrived is not activated:
        # at start-up the screen focuses the first pane, then the restored one takes over.
        active = self.pane_row.active_view
        if isinstance(widget, DocumentView) and widget is not active and widget.has_focus:
            self.activate(widget)

    def activate(self, view: DocumentView) -> None:
        """Make ``view`` the pane the keys act on: in sight, focused, in the inspector."""
        self.pane_row.set_active(view)
        self.arrange_panes()
        view.focus()
        self.update_inspector()

    def arrange_panes(self) -> None:
        self.pane_row.fit_to(self.size.width)

    async def open_pane(self, doc: Document, cursor: int | None = None) -> DocumentView:
        """Open ``doc`` in a new pane right of the active one and focus it."""
        pane = self.new_pane(doc, cursor)
        self.progress.tagged(doc)
        await self.pane_row.add(pane)
        self.activate(pane.view)
        self.save_session()
        return pane.view

    async def show_claim(self, claim: Claim, *, new_pane: bool = False) -> None:
        """Move to ``claim``: in a pane showing its document, else in a new pane."""
        view = None if new_pane else self.view_for(claim.doc)
        if view is None:
            view = await self.open_pane(claim.doc, claim.index)
        view.move_to(claim.index, center=True)
        self.activate(view)

    def move_to(self, doc: Document, index: int) -> None:
        """Put the cursor on claim ``index`` in a pane showing ``doc``, if one does."""
        view = self.view_for(doc)
        if view is not None:
            view.move_to(index)
            self.activate(view)  # the inspector in this frame, not the next

    # -- session -----------------------------------------------------------------------

    def save_session(self) -> None:
        """Keep the open panes, their claims and the focused one for the next start."""
        if self.session_keeper is not None and self.is_attached:
            panes, active = self.panes, self.pane_row.active_pane
            focused = panes.index(active) if active in panes else 0
            session = session_of([(pane.doc, pane.view.claim) for pane in panes], focused)
            with suppress(Exception):  # never keep the reader from going on
                self.session_keeper.save(session)

    # -- moving ------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """``j`` / ``k``: ``delta`` claims on (among those the pane's filter keeps)."""
        if view := self.active_view:
            view.move_by(delta)
            self.update_inspector()  # in this frame, not the next

    # -- tagging -----------------------------------------------------------------------

    def action_tag(self, label: str) -> None:
        claim = self.current_claim
        view = self.active_view
        self.ensure_analyst()
        outcome = self.apply(
            self.editor.tag(claim, label) if claim else self.editor.refuse_read_only(None)
        )  # type: ignore[arg-type]
        if claim is not None and view is not None and not outcome.message:
            view.move_by(1)
            self.update_inspector()  # in this frame, not the next

    def action_clear_tag(self) -> None:
        claim = self.current_claim
        self.ensure_analyst()
        self.apply(self.editor.clear(claim) if claim else self.editor.refuse_read_only(None))  # type: ignore[arg-type]

    async def action_flow(self, name: str) -> None:
        """Run the flow ``name`` (a dialog and what follows it; see :mod:`tui.app.flows`)."""
        result = get_flow(name)(self)
        if result is not None:
            await result
        await self.typeahead.done(f"flow({name!r})")

    def on_key(self, event: events.Key) -> None:
        self.typeahead.route(event)  # keys typed while the note editor opens go to it

    def on_paste(self, event: events.Paste) -> None:
        self.typeahead.route(event)

    def apply(self, outcome: Outcome | None) -> Outcome:
        """Show an editing outcome: what changed is redrawn, what it says is said."""
        if outcome is None:
            from tui.core.editing import Outcome

            outcome = Outcome()
        if outcome.saved:
            assert outcome.doc is not None
            self.watch.saved(outcome.doc)
            self.document_changed(outcome.doc, outcome.claim_index)
        if outcome.read_only is not None:
            self.document_changed(outcome.read_only)
        if outcome.move_to is not None:
            self.move_to(*outcome.move_to)
        if outcome.message:
            self.notify(
                outcome.message,
                severity=outcome.severity,
                timeout=outcome.timeout,  # type: ignore[arg-type]
                markup=False,
            )
        return outcome

    def document_changed(self, doc: Document, claim_index: int | None = None) -> None:
        """Tell every widget that ``doc``'s annotations changed (only one claim's if given)."""
        self.progress.update(doc)
        self.live_index.sync(doc)
        for widget in (*self.panes, self.header, self.inspector):
            widget.post_message(AnnotationsChanged(doc.id, claim_index))
        self.update_inspector()

    # -- progress, search index, inspector ------------------------------------------------

    @on(IndexBuilt)
    def _index_built(self) -> None:
        """ "Also in" for the current claim."""
        self.update_inspector()

    def update_inspector(self) -> None:
        """The current claim in the inspector, its matches marked in the other panes."""
        self._inspected = self.current_claim
        self.linked.show(self._inspected)

    async def settle(self) -> None:
        """Finish background work now: the index, "also in" and links for the current claim.

        Tests, snapshots and benchmarks call this to see a deterministic screen.
        """
        await self.start_up.started.wait()
        await self.app.workers.wait_for_complete()
        self.linked.settle()

    # -- command palette -----------------------------------------------------------------

    def commands(self) -> Iterable[SystemCommand]:
        """Every key's action by name in the palette, with its keys as mapped."""
        return palette_commands(self.keymap, self.run_action)
