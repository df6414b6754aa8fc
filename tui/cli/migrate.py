"""``factcheck migrate``: move format 1 annotation files into the per-analyst layout."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import EXIT_OK, EXIT_USAGE, CliError, load_workspace
from tui.core.atomic import LockError
from tui.core.display import display
from tui.core.migrate import MigrationFailed, migrate
from tui.core.progress import plural


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "migrate",
        parents=[parent],
        help="move format 1 annotation files to one file per analyst (checked, with a backup)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would move, change nothing"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    folder = workspace.store.folder
    try:
        report = migrate(folder, dry_run=args.dry_run)
    except MigrationFailed as error:
        raise CliError(
            f"Migration checked and undone: {error}; backup kept in {error.backup}."
        ) from None
    except LockError as error:
        raise CliError(
            f"Cannot lock {error.filename}: {error.strerror}; nothing was moved."
        ) from None
    except OSError as error:
        raise CliError(
            f"{error.filename or folder}: {error.strerror or error}; migrate stopped "
            "(every tag is still in its format 1 or its new file: run it again)."
        ) from None
    for problem in report.skipped:
        print(f"factcheck: warning: {display(str(problem))}; left as it is", file=sys.stderr)
    if not report.files:
        print(display(f"No format 1 annotation files to move in {folder}."))
    else:
        verb = "would move" if args.dry_run else "moved"
        names = ", ".join(sorted(report.analysts))
        print(
            display(
                f"{verb} {plural(report.records, 'tag')} from "
                f"{plural(len(report.files), 'file')} into "
                f"{len(report.written)} per-analyst files ({names}) in {folder}"
            )
        )
        for path in report.kept_metadata:
            print(display(f"kept {path.name} for its document metadata (its tags moved)"))
    return EXIT_USAGE if report.skipped else EXIT_OK
