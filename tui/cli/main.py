"""Entry point: ``factcheck [PATH ...]`` opens the reader; subcommands script the core."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.cli.common import EXIT_USAGE, CliError, shared_options
from tui.core.display import display

SUBCOMMANDS = (
    "claims",
    "tag",
    "stats",
    "export",
    "search",
    "similar",
    "compare",
    "migrate",
    "split",
    "join",
    "noclaim",
    "boundaries",
    "add",
    "agree",
)
"""Each is a module ``tui.cli.<name>`` with ``register(sub, parent)`` (or is in ``MODULES``)."""
MODULES = {"split": "boundaries", "join": "boundaries", "noclaim": "boundaries"}
"""Subcommands registered by another subcommand's module."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one sentence and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message[0].upper()}{message[1:]}; see `{self.prog} --help`.")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, just that subcommand's.

    A one-shot ``factcheck search`` from a script should not import what
    ``export`` or ``claims`` need (hundreds of milliseconds of it).
    """
    parent = shared_options()
    parser = _Parser(
        prog="factcheck",
        description="Read news articles side by side and tag their claims.",
        epilog="Run `factcheck` with no arguments to open the reader on ./seeds.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    names = SUBCOMMANDS if only is None else (only,)
    for name in dict.fromkeys(MODULES.get(name, name) for name in names):
        module = importlib.import_module(f"tui.cli.{name}")
        module.register(sub, parent)
    return parser


def build_reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        parents=[shared_options()],
        description="Open the reader on files or folders (default: ./seeds).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and (argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version")):
            args = build_parser(argv[0] if argv[0] in SUBCOMMANDS else None).parse_args(argv)
            return args.run(args)
        from tui.cli.reader import run_reader

        return run_reader(build_reader_parser().parse_args(argv))
    except CliError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        where = f" ({display(str(error.filename))})" if error.filename else ""
        print(f"factcheck: {display(str(error.strerror or error))}{where}.", file=sys.stderr)
        return EXIT_USAGE


def entry() -> None:
    """The ``factcheck`` command: :func:`main`, then a subcommand leaves without teardown.

    Freeing a one-shot command's objects one by one at exit (a corpus, its
    index, every module) took 25 ms of a 0.18 s ``factcheck search``; the
    system frees a process at once. So once its output is flushed a
    subcommand ends with ``os._exit``: every file it writes is written
    atomically and closed before then, and a pool of workers is shut down by
    its ``with``. The reader exits as usual (Textual restores the terminal and
    joins its threads on the way out).
    """
    argv = sys.argv[1:]
    code = main(argv)
    if not argv or argv[0] not in SUBCOMMANDS:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # a closed pipe (``| head``)
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
