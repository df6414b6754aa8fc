"""``factcheck claims``: list the claims of some or all documents."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from tui.cli.common import (
    EXIT_NO_MATCH,
    EXIT_OK,
    claim_json,
    find_document,
    load_workspace,
    print_json_rows,
)
from tui.core.display import display
from tui.core.model import Document
from tui.core.triage import Scorer, scorer_for
from tui.core.workspace import Workspace


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "claims",
        parents=[parent],
        help="list claims: id, offsets, kind, label, check-worthiness, text",
    )
    parser.add_argument("docs", nargs="*", metavar="DOC", help="document ids or unique prefixes")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.add_argument(
        "--sort",
        choices=("position", "checkworthy"),
        default="position",
        help="reading order (default), or the most worth checking first",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    docs = [find_document(workspace, ref) for ref in args.docs] or list(workspace.corpus)
    scorer = scorer_for(workspace)
    rows = _rows(workspace, docs, scorer)
    if args.sort == "checkworthy":
        # Sorting needs every row at once; ties keep reading order.
        rows = iter(sorted(rows, key=lambda row: -row["checkworthy"]))
    # Rows are written as they are made: a large corpus never holds them all at once.
    count = print_json_rows(rows) if args.json else _print_table(rows)
    return EXIT_OK if count else EXIT_NO_MATCH


def _rows(workspace: Workspace, docs: list[Document], scorer: Scorer) -> Iterator[dict[str, Any]]:
    for doc in docs:
        state = workspace.store.load(doc)
        for error in [state.error, *state.warnings]:
            if error is not None:
                print(
                    f"factcheck: warning: {display(str(error))}; its tags are not shown",
                    file=sys.stderr,
                )
        for claim in doc.claims:
            worth = scorer.worth(claim)
            yield claim_json(
                claim, state, checkworthy=worth.score, checkworthy_reasons=list(worth.reasons)
            )


def _print_table(rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    for row in rows:
        label = row["label"] or ("contested" if row["status"] == "contested" else "-")
        print(
            f"{display(row['doc'])}:{row['number']}\t{row['id']}\t{row['start']}-{row['end']}\t"
            f"{row['kind']}\t{label}\t{row['checkworthy']}\t{display(row['text'])}"
        )
        count += 1
    return count
