"""Jump keys: the next claim of the active pane that is unreviewed (``n`` ``N``), and the like.

The search itself is the core's (:func:`tui.core.navigation.next_claim`); a
flow here says which claims it wants and what to say when none is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.core.model import Claim
from tui.core.navigation import next_claim
from tui.core.pane_filter import PaneFilter, keeps, kept_count

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen


def jump(reader: ReaderScreen, step: int, wanted: Callable[[Claim], bool], done: str) -> bool:
    """Move the active pane to its next ``wanted`` claim; say when it wrapped or found none.

    ``done`` completes "Every claim in this document is …" when no claim is wanted.
    """
    view = reader.active_view
    if view is None or not view.doc.claims:
        return False
    found = next_claim(view.doc.claims, view.cursor, step, wanted)
    if found is None:
        reader.notify(f"Every claim in this document is {done}.", markup=False)
        return False
    view.move_to(found.index)
    reader.update_inspector()  # in this frame, not the next
    if found.wrapped:
        where = "top" if step > 0 else "bottom"
        reader.notify(f"Continued from the {where}.", timeout=1.5, markup=False)
    return True


def _unreviewed(reader: ReaderScreen, step: int) -> None:
    view = reader.active_view
    if view is not None:
        state = reader.store.load(view.doc)
        jump(reader, step, lambda claim: state.get(claim) is None, "reviewed")


@flow("next-unreviewed")
def next_unreviewed(reader: ReaderScreen) -> None:
    _unreviewed(reader, 1)


@flow("previous-unreviewed")
def previous_unreviewed(reader: ReaderScreen) -> None:
    _unreviewed(reader, -1)


def _contested(reader: ReaderScreen, step: int) -> None:
    view = reader.active_view
    if view is not None:
        state = reader.store.load(view.doc)
        contested = {claim.index for claim in state.contested()}
        if not contested:
            reader.notify("No claim in this document is contested.", markup=False)
            return
        jump(reader, step, lambda claim: claim.index in contested, "settled or agreed")


@flow("next-contested")
def next_contested(reader: ReaderScreen) -> None:
    _contested(reader, 1)


@flow("previous-contested")
def previous_contested(reader: ReaderScreen) -> None:
    _contested(reader, -1)


@flow("filter")
def cycle_filter(reader: ReaderScreen) -> None:
    """``f``: the active pane's next filter; the cursor goes to a claim the filter keeps."""
    pane = reader.pane_row.active_pane
    if pane is None:
        return
    view = pane.view
    new = view.pane_filter.next()
    view.set_filter(new)
    pane.refresh_title()
    key = reader.keymap.first("filter")
    if new is PaneFilter.ALL:
        reader.notify(f"Showing every claim ({key}: filter again).", timeout=2, markup=False)
        return
    state = reader.store.load(view.doc)
    kept = kept_count(state, view.doc.claims, new)
    reader.notify(
        f"Filter: {new.value} ({kept} of {len(view.doc.claims)}); the rest is dimmed and "
        f"skipped by the cursor keys; {key}: {new.next().value}.",
        timeout=3,
        markup=False,
    )
    claim = view.claim
    if kept and claim is not None and not keeps(state, claim, new):
        jump(reader, 1, lambda c: keeps(state, c, new), new.value)
