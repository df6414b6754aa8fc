"""``e``/``enter``: the note editor for the current claim, which saves through the core's editor.

The editor opens on your record as it is on disk now (its base); it writes
through :meth:`~tui.core.editing.Editor.save_note` with that base, so a change
another process made meanwhile is shown to you instead of being overwritten.
The flow waits until the editor is on screen; then the keys typed since ``e``
go to it (:mod:`tui.app.typeahead`), so a fast typist loses none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.core.editing import Outcome
from tui.core.model import Claim
from tui.core.records import Annotation

if TYPE_CHECKING:
    from tui.app.screens.note import NoteResult
    from tui.app.screens.reader import ReaderScreen


@flow("note")
async def edit_note(reader: ReaderScreen) -> None:
    claim = reader.current_claim
    if refused := reader.editor.refuse_read_only(claim):
        reader.apply(refused)
        return
    assert claim is not None
    from tui.app.screens.note import NoteScreen

    reader.ensure_analyst()  # your own record is the one edited (tags are per analyst)
    current = reader.disk.fresh(claim.doc).get(claim)
    screen = NoteScreen(
        claim,
        current.record if current else None,
        short_id=reader.short_id(claim.doc),
        label_keys=reader.keymap.label_keys(),
        save=lambda result, base: _save(reader, claim, result, base),
        remapped=reader.keymap.overrides,
    )
    await reader.app.push_screen(screen)


def _save(
    reader: ReaderScreen, claim: Claim, result: NoteResult, base: Annotation | None
) -> Outcome:
    """Write the editor's result; the reader repaints and says so only when it is on disk."""
    reader.ensure_analyst()
    outcome = reader.editor.save_note(claim, result.label, result.note, result.sources, base=base)
    if outcome.saved:
        reader.apply(outcome)
    elif outcome.read_only is not None:
        reader.apply(Outcome(read_only=outcome.read_only))  # the banner; the editor says why
    return outcome
