"""Which claims a pane's filter (``f``) keeps: all, unreviewed, contested, disputed, mine.

A filter never hides text: the pane dims the claims it does not keep and the
cursor keys move among those it keeps, so the reading order stays in sight.
The answer comes from the document's team view, fresh from the store each
time (docs/format.md, "Status of a claim").
"""

from __future__ import annotations

from enum import StrEnum

from tui.core.document_annotations import DocumentAnnotations
from tui.core.model import Claim
from tui.core.team import Status


class PaneFilter(StrEnum):
    ALL = "all"
    UNREVIEWED = "unreviewed"
    """Nobody has tagged it."""
    CONTESTED = "contested"
    DISPUTED = "disputed"
    """The team's label (the verdict's, else the agreed one) is disputed."""
    MINE = "mine"
    """You tagged it."""

    def next(self) -> PaneFilter:
        """The filter ``f`` moves to from this one."""
        order = list(PaneFilter)
        return order[(order.index(self) + 1) % len(order)]


def keeps(state: DocumentAnnotations, claim: Claim, pane_filter: PaneFilter) -> bool:
    """Whether ``claim`` passes ``pane_filter`` on the annotations ``state``."""
    if pane_filter is PaneFilter.ALL:
        return True
    if pane_filter is PaneFilter.UNREVIEWED:
        return state.status(claim) is Status.UNREVIEWED
    if pane_filter is PaneFilter.CONTESTED:
        return state.status(claim) is Status.CONTESTED
    if pane_filter is PaneFilter.DISPUTED:
        return state.label(claim) == "disputed"
    return state.mine(claim) is not None


def kept_count(state: DocumentAnnotations, claims: list[Claim], pane_filter: PaneFilter) -> int:
    return sum(1 for claim in claims if keeps(state, claim, pane_filter))
