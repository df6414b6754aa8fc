"""``factcheck tag DOC:CLAIM LABEL``: tag (or clear) one claim from a script."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import EXIT_OK, CliError, claim_json, find_claim, load_workspace, print_json
from tui.core.display import display
from tui.core.labels import label_names, names_text
from tui.core.store import ReadOnlyDocument, SaveError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("tag", parents=[parent], help=f"tag a claim {names_text()}")
    parser.add_argument("claim", metavar="DOC:CLAIM", help="e.g. 000:3 or 000:c3f9a01b")
    parser.add_argument(
        "label", metavar="LABEL", help=f"{', '.join(label_names())} or none to clear"
    )
    parser.add_argument("--note", default=None, help="a note (replaces the current one)")
    parser.add_argument(
        "--source",
        action="append",
        default=None,
        metavar="URL",
        help="a source; repeat for several (replaces the current list)",
    )
    parser.add_argument(
        "--verdict",
        action="store_true",
        help="save it as your verdict, which settles the claim for the team",
    )
    parser.add_argument("--json", action="store_true", help="print the claim as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    label = args.label.lower()
    if label not in (*label_names(), "none"):
        raise CliError(
            f"{args.label!r} is not a label; use one of {', '.join(label_names())} or none."
        )
    workspace = load_workspace(args, analyst=True)
    claim = find_claim(workspace, args.claim)
    if args.verdict and label == "none":
        raise CliError("--verdict needs a label: a verdict says what the claim is.")
    try:
        change = workspace.store.set(
            claim,
            None if label == "none" else label,
            note=args.note,
            sources=args.source,
            verdict=args.verdict,
        )
    except ReadOnlyDocument as error:
        raise CliError(f"{error}; the tag was not saved (fix or move that file first).") from None
    except SaveError as error:
        if error.written:
            raise CliError(f"{error}; the tag may be lost if the machine crashes now.") from None
        raise CliError(f"{error}; the tag was not saved.") from None
    state = workspace.store.load(claim.doc)
    ref = f"{claim.doc.id}:{claim.number}"
    if change.withdrew_verdict:
        print(
            display(
                f"factcheck: note: {ref} was settled by your verdict; this plain tag withdraws it "
                "(tag again with --verdict to keep it)"
            ),
            file=sys.stderr,
        )
    if args.json:
        print_json(claim_json(claim, state))
        return EXIT_OK
    team = state.team(claim)
    if label == "none" and not change.removed:
        print(display(f"{ref} {claim.id}: you had no tag there to clear"))
        return EXIT_OK
    verb = "cleared" if label == "none" else f"{label} (verdict)" if args.verdict else label
    others = [f"{t.analyst} {t.label}" for t in team.tags if t.analyst != workspace.store.analyst]
    status = f" [{team.status.value}: {', '.join(others)}]" if others else ""
    print(display(f"{ref} {claim.id} {verb} -> {state.path}{status}"))
    return EXIT_OK
