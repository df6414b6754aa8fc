"""Markdown articles: markup characters left in claims, read as plain text vs rendered.

A claim "has markup" when it holds a heading mark, emphasis, a link or image
bracket, a backtick or a quotation mark at a line start. Both ways segment the
same file as the corpus loader does; rendered is what ``.md`` files get
(``tui.core.rendered.markdown_text``).

    python bench/markdown.py [FILE.md ...]     (default: the repository's own Markdown)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.core.blocks import split_blocks  # noqa: E402
from tui.core.claims import build_claims  # noqa: E402
from tui.core.model import Document  # noqa: E402
from tui.core.rendered import markdown_text  # noqa: E402
from tui.core.text import decode  # noqa: E402

MARKUP = re.compile(r"^#{1,6}\s|\*\*|(?<!\w)[*_]\w|\w[*_](?!\w)|\]\(|!\[|`|^>\s|^[-*+]\s")


def claims(text: str) -> list[str]:
    doc = Document("bench", Path("bench.md"), text, "")
    doc.blocks = list(split_blocks(text))
    return [c.text for c in build_claims(doc)]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(REPO.glob("*.md")) + sorted(REPO.glob("docs/*.md"))
    print(
        f"{'file':<28} {'plain claims':>12} {'with markup':>11} {'rendered':>9} {'with markup':>11}"
    )
    seconds = 0.0
    for path in paths:
        source = decode(path.read_bytes(), path.name).text
        plain = claims(source)
        start = time.perf_counter()
        rendered_text = markdown_text(source)
        seconds += time.perf_counter() - start
        rendered = claims(rendered_text)
        print(
            f"{path.name:<28} {len(plain):>12} {sum(bool(MARKUP.search(c)) for c in plain):>11} "
            f"{len(rendered):>9} {sum(bool(MARKUP.search(c)) for c in rendered):>11}"
        )
    print(f"rendering: {1000 * seconds / max(len(paths), 1):.1f} ms a file")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
