"""``factcheck similar DOC:CLAIM``: claims in other documents that state the same thing."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import (
    EXIT_NO_MATCH,
    EXIT_OK,
    CliError,
    claim_json,
    find_claim,
    load_workspace,
    positive_int,
    print_json,
)
from tui.core.display import display
from tui.core.match import AliasError, Aliases
from tui.core.search import SearchIndex
from tui.core.similar import find_similar
from tui.core.workspace import Workspace

DEFAULT_LIMIT = 10


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "similar",
        parents=[parent],
        help="claims in other documents that state the same thing",
    )
    parser.add_argument("claim", metavar="DOC:CLAIM", help="e.g. 000:3 or 000:c3f9a01b")
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help="at most N (default 10)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    claim = find_claim(workspace, args.claim)
    aliases = load_project_aliases(workspace)
    index = SearchIndex.build(workspace.corpus)
    label_of = workspace.store.label_of
    hits = find_similar(index, claim, limit=args.limit, label_of=label_of, aliases=aliases)
    own = label_of(claim)
    if args.json:
        print_json(
            [
                claim_json(
                    hit.claim,
                    workspace.store.load(hit.claim.doc),
                    score=hit.score,
                    band=hit.band,
                    differs=[difference.as_json() for difference in hit.differs],
                    label_differs=hit.label_differs,
                )
                for hit in hits
            ]
        )
    else:
        for hit in hits:
            flag = f"\t(tagged {own} here, {hit.label} there)" if hit.label_differs else ""
            differs = "".join(
                f"\t{d.kind}: {display(d.here)} → {display(d.there)}" for d in hit.differs
            )
            print(
                f"{display(hit.claim.doc.id)}:{hit.claim.number}\t{hit.claim.id}\t{hit.score:g}\t"
                f"{hit.band}\t{hit.label or '-'}\t{display(hit.claim.text)}{differs}{flag}"
            )
        if not hits:
            print(
                f"factcheck: no claim in another document states {claim.ref} "
                f"({display(claim.text)[:60]!r}).",
                file=sys.stderr,
            )
    return EXIT_OK if hits else EXIT_NO_MATCH


def load_project_aliases(workspace: Workspace) -> Aliases:
    """The shipped alias table and the project's ``annotations/aliases.toml``."""
    try:
        return workspace.aliases()
    except AliasError as error:
        raise CliError(str(error)) from None
