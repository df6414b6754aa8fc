"""Loading an open document again: its text changed on disk, or its claim boundaries did.

The core reads the article again (:meth:`tui.core.corpus.Corpus.reload`: a new
``Document`` with new claims) and the store anchors every analyst's tags on it
afresh (nothing is rewritten: a tag that no longer fits is an orphan, kept and
listed by ``R``). Here every pane showing the old document is replaced by one
on the new, at the claim nearest the old cursor, and everything that held the
old claims (undo steps, the search index, "also in") is told.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.app.messages import IndexBuilt, ProgressChanged
from tui.core.display import display
from tui.core.model import Document
from tui.core.reanchored import Reanchored, compare
from tui.core.text import UnreadableText

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen


@dataclass(frozen=True)
class Reread:
    doc: Document
    """The document as loaded now."""
    tags: Reanchored


def nearest_claim(doc: Document, offset: int) -> int:
    """The index of ``doc``'s claim holding ``offset`` (else the last one starting before it)."""
    starts = [claim.start for claim in doc.claims]
    return max(bisect_right(starts, offset) - 1, 0)


async def reread(reader: ReaderScreen, doc: Document) -> Reread | None:
    """Load ``doc`` again and show it; ``None`` (and a warning said) when it cannot be read."""
    name = display(reader.short_id(doc))
    if reader.workspace.corpus.get(doc.id) is not doc:
        return None  # read again already (a poll and a correction at once): never twice
    before = reader.store.load(doc)
    try:
        fresh = reader.workspace.corpus.reload(doc)
    except (UnreadableText, OSError) as error:
        reader.watch.text_read(doc)  # said once, not at every poll
        reader.notify(
            f"{name} could not be read again ({display(str(error))}); "
            "its panes show the text as it was.",
            severity="warning",
            markup=False,
        )
        return None
    after = reader.watch.load(fresh)  # every analyst's tags, anchored on the new text
    reader.watch.text_read(fresh)
    reader.editor.replaced(doc, fresh)
    reader.also_in.forget(doc.id)
    active = reader.active_view
    for pane in [p for p in reader.panes if p.doc is doc and p.is_attached]:
        claim = pane.view.claim
        cursor = nearest_claim(fresh, claim.start) if claim is not None else 0
        was_active = pane.view is active
        new = reader.new_pane(fresh, cursor)
        new.view.pane_filter = pane.view.pane_filter  # the analyst's filter stays on
        new.refresh_title()  # before it is shown: the title says the filter from the start
        await reader.pane_row.replace(pane, new)
        if was_active:
            active = new.view
    if active is not None:
        reader.activate(active)
    reader.progress.update(fresh)
    reader.header.post_message(ProgressChanged())
    rebuild_index(reader)
    reader.save_session()
    return Reread(fresh, compare(before, after))


def rebuild_index(reader: ReaderScreen) -> None:
    """The search index holds the old claims: build it again in a thread (the first build
    may still be running; this one waits for it, then builds afresh)."""
    live = reader.live_index

    def build() -> None:
        live.invalidate()
        live.build()
        reader.post_message(IndexBuilt())
        live.load_notes()

    reader.run_worker(build, thread=True, group="index", exit_on_error=False)
