"""``e``/``enter``: the note editor for the current claim, and saving what it returns."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.core.model import Claim

if TYPE_CHECKING:
    from tui.app.screens.note import NoteResult
    from tui.app.screens.reader import ReaderScreen


@flow("note")
def edit_note(reader: ReaderScreen) -> None:
    claim = reader.current_claim
    if refused := reader.editor.refuse_read_only(claim):
        reader.apply(refused)
        return
    assert claim is not None
    from tui.app.screens.note import NoteScreen

    current = reader.store.load(claim.doc).get(claim)
    screen = NoteScreen(
        claim,
        current.record if current else None,
        short_id=reader.short_id(claim.doc),
        label_keys=reader.keymap.label_keys(),
    )
    reader.app.push_screen(screen, partial(_saved, reader, claim))


def _saved(reader: ReaderScreen, claim: Claim, result: NoteResult | None) -> None:
    if result is None:
        return
    reader.ensure_analyst()
    reader.apply(reader.editor.save_note(claim, result.label, result.note, result.sources))
