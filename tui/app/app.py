"""The reader: articles side by side, claims tagged with one key, saved at once.

Every change goes through ``AnnotationStore.set``/``attach``/``apply`` (an
atomic, locked write) inside the key's handler, so it is on disk before the
next key is read; undo applies the inverse change, on disk too. Nothing is
buffered, so quitting never has anything to save.

Screens other than the main one are imported when first opened, and the
search index is built in a thread after the first paint, so start-up costs
no more than loading the corpus (and reading one small session file: the
panes and cursors of the last run, see :mod:`tui.app.session`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from tui.app.keys import EXTRA_HELP, PANE_KEYS, READER_KEYS, bindings, key_label
from tui.app.look import short_ids
from tui.app.session import PaneState, Session, read_session, restore, session_path, write_session
from tui.app.watch import AnnotationWatch
from tui.app.widgets.document_view import DocumentView
from tui.app.widgets.header import ReaderHeader
from tui.app.widgets.inspector import AlsoIn, ClaimInspector
from tui.app.widgets.pane import DocumentPane
from tui.core.model import Claim, Document
from tui.core.store import Change, DocumentAnnotations, ReadOnlyDocument
from tui.core.text import clean_line
from tui.core.workspace import Workspace

if TYPE_CHECKING:
    from tui.app.screens.note import NoteResult
    from tui.app.screens.orphans import Orphan

MIN_PANE_WIDTH = 36
"""Below this many columns per pane, panes are shown one (or a few) at a time."""
COMPACT_HEIGHT = 24
"""From this many rows up the inspector shows every line; below it shrinks."""
SIMILAR_DELAY = 0.12
"""Seconds the cursor must rest before "also in" is looked up."""
SIMILAR_MAX_CHARS = 5000
"""Longer "claims" (a pasted table, a runaway sentence) are not compared."""
MAX_WARNINGS = 3
PROGRESS_CHUNK = 25
"""Annotation files read per step when counting the corpus progress (and documents whose
notes go into the search index per step)."""
POLL_SECONDS = 1.5
"""How often the open documents' annotation files are checked for changes by others."""


@dataclass(frozen=True)
class UndoStep:
    """One change as written, and where the cursor was, to undo it exactly."""

    doc: Document
    change: Change
    claim_index: int
    what: str


class ReaderScreen(Screen[None]):
    """The main screen; ``tab`` moves between panes rather than between widgets."""

    BINDINGS = bindings(PANE_KEYS)
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-short"),
        (COMPACT_HEIGHT, "-tall"),
    ]
    """A short terminal gets the ``-short`` class: the inspector shrinks (factcheck.tcss)."""

    def on_resize(self, event: events.Resize) -> None:
        app = self.app
        if isinstance(app, FactcheckApp):
            app.arrange_panes()


class FactcheckApp(App[None]):
    """Read articles side by side and tag their claims."""

    CSS_PATH = "factcheck.tcss"
    TITLE = "factcheck"
    BINDINGS = bindings(READER_KEYS)

    def __init__(
        self,
        workspace: Workspace,
        *,
        documents: Iterable[Document] | None = None,
        resolve_analyst: bool = False,
        session: bool | None = None,
    ):
        """``resolve_analyst``: find the analyst's name (git, login) after the first paint.

        ``session``: restore the panes of the last run (unless ``documents`` are
        given) and save them as they change; by default unless
        ``FACTCHECK_SESSION=0``.
        """
        super().__init__()
        self._resolve_analyst = resolve_analyst
        self.workspace = workspace
        corpus = workspace.corpus
        if session is None:
            from tui.app.session import enabled

            session = enabled()
        self.session_file = session_path(workspace) if session else None
        self._session_saved: Session | None = None
        self.initial = list(documents) if documents is not None else corpus.documents[:2]
        self._initial_cursors: list[int | None] = [None] * len(self.initial)
        self._initial_focus = 0
        if self.session_file is not None and documents is None:
            saved = read_session(self.session_file)
            restored = restore(saved, corpus) if saved is not None else None
            if restored is not None:
                self._session_saved = saved
                self.initial = restored.documents
                self._initial_cursors = restored.cursors
                self._initial_focus = restored.focused
        self.undo_stack: list[UndoStep] = []
        self._watch = AnnotationWatch(workspace.store)
        self._short_ids = short_ids(corpus.documents)
        self._tagged: dict[str, int] = {}
        self._active: DocumentView | None = None
        self._inspected: Claim | None = None
        self.progress = ""
        """Corpus progress as the header shows it."""
        self._counting = False
        self._window_start = 0
        self._index: Any = None
        self._index_state = "pending"  # pending | ready | failed
        self._index_lock = threading.Lock()
        self._indexed_notes: dict[str, dict[int, str]] | None = None
        """Per document id, the notes the search index holds by claim index (``None``: no
        index yet). Fed on this thread as documents' annotations are loaded or change."""
        self._similar_timer: Timer | None = None
        self._similar_cache: dict[tuple[str, int], list[tuple[Claim, int]]] = {}
        self.reader = ReaderScreen(id="reader")

    @property
    def store(self):
        return self.workspace.store

    # -- composition -------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return self.reader

    def compose(self) -> ComposeResult:
        yield ReaderHeader(id="header")
        # The Footer is mounted right after the first paint (_after_first_paint):
        # mounted before it, it delays the article by ~40 ms.
        with Horizontal(id="panes"):
            for doc, cursor in zip(self.initial, self._initial_cursors, strict=True):
                yield self._new_pane(doc, cursor)
            if not self.initial:
                yield Static(empty_message(self.workspace), id="empty")
        yield ClaimInspector(id="inspector")

    def _new_pane(self, doc: Document, cursor: int | None = None) -> DocumentPane:
        """A pane on ``doc``, at ``cursor`` or else at its first unreviewed claim.

        A document no pane showed yet is read afresh (the progress count may
        have read it long ago) and watched for changes from now on.
        """
        watch = self._watch
        state = self.store.load(doc) if watch.watching(doc) else watch.load(doc)
        self._sync_notes(doc)
        if cursor is None:
            cursor = next((c.index for c in doc.claims if state.get(c) is None), 0)
        return DocumentPane(doc, self.store, short_id=self.short_id(doc), cursor=cursor)

    def on_mount(self) -> None:
        views = self.views
        if views:
            view = views[min(self._initial_focus, len(views) - 1)]
            # At once, not view.focus() (a callback): the screen has already given the
            # first pane focus (AUTO_FOCUS), and that pane's focus event is on its way.
            self.reader.set_focus(view)
            self._active = view
        self._show_warnings()
        self._update_progress(initial=True)
        self.arrange_panes()
        self._update_inspector()
        self.call_after_refresh(self._after_first_paint)
        self.set_interval(POLL_SECONDS, self.poll_annotations, name="annotations")

    def _ensure_analyst(self) -> None:
        if self._resolve_analyst:
            self._resolve_analyst = False
            from tui.core.analyst import resolve_analyst

            self.store.analyst = resolve_analyst()

    async def _after_first_paint(self) -> None:
        self._ensure_analyst()
        await self.reader.mount(Footer())
        self._update_progress()
        self.run_worker(self._build_index, thread=True, group="index", exit_on_error=False)

    def _show_warnings(self) -> None:
        warnings = [clean_line(w) for w in self.workspace.corpus.warnings]
        for warning in warnings[:MAX_WARNINGS]:
            self.notify(warning, title="Skipped or odd file", severity="warning", markup=False)
        more = len(warnings) - MAX_WARNINGS
        if more > 0:
            self.notify(
                f"{more} more warning{'' if more == 1 else 's'}; `factcheck stats` lists them.",
                severity="warning",
                markup=False,
            )

    # -- panes -------------------------------------------------------------------------

    def short_id(self, doc: Document) -> str:
        return self._short_ids.get(doc.id, doc.id)

    @property
    def panes(self) -> list[DocumentPane]:
        return list(self.query_one("#panes").query_children(DocumentPane))

    @property
    def views(self) -> list[DocumentView]:
        return [pane.view for pane in self.panes]

    @property
    def active_view(self) -> DocumentView | None:
        """The pane the keys act on: the last one focused (by key or by click)."""
        if self._active is not None and self._active.is_attached:
            return self._active
        if not self.screen_stack:
            return None
        focused = self.reader.focused
        if isinstance(focused, DocumentView):
            return focused
        views = self.views
        return views[0] if views else None

    @property
    def active_pane(self) -> DocumentPane | None:
        view = self.active_view
        return view.parent if view is not None else None  # type: ignore[return-value]

    @property
    def current_claim(self) -> Claim | None:
        view = self.active_view
        return view.claim if view else None

    @on(DocumentView.CursorMoved)
    def _cursor_moved(self, event: DocumentView.CursorMoved) -> None:
        """A move by mouse (key moves update the inspector at once)."""
        if event.view is self.active_view and event.claim is not self._inspected:
            self._update_inspector()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        # A pane that lost the focus again before its event arrived is not activated:
        # at start-up the screen focuses the first pane, then the restored one takes over.
        if isinstance(widget, DocumentView) and widget is not self._active and widget.has_focus:
            self._activate(widget)

    def _activate(self, view: DocumentView) -> None:
        """Make ``view`` the pane the keys act on: in sight, focused, in the inspector."""
        self._active = view
        self.arrange_panes()
        view.focus()
        self._update_inspector()

    def arrange_panes(self) -> None:
        """Show as many panes as fit, always including the active one."""
        panes = self.panes
        if not panes:
            return
        fit = max(1, self.reader.size.width // MIN_PANE_WIDTH)
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
            position = f"{i + 1}/{len(panes)}" if len(panes) > fit else ""
            pane.refresh_title(position)

    def _focus_pane(self, index: int) -> None:
        panes = self.panes
        if panes:
            self._activate(panes[index % len(panes)].view)

    def action_next_pane(self) -> None:
        active = self.active_pane
        panes = self.panes
        if panes:
            self._focus_pane((panes.index(active) + 1) if active in panes else 0)

    def action_previous_pane(self) -> None:
        active = self.active_pane
        panes = self.panes
        if panes:
            self._focus_pane((panes.index(active) - 1) if active in panes else 0)

    async def open_pane(self, doc: Document, cursor: int | None = None) -> DocumentView:
        """Open ``doc`` in a new pane right of the active one and focus it."""
        pane = self._new_pane(doc, cursor)
        container = self.query_one("#panes")
        for empty in self.query("#empty"):
            await empty.remove()
        active = self.active_pane
        if active is not None and active.parent is container:
            await container.mount(pane, after=active)
        else:
            await container.mount(pane)
        self._activate(pane.view)
        self.save_session()
        return pane.view

    async def action_close_pane(self) -> None:
        panes = self.panes
        active = self.active_pane
        if active is None:
            self.notify("No pane is open.", markup=False)
            return
        if len(panes) == 1:
            self.notify("This is the last pane; O opens another document.", markup=False)
            return
        index = panes.index(active)
        self._active = None
        await active.remove()
        self._focus_pane(max(index - 1, 0))  # back to the pane it was opened from
        self.save_session()

    # -- session -----------------------------------------------------------------------

    def session(self) -> Session | None:
        """The open panes, their claims and the focused one, as the session file keeps them."""
        panes = self.panes
        if not panes:
            return None
        active = self.active_pane
        return Session(
            tuple(PaneState(p.doc.id, c.id if (c := p.view.claim) else None) for p in panes),
            panes.index(active) if active in panes else 0,
        )

    def save_session(self) -> None:
        """Write the session file if it changed; a failure costs only the restore."""
        if self.session_file is None or not self.is_running:
            return
        session = self.session()
        if session is None or session == self._session_saved:
            return
        with suppress(OSError):
            write_session(self.session_file, session, self.workspace)
            self._session_saved = session

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit (``q``, ``ctrl+q``); save the session first, while the panes are still there."""
        with suppress(Exception):  # never keep the reader from quitting
            self.save_session()
        super().exit(*args, **kwargs)

    def view_for(self, doc: Document) -> DocumentView | None:
        """The active view if it shows ``doc``, else the first pane showing it."""
        active = self.active_view
        if active is not None and active.doc is doc:
            return active
        return next((view for view in self.views if view.doc is doc), None)

    async def show_claim(self, claim: Claim, *, new_pane: bool = False) -> None:
        """Move to ``claim``: in a pane showing its document, else in a new pane."""
        view = None if new_pane else self.view_for(claim.doc)
        if view is None:
            view = await self.open_pane(claim.doc, claim.index)
        view.move_to(claim.index, center=True)
        self._activate(view)

    # -- moving ------------------------------------------------------------------------

    def action_next_claim(self) -> None:
        if view := self.active_view:
            view.move_by(1)
            self._update_inspector()  # in this frame, not the next

    def action_previous_claim(self) -> None:
        if view := self.active_view:
            view.move_by(-1)
            self._update_inspector()  # in this frame, not the next

    def action_next_unreviewed(self) -> None:
        self._jump_unreviewed(1)

    def action_previous_unreviewed(self) -> None:
        self._jump_unreviewed(-1)

    def _jump_unreviewed(self, step: int) -> None:
        view = self.active_view
        if view is None or not view.doc.claims:
            return
        state = self.store.load(view.doc)
        claims = view.doc.claims
        count = len(claims)
        for distance in range(1, count + 1):
            index = (view.cursor + step * distance) % count
            if state.get(claims[index]) is None:
                wrapped = (index < view.cursor) if step > 0 else (index > view.cursor)
                view.move_to(index)
                self._update_inspector()  # in this frame, not the next
                if wrapped:
                    where = "top" if step > 0 else "bottom"
                    self.notify(f"Continued from the {where}.", timeout=1.5, markup=False)
                return
        self.notify("Every claim in this document is reviewed.", markup=False)

    # -- tagging -----------------------------------------------------------------------

    def _writable_claim(self) -> Claim | None:
        """The current claim, if it exists and its document may be written."""
        claim = self.current_claim
        if claim is None:
            self.notify("No claim here to tag.", markup=False)
            return None
        state = self._fresh(claim.doc)
        if state.error is not None:
            self.notify(
                f"{self.short_id(claim.doc)} is read-only: {clean_line(str(state.error))}",
                severity="warning",
                markup=False,
            )
            return None
        return claim

    def _write(self, claim: Claim, what: str, write: Callable[[], Change]) -> Change | None:
        """Run one store write; on success remember it for undo and repaint."""
        self._ensure_analyst()
        try:
            change = write()
        except ReadOnlyDocument as error:
            self.notify(f"Not saved: {clean_line(str(error))}", severity="error", markup=False)
            for pane in self.panes:
                if pane.doc is claim.doc:
                    pane.sync_banner()
            return None
        except OSError as error:
            where = error.filename or self.store.path_for(claim.doc)
            self.notify(
                clean_line(f"Not saved: {error.strerror or error} ({where})."),
                severity="error",
                markup=False,
            )
            return None
        self._watch.saved(claim.doc)
        self.undo_stack.append(UndoStep(claim.doc, change, claim.index, what))
        # An attach also drops an orphan, which is drawn nowhere: the claim's lines do.
        self._document_changed(claim.doc, claim)
        return change

    def action_tag(self, label: str) -> None:
        claim = self._writable_claim()
        if claim is None:
            return
        view = self.active_view
        current = self.store.load(claim.doc).get(claim)
        if current is None or current.record.label != label:
            ref = f"{self.short_id(claim.doc)}:{claim.number}"
            if (
                self._write(claim, f"{label} on {ref}", partial(self.store.set, claim, label))
                is None
            ):
                return
        if view is not None:
            view.move_by(1)
            self._update_inspector()  # in this frame, not the next

    def action_clear_tag(self) -> None:
        claim = self._writable_claim()
        if claim is None:
            return
        current = self.store.load(claim.doc).get(claim)
        if current is None:
            self.notify("This claim has no tag.", timeout=1.5, markup=False)
            return
        ref = f"{self.short_id(claim.doc)}:{claim.number}"
        self._write(claim, f"clearing {ref}", partial(self.store.set, claim, None))

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=1.5, markup=False)
            return
        step = self.undo_stack.pop()
        state = self._fresh(step.doc)
        if state.error is None and not still_on_disk(state, step.change):
            # Undoing would overwrite (or bring back) what another process saved since.
            self._move_to(step.doc, step.claim_index)
            self.notify(
                f"Not undone: {step.what}; the claim was changed elsewhere since.",
                severity="warning",
                markup=False,
            )
            return
        try:
            self.store.apply(step.doc, step.change.inverse())
        except (ReadOnlyDocument, OSError) as error:
            self.undo_stack.append(step)
            self.notify(f"Cannot undo: {clean_line(str(error))}", severity="error", markup=False)
            return
        self._watch.saved(step.doc)
        self._document_changed(step.doc)
        self._move_to(step.doc, step.claim_index)
        self.notify(f"Undone: {step.what}.", timeout=2, markup=False)

    def _move_to(self, doc: Document, index: int) -> None:
        """Put the cursor on claim ``index`` in a pane showing ``doc``, if one does."""
        view = self.view_for(doc)
        if view is not None:
            view.move_to(index)
            self._activate(view)  # the inspector in this frame, not the next

    def _document_changed(self, doc: Document, claim: Claim | None = None) -> None:
        """Repaint what shows ``doc`` after a write (only ``claim``'s lines if given)."""
        for pane in self.panes:
            if pane.doc is doc:
                if claim is not None:
                    pane.view.redraw_claims(claim.index)
                else:
                    pane.view.redraw()
                pane.refresh_title(pane.title_bar.position)
        self._tagged[doc.id] = self.store.load(doc).tagged
        self._sync_notes(doc)
        self._update_progress()
        self._update_inspector()

    # -- changes by other processes ------------------------------------------------------

    def poll_annotations(self) -> list[Document]:
        """Reload the open documents whose annotation file changed on disk; returns them.

        Runs every ``POLL_SECONDS``: one ``stat`` per open document.
        """
        docs = list({view.doc.id: view.doc for view in self.views}.values())
        self._watch.keep_only(doc.id for doc in docs)
        changed = [doc for doc in docs if self._watch.changed(doc)]
        for doc in changed:
            self._reload(doc)
        return changed

    def _fresh(self, doc: Document) -> DocumentAnnotations:
        """``doc``'s annotations as on disk now, before a change is decided on."""
        if not self._watch.watching(doc):  # no pane shows it (an undo after closing)
            state = self.store.load(doc, refresh=True)
            self._sync_notes(doc)
            return state
        if self._watch.changed(doc):
            self._reload(doc)
        return self.store.load(doc)

    def _reload(self, doc: Document) -> None:
        """Read ``doc``'s file again and repaint all that shows it."""
        was_read_only = self.store.load(doc).read_only
        state = self._watch.load(doc)
        for pane in self.panes:
            if pane.doc is doc:
                pane.sync_banner()
        self._document_changed(doc)
        name = self.short_id(doc)
        if state.error is not None and not was_read_only:
            self.notify(
                f"{name} is read-only now: {clean_line(str(state.error))}",
                severity="warning",
                markup=False,
            )
        elif state.error is None and was_read_only:
            self.notify(f"{name} can be tagged again: its file reads fine.", markup=False)

    # -- note editor -------------------------------------------------------------------

    def action_edit_note(self) -> None:
        claim = self._writable_claim()
        if claim is None:
            return
        from tui.app.screens.note import NoteScreen

        current = self.store.load(claim.doc).get(claim)
        screen = NoteScreen(
            claim, current.record if current else None, short_id=self.short_id(claim.doc)
        )
        self.push_screen(screen, partial(self._note_saved, claim))

    def _note_saved(self, claim: Claim, result: NoteResult | None) -> None:
        if result is None:
            return
        current = self._fresh(claim.doc).get(claim)
        if current is not None and (
            current.record.label,
            current.record.note,
            list(current.record.sources),
        ) == (result.label, result.note, result.sources):
            return
        ref = f"{self.short_id(claim.doc)}:{claim.number}"
        write = partial(
            self.store.set, claim, result.label, note=result.note, sources=result.sources
        )
        if self._write(claim, f"note on {ref}", write) is not None:
            self.notify(f"Saved the note on {ref}.", timeout=2, markup=False)

    # -- documents, orphans, help ------------------------------------------------------

    def action_open_document(self) -> None:
        from tui.app.screens.open_document import DocumentRow, OpenDocumentScreen

        corpus = self.workspace.corpus
        if not corpus.documents:
            self.notify("There are no documents to open.", markup=False)
            return
        open_ids = {view.doc.id for view in self.views}
        rows = [
            DocumentRow(
                doc,
                self.short_id(doc),
                self._tagged_count(doc),
                len(doc.text),
                doc.id in open_ids,
            )
            for doc in corpus.documents
        ]
        self.push_screen(OpenDocumentScreen(rows), self._document_picked)

    async def _document_picked(self, doc: Document | None) -> None:
        if doc is None:
            return
        view = self.view_for(doc)
        if view is not None:
            self._activate(view)
            self.notify(f"{self.short_id(doc)} is already open.", timeout=1.5, markup=False)
            return
        await self.open_pane(doc)

    def orphans(self) -> list[Orphan]:
        from tui.app.screens.orphans import Orphan

        seen: set[str] = set()
        found = []
        for view in self.views:
            doc = view.doc
            if doc.id in seen:
                continue
            seen.add(doc.id)
            for anchored in self.store.load(doc).orphans:
                found.append(Orphan(doc, self.short_id(doc), anchored))
        return found

    def action_orphans(self) -> None:
        from tui.app.screens.orphans import OrphansScreen

        claim = self.current_claim
        label = f"{self.short_id(claim.doc)}:{claim.number}" if claim else ""
        self.push_screen(OrphansScreen(self.orphans(), claim, claim_label=label), self._reattach)

    def _reattach(self, orphan: Orphan | None) -> None:
        if orphan is None:
            return
        claim = self._writable_claim()
        if claim is None:
            return
        if claim.doc is not orphan.doc:
            self.notify(
                f"That annotation belongs to {orphan.short_id}: put the cursor on a claim of "
                f"{orphan.short_id} first, then press R again.",
                severity="warning",
                markup=False,
            )
            return
        ref = f"{self.short_id(claim.doc)}:{claim.number}"
        write = partial(self.store.attach, orphan.anchored.record, claim)
        if self._write(claim, f"re-attaching to {ref}", write) is not None:
            self.notify(f"Re-attached to {ref}.", timeout=2, markup=False)

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_rows(), display_path(self.store.folder)))

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what) for every key, with the keys as currently mapped."""
        reader = self.reader
        bound: dict[str, list[str]] = {}
        for active in reader.active_bindings.values():
            if active.binding.id:
                bound.setdefault(active.binding.id, []).append(key_label(active.binding.key))
        rows = []
        for key in (*READER_KEYS, *PANE_KEYS):
            shown = bound.get(f"factcheck.{key.id}") or [key_label(k) for k in key.keys.split(",")]
            rows.append((key.group, " ".join(dict.fromkeys(shown)), key.help))
        rows += list(EXTRA_HELP)
        order = ["Move", "Tag", "Find", "Panes", "App"]
        rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
        return rows

    # -- search, similar, export ----------------------------------------------------------

    def _index_now(self) -> Any:
        """The search index, built once (by the worker, or here if asked for first)."""
        with self._index_lock:
            if self._index_state == "pending":
                from tui.core.search import SearchIndex

                try:
                    self._index = SearchIndex.build(self.workspace.corpus)
                except Exception:
                    self._index_state = "failed"
                    raise
                self._index_state = "ready"
        return self._index

    def _build_index(self) -> None:
        """Thread worker started after the first paint."""
        self._index_now()
        with suppress(RuntimeError):  # the app may be closing
            self.call_from_thread(self._index_built)

    def _index_built(self) -> None:
        """The worker is done: notes in, and "also in" for the current claim."""
        self._add_notes()
        self._update_inspector()

    def _add_notes(self) -> None:
        """Once the index exists, add the notes of every document read so far.

        The claims were indexed in the worker; notes come from the store, which
        only this thread uses. They go in a few documents at a time (tens of
        thousands of notes take a noticeable while), so keys are never kept
        waiting. Documents read later (the progress count, a new pane, a
        reload) add theirs as they are read (:meth:`_sync_notes`).
        """
        if self._indexed_notes is None and self._index_state == "ready":
            self._indexed_notes = {}
            corpus = self.workspace.corpus
            backlog = [doc for doc_id in self._tagged if (doc := corpus.get(doc_id)) is not None]
            self._add_some_notes(backlog)

    def _add_some_notes(self, backlog: list[Document]) -> None:
        for doc in backlog[:PROGRESS_CHUNK]:
            self._sync_notes(doc)  # a document synced meanwhile is left as it is
        if len(backlog) > PROGRESS_CHUNK:
            self.call_later(self._add_some_notes, backlog[PROGRESS_CHUNK:])

    def _sync_notes(self, doc: Document) -> None:
        """Make the index hold ``doc``'s notes as the store has them now (read or just written).

        One pass over the document's tagged claims, and only the notes that
        differ are handed to the index (which then re-indexes its notes on the
        next search); a cleared or orphaned record has no note here, so its note
        leaves the index.
        """
        indexed = self._indexed_notes
        if indexed is None:
            return
        notes = {
            i: anchored.record.note
            for i, anchored in self.store.load(doc).by_claim.items()
            if anchored.record.note
        }
        before = indexed.get(doc.id, {})
        if notes == before:
            return
        index = self._index
        for i, note in notes.items():
            if before.get(i) != note:
                index.set_note(doc.claims[i], note)
        for i in before.keys() - notes.keys():
            index.set_note(doc.claims[i], None)
        if notes:
            indexed[doc.id] = notes
        else:
            indexed.pop(doc.id, None)

    def _index_or_say(self, feature: str) -> Any:
        """The search index, or ``None`` after saying that ``feature`` needs it."""
        try:
            index = self._index_now()
        except Exception:  # built here (the worker had not started): said below
            index = None
        if index is None:
            self.notify(f"{feature}: the search index failed to build.", markup=False)
        else:
            self._add_notes()  # if the worker has not handed the index over yet
        return index

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        index = self._index_or_say("No search")
        if index is not None:
            self.push_screen(SearchScreen(self.workspace, index), self._jump_result)

    async def _jump_result(self, claim: Claim | None) -> None:
        if claim is not None:
            await self.show_claim(claim)

    def action_similar(self) -> None:
        claim = self.current_claim
        if claim is None:
            self.notify("No claim here.", markup=False)
            return
        from tui.app.screens.similar import SimilarScreen

        index = self._index_or_say("No similar claims")
        if index is not None:
            self.push_screen(SimilarScreen(self.workspace, index, claim), self._open_similar)

    async def _open_similar(self, claim: Claim | None) -> None:
        if claim is None:
            return
        view = self.view_for(claim.doc)
        if view is not None and view is not self.active_view:
            await self.show_claim(claim)
        else:
            await self.show_claim(claim, new_pane=view is None)

    def action_export(self) -> None:
        from tui.app.screens.export import ExportScreen

        # Reuse the index when it is built; otherwise the export builds its own.
        index = self._index if self._index_state == "ready" else None
        self.push_screen(ExportScreen(self.workspace, index=index), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(clean_line(f"Exported to {path}"), markup=False)

    # -- header and inspector ------------------------------------------------------------

    def _tagged_count(self, doc: Document) -> int:
        """Tagged claims in ``doc``; the first time, its notes go into the search index too."""
        if doc.id not in self._tagged:
            self._tagged[doc.id] = self.store.load(doc).tagged
            self._sync_notes(doc)
        return self._tagged[doc.id]

    def _update_progress(self, *, initial: bool = False) -> None:
        corpus = self.workspace.corpus
        if initial:
            for view in self.views:
                self._tagged_count(view.doc)
            self._show_progress(f"{len(corpus.documents)} articles")
            return
        if any(doc.id not in self._tagged for doc in corpus.documents):
            # Reading every annotation file may take a while on a large corpus:
            # count a few documents at a time, so keys are never kept waiting.
            if not self._counting:
                self._counting = True
                self.call_later(self._count_some)
            return
        total = sum(len(doc.claims) for doc in corpus.documents)
        tagged = sum(self._tagged.values())
        percent = f" ({100 * tagged // total}%)" if total else ""
        self._show_progress(
            f"{tagged}/{total} claims reviewed{percent} · {len(corpus.documents)} articles"
        )

    def _count_some(self) -> None:
        missing = [doc for doc in self.workspace.corpus.documents if doc.id not in self._tagged]
        for doc in missing[:PROGRESS_CHUNK]:
            self._tagged_count(doc)
        if len(missing) > PROGRESS_CHUNK:
            self.call_later(self._count_some)
        else:
            self._counting = False
            self._update_progress()

    def _show_progress(self, text: str) -> None:
        self.progress = text
        self.query_one(ReaderHeader).show(text, self.store.analyst)

    def _update_inspector(self) -> None:
        inspector = self.query_one(ClaimInspector)
        claim = self.current_claim
        self._inspected = claim
        state = self.store.load(claim.doc) if claim else None
        also_in, note = self._also_in(claim)
        inspector.show(
            claim,
            state,
            short_id=self.short_id(claim.doc) if claim else "",
            also_in=also_in,
            also_in_note=note,
        )

    def _also_in(self, claim: Claim | None) -> tuple[list[AlsoIn] | None, str]:
        if claim is None:
            return None, ""
        if self._index_state == "failed":
            return None, "— (search index failed)"
        if self._index_state != "ready":
            return None, "…"
        cached = self._similar_cache.get((claim.doc.id, claim.index))
        if cached is None:
            if self._similar_timer is not None:
                self._similar_timer.stop()
            self._similar_timer = self.set_timer(
                SIMILAR_DELAY, partial(self._look_up_similar, claim)
            )
            return None, "…"
        entries = [
            AlsoIn(self.short_id(other.doc), score, self.store.label_of(other))
            for other, score in cached
        ]
        return entries, "none found"

    async def settle(self) -> None:
        """Finish background work now: the index, and "also in" for the current claim.

        Tests, snapshots and benchmarks call this to see a deterministic screen.
        """
        await self.workers.wait_for_complete()
        if self._similar_timer is not None:
            self._similar_timer.stop()
        claim = self.current_claim
        if claim is not None and self._index_state == "ready":
            key = (claim.doc.id, claim.index)
            if key not in self._similar_cache:
                self._similar_found(claim, self._find_similar(claim))

    def _look_up_similar(self, claim: Claim) -> None:
        """Start the "also in" lookup in a thread: a long claim may take a while."""
        if claim is not self.current_claim:
            return
        self.run_worker(
            partial(self._similar_worker, claim),
            thread=True,
            group="similar",
            exclusive=True,
            exit_on_error=False,
        )

    def _similar_worker(self, claim: Claim) -> None:
        found = self._find_similar(claim)
        with suppress(RuntimeError):  # the app may be closing
            self.call_from_thread(self._similar_found, claim, found)

    def _find_similar(self, claim: Claim) -> list[tuple[Claim, int]]:
        """Claims of other documents like ``claim``; no store access (it runs in a thread)."""
        if len(claim.text) > SIMILAR_MAX_CHARS:
            return []
        from tui.core.similar import find_similar

        hits = find_similar(self._index, claim, limit=3)
        return [(hit.claim, round(hit.score)) for hit in hits if hit.claim.doc is not claim.doc]

    def _similar_found(self, claim: Claim, found: list[tuple[Claim, int]]) -> None:
        self._similar_cache[(claim.doc.id, claim.index)] = found
        if claim is self.current_claim:
            self._update_inspector()

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.reader:
            return
        for key in (*READER_KEYS, *PANE_KEYS):
            action = key.action.removeprefix("app.")
            keys = " ".join(key_label(k) for k in key.keys.split(","))
            yield SystemCommand(
                key.title, f"{key.help}  ({keys})", partial(self.run_action, action)
            )


def still_on_disk(state: DocumentAnnotations, change: Change) -> bool:
    """The records ``change`` wrote are on disk as written, and those it removed are absent.

    Only then is undoing it safe: the store's merge keeps a record newer than
    the one it replaces, but times are stored to the second, so a tag another
    process saved in the same second as ours would be overwritten.
    """
    on_disk = {anchored.record.key: anchored.record for anchored in state.anchored}
    expected = {record.key: None for record in change.removed}
    expected.update((record.key, record) for record in change.added)
    return all(on_disk.get(key) == record for key, record in expected.items())


def empty_message(workspace: Workspace) -> Content:
    roots = ", ".join(str(root) for root in workspace.corpus.roots) or "."
    return Content.assemble(
        ("No articles to show.\n\n", "bold"),
        clean_line(f"Nothing readable was found in {roots}. "),
        "The reader opens UTF-8 text files (*.txt, *.md): run `factcheck FOLDER` or ",
        "`factcheck FILE.txt`. Press q to quit.",
    )


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it (shorter, stable)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
