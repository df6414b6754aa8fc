"""``factcheck search QUERY``: fuzzy search over every claim and note.

``factcheck search -`` reads one query per line from stdin and answers each
with exactly one line (a JSON array with ``--json``, else a tab-separated
summary), so a script pays for loading the corpus and building the index once
and can pair answers with questions by line number.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.common import (
    EXIT_NO_MATCH,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    claim_json,
    find_document,
    load_workspace,
    positive_int,
    print_json,
)
from tui.core.display import display, json_escape
from tui.core.labels import label_names
from tui.core.model import Claim
from tui.core.search import NO_LABEL, QueryError, SearchHit, SearchIndex
from tui.core.workspace import Workspace

DEFAULT_LIMIT = 20


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "search",
        parents=[parent],
        help="fuzzy search across all claims and notes",
        description="Fuzzy search: typos, missing letters, case, diacritics and quote marks "
        'are forgiven; "quoted words" match as a phrase; label:L and doc:DOC filter.',
    )
    parser.add_argument(
        "query", metavar="QUERY", help="words to find, or - to read queries from stdin"
    )
    parser.add_argument(
        "--label", metavar="L", help=f"only claims labeled L ({', '.join(label_names())} or none)"
    )
    parser.add_argument(
        "--doc", metavar="DOC", help="only claims of this document (id or unique prefix)"
    )
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help="at most N hits (default 20)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    label = args.label.lower() if args.label else None
    if label is not None and label not in (*label_names(), NO_LABEL):
        raise CliError(
            f"{args.label!r} is not a label; use one of {', '.join(label_names())} or none."
        )
    workspace = load_workspace(args)
    doc_id = find_document(workspace, args.doc).id if args.doc else None
    index = SearchIndex.build(workspace.corpus, workspace.store)
    searcher = _Searcher(workspace, index, label, doc_id, args.limit)
    if args.query == "-":
        return _run_stdin(searcher, args.json)
    try:
        hits = searcher.search(args.query)
    except QueryError as error:
        raise CliError(str(error)) from None
    if args.json:
        print_json([searcher.to_json(hit) for hit in hits])
    else:
        for hit in hits:
            print(searcher.to_line(hit))
        if not hits:
            print(f"factcheck: no claim matches {display(args.query)!r}.", file=sys.stderr)
    return EXIT_OK if hits else EXIT_NO_MATCH


def _run_stdin(searcher: _Searcher, as_json: bool) -> int:
    import json  # only here and for --json: a one-shot search prints lines

    status = EXIT_NO_MATCH
    for number, line in enumerate(sys.stdin, 1):
        query = line.rstrip("\r\n")
        try:
            hits = searcher.search(query) if query.strip() else []
        except QueryError as error:
            print(f"factcheck: line {number}: {display(str(error))}", file=sys.stderr)
            hits = []
            status = EXIT_USAGE
        if as_json:
            answer = json_escape(
                json.dumps([searcher.to_json(hit) for hit in hits], ensure_ascii=False)
            )
        else:
            answer = "\t".join([str(len(hits)), *(f"{_ref(h.claim)} {h.score:g}" for h in hits)])
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
        if hits and status == EXIT_NO_MATCH:
            status = EXIT_OK
    return status


class _Searcher:
    """One loaded index, with the command line's filters added to every query."""

    def __init__(
        self,
        workspace: Workspace,
        index: SearchIndex,
        label: str | None,
        doc_id: str | None,
        limit: int,
    ) -> None:
        self.workspace = workspace
        self.index = index
        self.limit = limit
        self.filters = [f"label:{label}"] if label else []
        self.docs = [doc_id] if doc_id else None

    def search(self, query: str) -> list[SearchHit]:
        if not query.strip():
            return []
        # Filters go first: a query's last word may be completed as a prefix.
        text = " ".join([*self.filters, query])
        return self.index.search(
            text,
            limit=self.limit,
            label_of=self.workspace.store.label_of,
            docs=self.docs,
            status_of=self.workspace.store.status_of,
        )

    def to_json(self, hit: SearchHit) -> dict[str, Any]:
        state = self.workspace.store.load(hit.claim.doc)
        return claim_json(
            hit.claim,
            state,
            score=hit.score,
            field=hit.field,
            spans=[list(span) for span in hit.spans],
        )

    def to_line(self, hit: SearchHit) -> str:
        label = self.workspace.store.label_of(hit.claim) or "-"
        text = display(hit.note if hit.field == "note" and hit.note else hit.claim.text)
        where = "note: " if hit.field == "note" else ""
        return f"{_ref(hit.claim)}\t{hit.claim.id}\t{hit.score:g}\t{label}\t{where}{text}"


def _ref(claim: Claim) -> str:
    return f"{display(claim.doc.id)}:{claim.number}"
