"""What every subcommand shares: options, errors, loading, and claim output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.core.corpus import CorpusError
from tui.core.display import display, json_escape
from tui.core.model import Claim, Document
from tui.core.progress import plural
from tui.core.store import DocumentAnnotations
from tui.core.workspace import DEFAULT_CORPUS, Workspace, open_workspace

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report as one sentence on stderr, with an exit status."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        # Messages quote file names and ids, which may hold escape sequences.
        super().__init__(display(message))
        self.status = status


def positive_int(value: str) -> int:
    """An argparse type for counts such as ``--limit``."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def shared_options() -> argparse.ArgumentParser:
    """Options every subcommand takes (docs/format.md, "Command line")."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--corpus", type=Path, default=None, metavar="DIR", help="corpus folder (default: ./seeds)"
    )
    parent.add_argument(
        "--annotations",
        type=Path,
        default=None,
        metavar="DIR",
        help="annotation folder (default: annotations/ beside the corpus)",
    )
    parent.add_argument(
        "--analyst", default=None, help="your name on new tags (default: $FACTCHECK_ANALYST, git)"
    )
    return parent


def configured_analyst() -> str:
    """The config file's analyst; a bad config file is a warning, never a stop."""
    from tui.core.config import load_config  # only for a command that tags

    config = load_config()
    if config.error:
        print(f"factcheck: warning: {display(config.error)}", file=sys.stderr)
    return config.analyst


def _analyst(args: argparse.Namespace) -> str:
    from tui.core.analyst import resolve_analyst

    return resolve_analyst(args.analyst, configured_analyst())


def load_workspace(args: argparse.Namespace, *, analyst: bool = False) -> Workspace:
    corpus = args.corpus or DEFAULT_CORPUS
    try:
        workspace = open_workspace(
            [corpus],
            annotations=args.annotations,
            analyst=_analyst(args) if analyst else "",
        )
    except CorpusError as error:
        raise CliError(f"{error}.") from None
    for warning in workspace.corpus.warnings:
        print(f"factcheck: warning: {display(warning)}", file=sys.stderr)
    return workspace


def find_document(workspace: Workspace, ref: str) -> Document:
    matches = workspace.corpus.find(ref)
    if not matches:
        raise CliError(f"No document matches {ref!r} in {workspace.corpus.roots[0]}.")
    if len(matches) > 1:
        names = ", ".join(doc.id for doc in matches[:5])
        raise CliError(f"{ref!r} matches several documents ({names}); give more of the id.")
    return matches[0]


def find_claim(workspace: Workspace, ref: str) -> Claim:
    """Resolve ``DOC:CLAIM`` (a claim id or its 1-based number)."""
    doc_ref, sep, claim_ref = ref.rpartition(":")
    if not sep or not doc_ref or not claim_ref:
        raise CliError(f"{ref!r} is not DOC:CLAIM (for example 000:3 or 000:c3f9a01b).")
    doc = find_document(workspace, doc_ref)
    claim = doc.claim(claim_ref)
    if claim is None:
        raise CliError(
            f"{doc.id} has no claim {claim_ref!r} (it has {plural(len(doc.claims), 'claim')})."
        )
    return claim


def claim_json(claim: Claim, state: DocumentAnnotations | None, **extra: Any) -> dict[str, Any]:
    """The JSON object docs/format.md promises for a claim.

    ``label`` is the team's (the verdict's, else the agreed one, else null);
    ``labels`` and ``tags`` give every analyst's; ``note`` and ``anchor`` are
    those of the record that speaks for the claim (yours, else the verdict's,
    else the newest).
    """
    anchored = state.get(claim) if state else None
    record = anchored.record if anchored else None
    team = state.team(claim) if state else None
    return {
        "doc": claim.doc.id,
        "id": claim.id,
        "number": claim.number,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind.value,
        "text": claim.text,
        "label": team.label if team else None,
        "status": team.status.value if team else "unreviewed",
        "labels": team.labels if team else {},
        "note": record.note if record and record.note else None,
        "anchor": anchored.status.value if anchored else None,
        "tags": [tag.to_json() for tag in team.tags] if team else [],
        **extra,
    }


def print_json(data: Any) -> None:
    """Indented JSON; invisible and C1 characters as ``\\u`` escapes (docs/format.md)."""
    import json  # only for --json: a one-shot search prints lines (~1.5 ms to import)

    sys.stdout.write(json_escape(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def print_json_rows(rows: Iterable[Any]) -> int:
    """Print one JSON array, an object per line, as the rows come; return how many.

    Unlike ``print_json`` this never holds the whole array, and it uses the C
    encoder (``indent`` would force the pure-Python one): ``claims --json`` on
    5,000 articles would otherwise take 11 s and 430 MB.
    """
    import json  # only for --json (see print_json)

    count = 0
    write = sys.stdout.write
    for row in rows:
        write(",\n  " if count else "[\n  ")
        write(json_escape(json.dumps(row, ensure_ascii=False)))
        count += 1
    write("\n]\n" if count else "[]\n")
    return count
