"""``A`` (and "Add a web page…" in ``O`` and the palette): a web page into the corpus, opened.

The core does the add (:func:`tui.core.web.add.add_page`: fetch or read,
extract, write ``<id>.txt`` and ``<id>.toml``, or nothing on failure) in a
thread worker of the reader, so the screen keeps drawing; the download tells
the dialog how far it got. Then the corpus takes the new article
(:meth:`tui.core.corpus.Corpus.add`), it opens in a new pane and the search
index is built again with it. Escape while the page downloads stops the
download (nothing is written).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.flows import flow
from tui.app.messages import ProgressChanged
from tui.core.display import display
from tui.core.text import UnreadableText
from tui.core.web.add import Added, AddError, add_page
from tui.core.web.fetch import fetch
from tui.core.workspace import DEFAULT_CORPUS

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from tui.app.screens.add_page import AddPageScreen
    from tui.app.screens.reader import ReaderScreen


class Stopped(Exception):
    """Raised from the download's progress callback when the dialog was closed."""


def corpus_folder(reader: ReaderScreen) -> Path:
    """Where added pages go: the first folder the reader was opened on (a file's folder)."""
    roots = reader.workspace.corpus.roots
    for root in roots:
        if root.is_dir():
            return root
    return roots[0].parent if roots else DEFAULT_CORPUS


@flow("add-page")
async def ask(reader: ReaderScreen) -> None:
    """The address dialog; a URL pasted or typed at once with the key goes into its box."""
    await ask_for_page(reader)


def ask_for_page(reader: ReaderScreen, typed: str = "") -> AwaitMount:
    """The dialog, with ``typed`` in its box (what was typed in the picker's filter)."""
    from tui.app.screens.add_page import AddPageScreen

    return reader.app.push_screen(AddPageScreen(partial(_start, reader), typed))


def _start(reader: ReaderScreen, screen: AddPageScreen, source: str) -> None:
    folder = corpus_folder(reader)
    reader.run_worker(
        partial(_add, reader, screen, source, folder),
        thread=True,
        group="add-page",
        exit_on_error=False,
    )


def _add(reader: ReaderScreen, screen: AddPageScreen, source: str, folder: Path) -> None:
    """The worker (a thread): the core's add, with its progress and result sent back."""
    app = reader.app

    def progress(received: int, total: int | None) -> None:
        if screen.cancelled:
            raise Stopped
        app.call_from_thread(screen.show_progress, received, total)

    try:
        added = add_page(source, folder, fetcher=partial(fetch, progress=progress))
    except Stopped:
        return
    except AddError as error:
        app.call_from_thread(_failed, reader, screen, str(error))
        return
    except Exception as error:  # a bug in extraction must not take the reader down
        app.call_from_thread(_failed, reader, screen, f"{source} could not be added ({error}).")
        return
    app.call_from_thread(_added, reader, screen, added)


def _failed(reader: ReaderScreen, screen: AddPageScreen, reason: str) -> None:
    if screen.is_attached and not screen.cancelled:
        screen.show_error(reason)
    else:
        reader.notify(display(reason), severity="error", markup=False)


async def _added(reader: ReaderScreen, screen: AddPageScreen, added: Added) -> None:
    corpus = reader.workspace.corpus
    try:
        doc = corpus.add(added.path)
    except (UnreadableText, OSError) as error:
        _failed(reader, screen, f"{added.path} was written but cannot be read ({error}).")
        return
    opened = screen.is_attached and not screen.cancelled
    if screen.is_attached:
        screen.dismiss(None)
    name = display(doc.id)
    title = display(added.article.title or doc.title)
    if not added.new:
        message = f"Already in the corpus as {name}: {title}"
    else:
        message = f"Added {name}: {title} ({len(doc.claims)} claims)"
        from tui.app.reread import rebuild_index

        reader.header.post_message(ProgressChanged())
        rebuild_index(reader)
    if opened:
        view = reader.view_for(doc)
        if view is not None:
            reader.activate(view)
        else:
            await reader.open_pane(doc)
    else:
        message += " (not opened: the dialog was closed; O opens it)"
    reader.notify(message, timeout=6, markup=False)
