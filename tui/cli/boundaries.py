"""``factcheck split|join|noclaim|boundaries``: correct where claims begin and end.

Corrections go to the document's metadata file, shared by the team
(docs/format.md, "Corrected claim boundaries").
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    EXIT_OK,
    CliError,
    claim_json,
    find_claim,
    find_document,
    load_workspace,
    print_json,
)
from tui.core import boundaries, metadata
from tui.core.boundaries import BoundaryError
from tui.core.corpus import load_document
from tui.core.metadata import Boundary, MetadataError
from tui.core.model import Claim, Document
from tui.core.segmenting import segment_fresh
from tui.core.text import clean_line

NAMES = ("split", "join", "noclaim", "boundaries")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    split = sub.add_parser(
        "split", parents=[parent], help="split a claim in two, the second starting at WORD"
    )
    split.add_argument("claim", metavar="DOC:CLAIM", help="e.g. 000:3 or 000:c3f9a01b")
    split.add_argument("word", metavar="WORD", help="the word (or words) the new claim starts with")
    join = sub.add_parser("join", parents=[parent], help="join a claim with the next one")
    join.add_argument("claim", metavar="DOC:CLAIM")
    noclaim = sub.add_parser(
        "noclaim",
        parents=[parent],
        help="mark a claim's whole line not-a-claim (site furniture)",
    )
    noclaim.add_argument("claim", metavar="DOC:CLAIM")
    noclaim.add_argument(
        "--to",
        default=None,
        metavar="CLAIM",
        help="and every line through this claim's (e.g. the last reader comment)",
    )
    listing = sub.add_parser(
        "boundaries", parents=[parent], help="list a document's corrected claim boundaries"
    )
    listing.add_argument("doc", metavar="DOC")
    listing.add_argument(
        "--drop", type=int, default=None, metavar="N", help="take back correction N of the list"
    )
    for parser in (split, join, noclaim, listing):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.set_defaults(run=run)


def _correction(args: argparse.Namespace, claim: Claim, analyst: str) -> list[Boundary]:
    if args.command == "split":
        return [boundaries.split_at(claim, boundaries.word_start(claim, args.word), analyst)]
    if args.command == "join":
        return [boundaries.join_next(claim, analyst)]
    last = None
    if args.to is not None:
        last = claim.doc.claim(args.to.rpartition(":")[2])
        if last is None:
            raise CliError(f"{claim.doc.id} has no claim {args.to!r}.")
    return boundaries.no_claim(claim, analyst, last)


def _reloaded(doc: Document) -> Document:
    return load_document(doc.path, doc.id)


def _describe(boundary: Boundary) -> str:
    if boundary.action == "noclaim":
        return f"noclaim «{_short(boundary.quote)}»"
    return f"{boundary.action} «…{_short(boundary.before, tail=True)} | {_short(boundary.after)}…»"


def _short(text: str, width: int = 40, *, tail: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return "…" + text[-width:] if tail else text[:width] + "…"


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args, analyst=args.command != "boundaries")
    try:
        if args.command == "boundaries":
            return _list(args, find_document(workspace, args.doc))
        claim = find_claim(workspace, args.claim)
        change = boundaries.record(
            claim.doc, _correction(args, claim, workspace.store.analyst or "")
        )
    except BoundaryError as error:
        raise CliError(str(error)) from None
    except MetadataError as error:
        raise CliError(f"Not saved: {error}; fix or move that file first.") from None
    doc = _reloaded(claim.doc)
    near = [c for c in doc.claims if c.start < claim.end + 1 and c.end > claim.start - 1]
    if args.json:
        print_json([claim_json(c, None) for c in near])
        return EXIT_OK
    for boundary in change.removed:
        print(clean_line(f"{doc.id}: took back {_describe(boundary)} -> {change.path}"))
    for boundary in change.added:
        print(clean_line(f"{doc.id}: recorded {_describe(boundary)} -> {change.path}"))
    if not change.added and not change.removed:
        print(clean_line(f"{doc.id}: already recorded; nothing changed"))
    for c in near:
        print(clean_line(f"  {doc.id}:{c.number} {c.id} {_short(c.text, 70)}"))
    return EXIT_OK


def _json(number: int, boundary: Boundary, outcome: str) -> dict[str, object]:
    table = boundary.to_toml()
    if boundary.updated is not None:
        table["updated"] = boundary.updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"n": number, **table, "outcome": outcome}


def _list(args: argparse.Namespace, doc: Document) -> int:
    path = metadata.path_for(doc.path, doc.id)
    if args.drop is not None:
        (removed,) = boundaries.drop(doc, args.drop).removed
        print(clean_line(f"{doc.id}: took back {_describe(removed)} -> {path}"))
        return EXIT_OK
    meta = metadata.read(path)
    listed = sorted(meta.boundaries if meta else [], key=metadata.boundary_key)
    # How each correction goes on the segmenter's own claims.
    fresh = Document(doc.id, doc.path, doc.text, doc.sha256)
    segment_fresh(fresh)
    outcomes = {id(a.boundary): a.outcome for a in boundaries.apply(fresh, listed)}
    if args.json:
        print_json([_json(n, b, outcomes[id(b)].value) for n, b in enumerate(listed, 1)])
        return EXIT_OK
    if not listed:
        print(f"{doc.id} has no corrected claim boundaries.")
        return EXIT_OK
    for n, boundary in enumerate(listed, 1):
        who = f" ({boundary.analyst})" if boundary.analyst else ""
        line = f"{n}. {_describe(boundary)}{who}: {outcomes[id(boundary)].value}"
        print(clean_line(line))
    return EXIT_OK
