"""``V``: review the current claim, every analyst's tag side by side, and settle it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.core.model import Claim

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen
    from tui.app.screens.review import Verdict


@flow("review")
def review(reader: ReaderScreen) -> None:
    claim = reader.current_claim
    if claim is None:
        reader.notify("No claim here.", markup=False)
        return
    from tui.app.screens.review import ReviewScreen

    team = reader.disk.fresh(claim.doc).team(
        claim
    )  # as on disk now: another analyst may have tagged
    if not team.tags:
        key = reader.keymap.first("tag-sourced")
        reader.notify(
            f"Nobody has tagged this claim yet: tag it ({key} …), a review settles tags.",
            markup=False,
        )
        return
    screen = ReviewScreen(team, reader.short_id(claim.doc), reader.keymap)
    reader.app.push_screen(screen, partial(_settle, reader, claim))


def _settle(reader: ReaderScreen, claim: Claim, verdict: Verdict | None) -> None:
    if verdict is not None:
        reader.ensure_analyst()
        reader.apply(reader.editor.settle(claim, verdict.label, verdict.note, verdict.sources))
