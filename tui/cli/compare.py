"""``factcheck compare DOC_A DOC_B``: two articles (or two versions of one) claim by claim."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from tui.cli.common import EXIT_OK, claim_json, find_document, load_workspace, print_json
from tui.cli.similar import load_project_aliases
from tui.core.compare import (
    EDITED,
    MOVED,
    ONLY_A,
    ONLY_B,
    STATUSES,
    UNCHANGED,
    Row,
    compare_documents,
)
from tui.core.display import display
from tui.core.model import Claim
from tui.core.workspace import Workspace

_MARKS = {UNCHANGED: "=", EDITED: "~", MOVED: ">", ONLY_A: "-", ONLY_B: "+"}


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "compare",
        parents=[parent],
        help="two articles (or two versions of one) aligned claim by claim",
        description=(
            "Align two articles claim by claim: = unchanged, ~ edited (with the word "
            "changes and the details that differ), > moved, - only in A, + only in B."
        ),
    )
    parser.add_argument("doc_a", metavar="DOC_A", help="a document id (a unique prefix will do)")
    parser.add_argument("doc_b", metavar="DOC_B")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    a = find_document(workspace, args.doc_a)
    b = find_document(workspace, args.doc_b)
    rows = compare_documents(a, b, aliases=load_project_aliases(workspace))
    counts = Counter(row.status for row in rows)
    if args.json:
        print_json(
            {
                "a": a.id,
                "b": b.id,
                "counts": {status: counts.get(status, 0) for status in STATUSES},
                "rows": [row_json(row, workspace) for row in rows],
            }
        )
        return EXIT_OK
    width = max(
        (len(f"{c.doc.id[:8]}:{c.number}") for r in rows for c in (r.a, r.b) if c), default=0
    )
    for row in rows:
        print(text_line(row, width))
    summary = ", ".join(
        f"{counts.get(status, 0)} {status.replace('_', ' ')}" for status in STATUSES
    )
    print(f"{display(a.id)} / {display(b.id)}: {summary}")
    return EXIT_OK


def _ref(claim: Claim | None, width: int) -> str:
    return (f"{display(claim.doc.id[:8])}:{claim.number}" if claim else "").ljust(width)


def text_line(row: Row, width: int) -> str:
    """One row: mark, A's claim, B's claim, then what changed (or the text of a lone claim)."""
    head = f"{_MARKS[row.status]} {_ref(row.a, width)}  {_ref(row.b, width)}  "
    if row.status in (ONLY_A, ONLY_B):
        claim = row.a or row.b
        assert claim is not None
        return head + display(claim.text)
    parts = [f"{row.score:g}" if row.score is not None else ""]
    if row.status == MOVED and row.score == 100.0:
        return head + "moved, unchanged"
    parts += [
        f"{display(change.a) or '∅'} → {display(change.b) or '∅'}" for change in row.changes[:6]
    ]
    if len(row.changes) > 6:
        parts.append(f"… {len(row.changes) - 6} more")
    parts += [f"[{d.kind}: {display(d.here)} → {display(d.there)}]" for d in row.differs]
    return head + " · ".join(p for p in parts if p)


def row_json(row: Row, workspace: Workspace) -> dict[str, Any]:
    """A row; each claim as ``claims --json`` shows it (with its label, if tagged)."""

    def claim(c: Claim | None) -> dict[str, Any] | None:
        return claim_json(c, workspace.store.load(c.doc)) if c else None

    return {
        "status": row.status,
        "a": claim(row.a),
        "b": claim(row.b),
        "score": row.score,
        "changes": [change.as_json() for change in row.changes],
        "differs": [difference.as_json() for difference in row.differs],
    }
