"""``factcheck export``: the annotations in any format of ``tui.core.export.FORMATS``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from tui.cli.common import EXIT_OK, CliError, load_workspace
from tui.core.display import display
from tui.core.export import (
    DEFAULT_FORMAT,
    FORMATS,
    export,
    format_for_path,
    is_empty,
    prepare_folder,
)
from tui.core.export.output import STDOUT, OutputError, check_target, write_output


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export",
        parents=[parent],
        help=f"export a summary: {', '.join(FORMATS)}",
        description="Export the annotations. Without --output the export is printed.",
    )
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default=None,
        help=f"default: from the --output extension, else {DEFAULT_FORMAT}",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="FILE",
        help="write here: a file is replaced atomically; - or a device or FIFO is written "
        "as a stream (default: print)",
    )
    parser.add_argument(
        "--url-base",
        default=None,
        metavar="URL",
        help="claimreview: where reviews are published; {doc} and {claim} are filled in, "
        "else <URL>/<doc>#<claim>",
    )
    parser.add_argument(
        "--date",
        default=None,
        metavar="YYYY-MM-DD",
        help="stamp this date on the export (default: none; ClaimReview uses each tag's date)",
    )
    parser.add_argument(
        "--no-matches",
        action="store_true",
        help="skip the search for claims found in several documents",
    )
    parser.set_defaults(run=run)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--date {value!r} is not a date; write it as YYYY-MM-DD.") from None


def run(args: argparse.Namespace) -> int:
    fmt = args.format or (format_for_path(args.output) if args.output else None) or DEFAULT_FORMAT
    day = _date(args.date)
    if args.output is not None:
        try:
            check_target(args.output)
        except OutputError as error:
            raise CliError(f"Cannot write the export: {error}.") from None
    workspace = load_workspace(args)
    try:
        text = export(
            workspace,
            fmt,
            url_base=args.url_base,
            analyst=args.analyst,
            date=day,
            matches=not args.no_matches,
        )
    except ValueError as error:
        raise CliError(f"Cannot export: {error}.") from None
    for doc in workspace.corpus:
        state = workspace.store.load(doc)
        if state.error is not None:
            print(
                f"factcheck: warning: {display(str(state.error))}; its tags are left out",
                file=sys.stderr,
            )
    if is_empty(workspace):
        print("factcheck: no annotations in this corpus yet; the export is empty.", file=sys.stderr)
    if args.output is None or str(args.output) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        prepare_folder(workspace, args.output)
        written = write_output(args.output, text, FORMATS[fmt].file_prefix)
    except OutputError as error:
        raise CliError(f"Cannot write the export: {error}.") from None
    except OSError as error:
        raise CliError(
            f"Cannot write {args.output}: {error.strerror or error}; the export was not written."
        ) from None
    print(display(f"{fmt} export written to {written}"), file=sys.stderr)
    return EXIT_OK
