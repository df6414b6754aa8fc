"""``S`` ``J`` ``X``: correct the claim boundaries; ``u`` ``ctrl+r``: undo and redo (of tags too).

A correction is the team's, stored once in the document's metadata file by
the core's editor (docs/format.md, "Corrected claim boundaries"); the document
is then loaded again and every pane showing it redrawn (:mod:`tui.app.reread`).
Tags are never moved by a correction: they anchor afresh, and one that fits no
claim any more is an orphan, kept and listed by ``R``. Undo and redo live here
because undoing a correction loads the document again, which takes awaiting.
An article edited on disk while open is loaded again the same way (the
``reload-texts`` flow, run by the reader's poll).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.app.reread import nearest_claim, reread
from tui.core import boundaries
from tui.core.display import display
from tui.core.editing import Outcome

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen
    from tui.core.model import Claim


async def show(reader: ReaderScreen, outcome: Outcome, *, next_from: int | None = None) -> None:
    """Show an outcome; one that changed boundaries loads its document again first.

    The cursor goes to the claim the outcome names (as placed now), or to the
    first claim from offset ``next_from`` on (after a line marked not-a-claim).
    """
    if outcome.reread is None:
        reader.apply(outcome)
        return
    old = outcome.reread
    at = old.claims[outcome.move_to[1]].start if outcome.move_to and old.claims else None
    done = await reread(reader, old)
    if done is None:
        reader.apply(replace(outcome, doc=None, move_to=None, reread=None))
        return
    message = outcome.message
    if done.tags.moved + done.tags.orphaned + done.tags.reattached:
        message = f"{message.rstrip('.')}; {done.tags.text()}."
    move_to = (done.doc, nearest_claim(done.doc, at)) if at is not None else None
    if next_from is not None and done.doc.claims:
        index = next((c.index for c in done.doc.claims if c.start >= next_from), None)
        move_to = (done.doc, index if index is not None else len(done.doc.claims) - 1)
    reader.apply(replace(outcome, doc=None, message=message, move_to=move_to, reread=None))


def _claim(reader: ReaderScreen) -> Claim | None:
    claim = reader.current_claim
    if claim is None:
        reader.notify("No claim here to correct.", markup=False)
    return claim


def _analyst(reader: ReaderScreen) -> str:
    reader.ensure_analyst()
    return reader.store.analyst or ""


@flow("split")
def split(reader: ReaderScreen) -> None:
    from tui.app.screens.split import SplitScreen, cut_points

    claim = _claim(reader)
    if claim is None:
        return
    if not cut_points(claim):
        reader.notify(f"Claim {claim.number} is one word: nothing to split.", markup=False)
        return
    label = reader.editor.ref(claim)
    reader.app.push_screen(SplitScreen(claim, label), partial(_split_at, reader, claim))


async def _split_at(reader: ReaderScreen, claim: Claim, offset: int | None) -> None:
    if offset is None:
        return
    analyst = _analyst(reader)
    what = f"split {reader.editor.ref(claim)}"
    outcome = reader.editor.correct(
        claim, what, lambda: [boundaries.split_at(claim, offset, analyst)]
    )
    await show(reader, outcome)


@flow("join")
async def join(reader: ReaderScreen) -> None:
    claim = _claim(reader)
    if claim is None:
        return
    analyst = _analyst(reader)
    what = f"joined {reader.editor.ref(claim)} with the next claim"
    await show(
        reader, reader.editor.correct(claim, what, lambda: [boundaries.join_next(claim, analyst)])
    )


@flow("noclaim")
async def noclaim(reader: ReaderScreen) -> None:
    """Mark the claim's line not-a-claim (no claims, dimmed); the cursor goes on below it,
    so ``X`` ``X`` ``X`` marks a run of reader comments line by line; ``u`` takes one back."""
    view = reader.active_view
    if view is None or not view.doc.claims:
        reader.notify("No claim here to correct.", markup=False)
        return
    claim = reader.current_claim
    assert claim is not None
    analyst = _analyst(reader)
    what = f"marked the line of {reader.editor.ref(claim)} not-a-claim"
    outcome = reader.editor.correct(claim, what, lambda: boundaries.no_claim(claim, analyst))
    await show(reader, outcome, next_from=claim.doc.blocks[claim.block].end)


@flow("undo")
async def undo(reader: ReaderScreen) -> None:
    await show(reader, reader.editor.undo())


@flow("redo")
async def redo(reader: ReaderScreen) -> None:
    reader.ensure_analyst()
    await show(reader, reader.editor.redo())


@flow("reload-texts")
async def reload_texts(reader: ReaderScreen) -> None:
    """The open articles whose text (or metadata file) changed on disk, loaded again."""
    for doc in reader.watch.texts_changed_among(view.doc for view in reader.views):
        done = await reread(reader, doc)
        if done is not None:
            reader.notify(
                f"{display(reader.short_id(done.doc))} changed on disk: reloaded; "
                f"{done.tags.text()}.",
                timeout=6,
                markup=False,
            )
