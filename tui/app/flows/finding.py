"""``/`` search, ``m`` similar claims, ``E`` export and ``?`` help."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.app.keys import help_rows
from tui.core.display import display
from tui.core.model import Claim

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen
    from tui.app.screens.similar import CopyTag
    from tui.core.search import SearchIndex


def index_or_say(reader: ReaderScreen, feature: str) -> SearchIndex | None:
    """The search index (built now if the worker has not yet), or ``None`` after saying so."""
    index = reader.live_index.build()
    if index is None:
        reader.notify(f"{feature}: the search index failed to build.", markup=False)
    return index


@flow("search")
async def search(reader: ReaderScreen) -> None:
    """The dialog at once; its first search waits for the index and notes, in its thread.

    The query typed at once with ``/`` is held until the box is there (:mod:`tui.app.typeahead`).
    """
    from tui.app.screens.search import SearchScreen

    screen = SearchScreen(reader.workspace, reader.live_index)
    await reader.app.push_screen(screen, partial(_jump, reader))


async def _jump(reader: ReaderScreen, claim: Claim | None) -> None:
    if claim is not None:
        await reader.show_claim(claim)


@flow("similar")
def similar(reader: ReaderScreen) -> None:
    claim = reader.current_claim
    if claim is None:
        reader.notify("No claim here.", markup=False)
        return
    from tui.app.screens.similar import SimilarScreen

    index = index_or_say(reader, "No similar claims")
    if index is not None:
        aliases = reader.live_index.aliases
        if problem := reader.live_index.alias_problem:
            reader.notify(display(problem), severity="warning", markup=False)
        screen = SimilarScreen(reader.workspace, index, claim, aliases)
        reader.app.push_screen(screen, partial(_open_similar, reader, claim))


async def _open_similar(reader: ReaderScreen, source: Claim, claim: Claim | CopyTag | None) -> None:
    from tui.app.screens.similar import CopyTag

    if isinstance(claim, CopyTag):
        reader.ensure_analyst()
        reader.apply(reader.editor.copy(source, claim.target))
        return
    if claim is None:
        return
    view = reader.view_for(claim.doc)
    if view is not None and view is not reader.active_view:
        await reader.show_claim(claim)
    else:
        await reader.show_claim(claim, new_pane=view is None)


@flow("export")
def export(reader: ReaderScreen) -> None:
    from tui.app.screens.export import ExportScreen

    # Reuse the index when it is built; otherwise the export builds its own.
    screen = ExportScreen(reader.workspace, index=reader.live_index.index)
    reader.app.push_screen(screen, partial(_exported, reader))


def _exported(reader: ReaderScreen, path: Path | None) -> None:
    if path is not None:
        reader.notify(display(f"Exported to {path}"), markup=False)


@flow("help")
def show_help(reader: ReaderScreen) -> None:
    from tui.app.screens.help import HelpScreen

    rows = help_rows(reader.keymap)
    reader.app.push_screen(HelpScreen(rows, display_path(reader.store.folder)))


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it (shorter, stable)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
