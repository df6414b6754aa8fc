"""``factcheck agree``: how far the analysts agree, overall, per pair, per label, per document."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Hashable

from tui.cli.common import (
    EXIT_NO_MATCH,
    EXIT_OK,
    CliError,
    find_document,
    load_workspace,
    print_json,
)
from tui.core.agreement import confusion, measure, restrict
from tui.core.agreement_report import text_report
from tui.core.display import display
from tui.core.document_annotations import DocumentAnnotations
from tui.core.labels import label_names
from tui.core.team_ratings import corpus_ratings


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "agree",
        parents=[parent],
        help="agreement between analysts: percent, Krippendorff's α, Gwet's AC1, Cohen's κ",
    )
    parser.add_argument("--doc", metavar="DOC", help="one document (an id or a unique prefix)")
    parser.add_argument(
        "--analysts", metavar="A,B", help="only these analysts (names, comma-separated)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    docs = [find_document(workspace, args.doc)] if args.doc else list(workspace.corpus)
    ratings = corpus_ratings(workspace.store, docs, on_error=_warn_unreadable)
    if args.analysts is not None:
        wanted = [name.strip() for name in args.analysts.split(",") if name.strip()]
        if not wanted:
            raise CliError("--analysts needs at least one name (for example --analysts ann,bob).")
        known = {analyst for by in ratings.values() for analyst in by}
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise CliError(
                f"No tags by {', '.join(repr(n) for n in unknown)}"
                f" (analysts with tags: {', '.join(sorted(known)) or 'none'}).",
                EXIT_NO_MATCH,
            )
        ratings = restrict(ratings, wanted)
    summary = measure(ratings, categories=label_names(), document_of=_document_of)
    if args.json:
        print_json(summary.to_json())
    else:
        table = None
        if len(summary.analysts) == 2:
            table = confusion(ratings, *summary.analysts, labels=label_names())
        for line in text_report(summary, table):
            print(display(line))
    return EXIT_OK if summary.units else EXIT_NO_MATCH


def _document_of(unit: Hashable) -> str:
    doc_id, _claim_id = unit  # type: ignore[misc]
    return str(doc_id)


def _warn_unreadable(state: DocumentAnnotations) -> None:
    for error in [state.error, *state.warnings]:
        if error is not None:
            print(
                f"factcheck: warning: {display(str(error))}; its tags are not counted",
                file=sys.stderr,
            )
