"""``factcheck add URL|FILE.html ...``: keep web articles (text and metadata) in the corpus."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import EXIT_OK, EXIT_USAGE, print_json
from tui.core.text import clean_line
from tui.core.web.add import AddError, add_page
from tui.core.workspace import DEFAULT_CORPUS


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "add",
        parents=[parent],
        help="fetch a web page (or read a saved one) and keep its article in the corpus",
        description="Fetch each URL (or read each saved .html file), keep the article's text as "
        "<corpus>/<id>.txt and its title, author, date, site and URL as <corpus>/<id>.toml, "
        "and print the id. The same text is never added twice.",
    )
    parser.add_argument("sources", nargs="+", metavar="URL|FILE.html")
    parser.add_argument("--json", action="store_true", help="print what was added as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = args.corpus or DEFAULT_CORPUS
    status = EXIT_OK
    rows = []
    for source in args.sources:
        try:
            added = add_page(source, corpus)
        except AddError as error:
            print(f"factcheck: {clean_line(str(error))}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        if args.json:
            rows.append(
                {
                    "source": source,
                    "doc": added.doc_id,
                    "file": str(added.path),
                    "new": added.new,
                    "title": added.article.title,
                }
            )
        else:
            note = "" if added.new else "\t(already in the corpus)"
            print(clean_line(added.doc_id) + note)
    if args.json:
        print_json(rows)
    return status
