"""Article files that are not plain text, read as the text a reader of them sees.

The document text of such a file (the text every offset counts in, see
docs/format.md "HTML and Markdown files") is its *rendered* text, one block
per line with a blank line between:

* Markdown (``.md``): headings, paragraphs, list items and quotations keep
  their words; emphasis, link and heading marks, list bullets and images go,
  as do code blocks, HTML blocks and rules. A link reads as its text.
* HTML (``.html``, ``.htm``): the article, as ``factcheck add`` extracts it
  (site furniture, captions and comments left out). Extraction is slow, so its
  result is kept in the cache, keyed by the file's bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from tui.core.text import UnreadableText

_DROPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr"})
_FORMAT = 1


class NotAnArticle(UnreadableText):
    """An HTML file in which no article was found (the message names ``factcheck add``)."""


@cache
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_text(source: str) -> str:
    """The rendered text of a Markdown document: one block per line, blank lines between."""
    lines: list[str] = []
    for token in _markdown_parser().parse(source):
        if token.type in _DROPPED_BLOCKS or token.type != "inline":
            continue
        words = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        line = " ".join("".join(words).split())
        if line:
            lines.append(line)
    return "\n\n".join(lines) + "\n" if lines else ""


@cache
def _code_key() -> str:
    """Versions and code the rendering depends on: change one and old entries are not read."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"format {_FORMAT}".encode())
    for package in ("markdown-it-py", "trafilatura"):
        try:
            digest.update(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    for module in (__file__, str(Path(__file__).parent / "web" / "extract.py")):
        with contextlib.suppress(OSError):
            digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def _cached(kind: str, data: bytes, make: Callable[[], str]) -> str:
    """``make()``, kept in the cache under the hash of ``data`` (a slow rendering is done once)."""
    if os.environ.get("FACTCHECK_CACHE", "1").strip().lower() in ("0", "off", "no", "false"):
        return make()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    entry = Path(base) / "factcheck" / f"{kind}-{_code_key()}" / hashlib.sha256(data).hexdigest()
    try:
        return entry.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = make()
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:  # the cache is an optimisation only: any failure just means no entry
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, "utf-8")
        os.replace(tmp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return text


def read_markdown(source: str) -> str:
    """:func:`markdown_text`, from the cache when this text was rendered before."""
    return _cached(
        "markdown", source.encode("utf-8", "surrogatepass"), lambda: markdown_text(source)
    )


def html_text(data: bytes, name: str) -> str:
    """The article text of a saved web page; raise :class:`NotAnArticle` if there is none."""
    from tui.core.web.extract import NoArticle, extract

    def make() -> str:
        try:
            return extract(data, None, name).text
        except NoArticle as error:
            reason = str(error).rstrip(".")
            raise NotAnArticle(f"{reason}, read as `factcheck add` reads web pages") from None

    return _cached("extracted", data, make)
