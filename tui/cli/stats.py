"""``factcheck stats``: progress per document and label, and anchor health."""

from __future__ import annotations

import argparse
from collections import Counter

from tui.cli.common import EXIT_OK, load_workspace, print_json
from tui.core.anchoring import Anchor
from tui.core.display import display
from tui.core.labels import label_names
from tui.core.stats import corpus_stats
from tui.core.team_progress import progress_lines, team_progress


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "stats", parents=[parent], help="per document and label, and anchor health"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = load_workspace(args)
    stats = corpus_stats(workspace)
    if args.json:
        print_json(
            {
                "documents": [s.to_json() for s in stats],
                "claims": sum(s.claims for s in stats),
                "reviewed": sum(s.reviewed for s in stats),
                "analysts": dict(sum((s.analysts for s in stats), Counter())),
                "agreement": team_progress(workspace, stats).agreement.to_json(),
                "warnings": workspace.corpus.warnings,
            }
        )
        return EXIT_OK
    header = [
        "doc",
        "claims",
        "reviewed",
        "%",
        *label_names(),
        "contested",
        *(a.value for a in Anchor),
    ]
    rows = [
        [
            display(s.doc_id),
            s.claims,
            s.reviewed,
            f"{s.percent:.0f}",
            *(s.labels.get(label, 0) for label in label_names()),
            s.contested,
            *(s.anchors.get(a.value, 0) for a in Anchor),
        ]
        for s in stats
    ]
    total_claims = sum(s.claims for s in stats)
    total_reviewed = sum(s.reviewed for s in stats)
    pct = 100 * total_reviewed / total_claims if total_claims else 0
    rows.append(
        [
            "total",
            total_claims,
            total_reviewed,
            f"{pct:.0f}",
            *(sum(s.labels.get(label, 0) for s in stats) for label in label_names()),
            sum(s.contested for s in stats),
            *(sum(s.anchors.get(a.value, 0) for s in stats) for a in Anchor),
        ]
    )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(
            "  ".join(
                str(v).rjust(w) if i else str(v).ljust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    # The same progress as the reader's dashboard: bars, analysts, agreement.
    print()
    for line in progress_lines(team_progress(workspace, stats), documents=0):
        print(display(line))
    for s in stats:
        notes = []
        if s.error:
            notes.append(f"{s.doc_id}: read-only, {s.error}")
        notes += [f"{s.doc_id}: tags not shown, {warning}" for warning in s.warnings]
        if s.changed:
            notes.append(
                f"{s.doc_id}: the article changed since it was annotated; tags were re-anchored"
            )
        notes += [
            f"{s.doc_id}: orphan {o['label']} {o['id'] or ''}: {str(o['quote'])[:100]}"
            for o in s.orphans
        ]
        for note in notes:  # ids, quotes and errors come from files: no escapes reach the terminal
            print(f"\n{display(note)}")
    return EXIT_OK
