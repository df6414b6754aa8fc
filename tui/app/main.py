"""Starting the reader from the command line (``tui.cli.reader`` calls ``run_app``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.core.analyst import resolve_analyst
from tui.core.workspace import DEFAULT_CORPUS, Workspace, open_workspace


def reader_paths(args: argparse.Namespace) -> list[Path]:
    """``factcheck PATH…`` opens the paths; with none, ``--corpus`` or ``./seeds``."""
    paths = [Path(p) for p in (getattr(args, "paths", None) or [])]
    if paths:
        return paths
    corpus = getattr(args, "corpus", None)
    return [Path(corpus) if corpus else DEFAULT_CORPUS]


def load_reader_workspace(args: argparse.Namespace, *, analyst: bool = True) -> Workspace:
    """Open the workspace; a missing path is a one-sentence ``CliError``.

    With ``analyst=False`` only ``--analyst`` is used: the app resolves the rest
    (``$FACTCHECK_ANALYST``, then git, a subprocess) after its first paint.
    """
    from tui.cli.common import CliError
    from tui.core.corpus import CorpusError

    try:
        return open_workspace(
            reader_paths(args),
            annotations=getattr(args, "annotations", None),
            analyst=resolve_analyst(getattr(args, "analyst", None))
            if analyst
            else (getattr(args, "analyst", None) or "").strip(),
        )
    except CorpusError as error:
        hint = " Run factcheck in a folder holding seeds/, or give a folder of articles."
        raise CliError(f"{error}.{hint if not getattr(args, 'paths', None) else ''}") from None


def run_app(args: argparse.Namespace) -> None:
    workspace = load_reader_workspace(args, analyst=False)
    from tui.app.app import FactcheckApp

    FactcheckApp(workspace, resolve_analyst=not workspace.store.analyst).run()
