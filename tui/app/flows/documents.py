"""``O``: open another document in a new pane; ``R``: re-attach an orphaned annotation."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.core.model import Document

if TYPE_CHECKING:
    from tui.app.screens.open_document import AddPage
    from tui.app.screens.orphans import Orphan
    from tui.app.screens.reader import ReaderScreen


@flow("open")
async def open_document(reader: ReaderScreen) -> None:
    """The picker; a filter typed with the key goes into its box (:mod:`tui.app.typeahead`)."""
    from tui.app.screens.open_document import DocumentRow, OpenDocumentScreen

    corpus = reader.workspace.corpus  # empty: the dialog still offers "Add a web page…"
    open_ids = {view.doc.id for view in reader.views}
    rows = [
        DocumentRow(
            doc,
            reader.short_id(doc),
            reader.progress.tagged(doc),
            len(doc.text),
            doc.id in open_ids,
        )
        for doc in corpus.documents
    ]
    screen = OpenDocumentScreen(rows, add_key=reader.keymap.first("add-page"))
    await reader.app.push_screen(screen, partial(_picked, reader))


async def _picked(reader: ReaderScreen, doc: Document | AddPage | None) -> None:
    from tui.app.screens.open_document import AddPage

    if isinstance(doc, AddPage):
        from tui.app.flows.adding import ask_for_page

        ask_for_page(reader, doc.typed)
        return
    if doc is None:
        return
    view = reader.view_for(doc)
    if view is not None:
        reader.activate(view)
        reader.notify(f"{reader.short_id(doc)} is already open.", timeout=1.5, markup=False)
        return
    await reader.open_pane(doc)


def orphans(reader: ReaderScreen) -> list[Orphan]:
    """The orphaned annotations of the open documents, each document once."""
    from tui.app.screens.orphans import Orphan

    seen: set[str] = set()
    found = []
    for view in reader.views:
        doc = view.doc
        if doc.id in seen:
            continue
        seen.add(doc.id)
        for anchored in reader.store.load(doc).orphans:
            found.append(Orphan(doc, reader.short_id(doc), anchored))
    return found


@flow("orphans")
def show_orphans(reader: ReaderScreen) -> None:
    from tui.app.screens.orphans import OrphansScreen

    claim = reader.current_claim
    label = f"{reader.short_id(claim.doc)}:{claim.number}" if claim else ""
    screen = OrphansScreen(orphans(reader), claim, claim_label=label)
    reader.app.push_screen(screen, partial(_reattach, reader))


def _reattach(reader: ReaderScreen, orphan: Orphan | None) -> None:
    if orphan is None:
        return
    claim = reader.current_claim
    if refused := reader.editor.refuse_read_only(claim):
        reader.apply(refused)
        return
    assert claim is not None
    if claim.doc is not orphan.doc:
        reader.notify(
            f"That annotation belongs to {orphan.short_id}: put the cursor on a claim of "
            f"{orphan.short_id} first, then press R again.",
            severity="warning",
            markup=False,
        )
        return
    reader.ensure_analyst()
    reader.apply(reader.editor.attach(orphan.anchored.record, claim))


@flow("next-pane")
def next_pane(reader: ReaderScreen) -> None:
    if view := reader.pane_row.neighbour(1):
        reader.activate(view)


@flow("previous-pane")
def previous_pane(reader: ReaderScreen) -> None:
    if view := reader.pane_row.neighbour(-1):
        reader.activate(view)


@flow("close-pane")
async def close_pane(reader: ReaderScreen) -> None:
    if not reader.panes:
        reader.notify("No pane is open.", markup=False)
        return
    view = await reader.pane_row.close_active()
    if view is None:
        reader.notify("This is the last pane; O opens another document.", markup=False)
        return
    reader.activate(view)  # back to the pane it was opened from
    reader.save_session()
