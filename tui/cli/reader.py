"""``factcheck [PATH ...]``: open the workspace and hand it to the reader (imported only here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.common import EXIT_OK, CliError
from tui.core.analyst import quick_analyst
from tui.core.config import Config, load_config
from tui.core.corpus import CorpusError
from tui.core.workspace import DEFAULT_CORPUS, Workspace, open_workspace


def reader_paths(args: argparse.Namespace) -> list[Path]:
    """``factcheck PATH…`` opens the paths; with none, ``--corpus`` or ``./seeds``."""
    paths = [Path(p) for p in (getattr(args, "paths", None) or [])]
    if paths:
        return paths
    corpus = getattr(args, "corpus", None)
    return [Path(corpus) if corpus else DEFAULT_CORPUS]


def open_reader_workspace(args: argparse.Namespace, config: Config) -> Workspace:
    """Open the workspace; a missing path is a one-sentence ``CliError``.

    The analyst is taken from ``--analyst``, the config or ``$FACTCHECK_ANALYST``
    only: the app asks git (a subprocess) after its first paint if none is given.
    """
    try:
        return open_workspace(
            reader_paths(args),
            annotations=getattr(args, "annotations", None),
            analyst=quick_analyst(getattr(args, "analyst", None), config.analyst),
        )
    except CorpusError as error:
        hint = " Run factcheck in a folder holding seeds/, or give a folder of articles."
        raise CliError(f"{error}.{hint if not getattr(args, 'paths', None) else ''}") from None


def run_reader(args: argparse.Namespace) -> int:
    config = load_config()  # a bad file: the reader says so and starts with defaults
    workspace = open_reader_workspace(args, config)
    from tui.app.app import run_app

    run_app(workspace, config)
    return EXIT_OK
