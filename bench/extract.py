"""How well ``factcheck add`` extracts the article of a real web page.

Scores the text our extraction (``tui.core.web.extract``: trafilatura) keeps
against the expected article text of Mozilla Readability's test pages
(``test/test-pages/*/source.html`` and ``expected.html``), word by word:
precision (how much of what we kept is article) and recall (how much of the
article we kept), counted over multisets of lowercase words. A naive baseline,
all the text of the page's body, shows what the extraction removes. Also: how
often the title, the date and the author agree with the expected metadata.

The pages are read from a local git mirror of mozilla/readability and never
copied into this repository:

    python bench/extract.py [--mirror PATH] [--limit N] [--all-languages]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.web.extract import NoArticle, extract

DEFAULT_MIRROR = Path("/work/.mirror/mozilla+readability/repo")
PAGES = "test/test-pages"
_WORD = re.compile(r"\w+")


@dataclass
class Score:
    kept: int = 0
    expected: int = 0
    overlap: int = 0

    def add(self, got: Counter[str], want: Counter[str]) -> None:
        self.kept += sum(got.values())
        self.expected += sum(want.values())
        self.overlap += sum((got & want).values())

    @property
    def precision(self) -> float:
        return self.overlap / self.kept if self.kept else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _git_dir(mirror: Path) -> str:
    return str(mirror / ".git") if (mirror / ".git").exists() else str(mirror)


def git_show(mirror: Path, path: str) -> bytes | None:
    result = subprocess.run(
        ["git", "--git-dir", _git_dir(mirror), "show", f"HEAD:{path}"],
        capture_output=True,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def page_names(mirror: Path) -> list[str]:
    result = subprocess.run(
        ["git", "--git-dir", _git_dir(mirror), "ls-tree", "--name-only", f"HEAD:{PAGES}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return sorted(result.stdout.split()) if result.returncode == 0 else []


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def html_text(html: bytes) -> str:
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(a.lower().split()) == " ".join(b.lower().split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--all-languages", action="store_true", help="not only English pages")
    parser.add_argument("--worst", type=int, default=5, help="list the N worst pages")
    args = parser.parse_args()
    names = page_names(args.mirror)
    if not names:
        print(
            f"No Readability test pages at {args.mirror}: fetch mozilla/readability there first "
            "(a git mirror); skipped."
        )
        return 0
    ours, baseline = Score(), Score()
    titles = dates = with_date = authors = with_author = pages = failed = 0
    per_page: list[tuple[float, float, str]] = []
    elapsed = 0.0
    for name in names:
        meta_raw = git_show(args.mirror, f"{PAGES}/{name}/expected-metadata.json")
        source = git_show(args.mirror, f"{PAGES}/{name}/source.html")
        expected = git_show(args.mirror, f"{PAGES}/{name}/expected.html")
        if not (meta_raw and source and expected):
            continue
        meta = json.loads(meta_raw)
        if not args.all_languages and not str(meta.get("lang") or "").lower().startswith("en"):
            continue
        pages += 1
        want = words(html_text(expected))
        start = time.process_time()
        try:
            article = extract(source, None, name)
            got = words(article.text)
        except NoArticle:
            article, got = None, Counter()
            failed += 1
        elapsed += time.process_time() - start
        ours.add(got, want)
        baseline.add(words(html_text(source)), want)
        one = Score()
        one.add(got, want)
        per_page.append((one.f1, one.recall, name))
        if article is not None:
            titles += same(article.title, meta.get("title"))
            if meta.get("publishedTime"):
                with_date += 1
                dates += bool(
                    article.published and meta["publishedTime"].startswith(str(article.published))
                )
            if meta.get("byline"):
                with_author += 1
                authors += bool(article.author and article.author.lower() in meta["byline"].lower())
        if args.limit and pages >= args.limit:
            break
    which = "all languages" if args.all_languages else "English"
    print(f"Readability test pages scored: {pages} ({which})")
    print(f"{'':24} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label, score in (("trafilatura (ours)", ours), ("whole body (baseline)", baseline)):
        print(f"{label:24} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}")
    print(f"no article found: {failed} of {pages} pages")
    print(f"title exactly as expected: {titles} of {pages}")
    print(f"author found in the expected byline: {authors} of {with_author} pages with a byline")
    print(f"published date as expected: {dates} of {with_date} pages with a date")
    print(f"extraction CPU time: {1000 * elapsed / max(pages, 1):.0f} ms a page")
    print("worst pages (F1, recall):")
    for f1, recall, name in sorted(per_page)[: args.worst]:
        print(f"  {name:40} {f1:.2f} {recall:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
