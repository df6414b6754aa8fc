"""``factcheck [PATH ...]``: open the Textual reader (imported only here)."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK


def run_reader(args: argparse.Namespace) -> int:
    from tui.app.main import run_app

    run_app(args)
    return EXIT_OK
