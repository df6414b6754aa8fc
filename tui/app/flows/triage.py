"""Triage keys: ``w`` the most check-worthy unreviewed claim, ``L`` every claim, ``D`` progress.

The scores, rows and figures are the core's (:mod:`tui.core.triage`,
:mod:`tui.core.claim_list`, :mod:`tui.core.team_progress`); these flows only
choose what to show and move the reader to what the analyst picks.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from tui.app.flows import flow
from tui.core.model import Claim
from tui.core.triage import Scorer, ranked

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen

_LAST_W: WeakKeyDictionary[ReaderScreen, Claim] = WeakKeyDictionary()
"""Where each reader's last ``w`` landed: pressed there again, ``w`` goes one further."""
_SCORER = Scorer()
"""The cues alone for ``w``: instant on a keypress (the list ``L`` uses the team's model)."""


@flow("worthy")
async def most_worthy(reader: ReaderScreen) -> None:
    """The open panes' unreviewed claims, most check-worthy first; each ``w`` goes one further."""
    docs = list({view.doc.id: view.doc for view in reader.views}.values())
    unreviewed = []
    for doc in docs:
        state = reader.store.load(doc)
        unreviewed += [claim for claim in doc.claims if state.get(claim) is None]
    if not unreviewed:
        reader.notify(
            "Every claim in the open panes is reviewed; L lists the corpus.", markup=False
        )
        return
    order = [claim for claim, _worth in ranked(unreviewed, _SCORER)]
    current = reader.current_claim
    # Pressed again where the last w landed (not tagged): the next in rank; else the top.
    going_on = current is not None and _LAST_W.get(reader) is current and current in order
    after = order.index(current) + 1 if going_on else 0
    claim = order[after % len(order)]
    _LAST_W[reader] = claim
    await reader.show_claim(claim)
    if after >= len(order):
        reader.notify("Back to the most check-worthy claim.", timeout=1.5, markup=False)


@flow("claims-list")
async def claims_list(reader: ReaderScreen) -> None:
    """Every claim; a filter typed with the key goes into its box (:mod:`tui.app.typeahead`)."""
    from tui.app.screens.claims_list import ClaimsListScreen
    from tui.core.claim_list import corpus_rows
    from tui.core.triage import scorer_for

    workspace = reader.workspace
    rows = corpus_rows(workspace.corpus, workspace.store, scorer_for(workspace))
    short_ids = {doc.id: reader.short_id(doc) for doc in workspace.corpus.documents}
    screen = ClaimsListScreen(rows, short_ids=short_ids)
    await reader.app.push_screen(screen, partial(_chosen, reader))


async def _chosen(reader: ReaderScreen, claim: Claim | None) -> None:
    if claim is not None:
        await reader.show_claim(claim)


@flow("dashboard")
def dashboard(reader: ReaderScreen) -> None:
    from tui.app.screens.dashboard import DashboardScreen
    from tui.core.agreement import confusion
    from tui.core.labels import label_names
    from tui.core.stats import corpus_stats
    from tui.core.team_progress import team_progress
    from tui.core.team_ratings import corpus_ratings

    workspace = reader.workspace
    progress = team_progress(workspace, corpus_stats(workspace))
    analysts = progress.agreement.analysts
    table = None
    if len(analysts) == 2:
        ratings = corpus_ratings(workspace.store, workspace.corpus)
        table = confusion(ratings, *analysts, labels=label_names())
    reader.app.push_screen(DashboardScreen(progress, table))
