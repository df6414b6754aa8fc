"""The article in a web page: its text and metadata, by trafilatura.

trafilatura (Apache-2.0) was chosen by measurement: ``bench/extract.py`` scores
its text against the expected article text of Mozilla Readability's test pages.
It drops navigation, footers and (asked to) reader comments, and reads the
title, author, date, site and canonical URL from the page's own metadata.
Imported only when a page is read: it costs a start-up a quarter of a second.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from tui.core.metadata import Author, Metadata, parse_date, safe_url
from tui.core.text import strip_controls

MIN_WORDS = 30
"""Fewer words than this is not an article (a login wall, an index page, an error page)."""
_BLANKS = re.compile(r"[ \t\u00a0]+")


class NoArticle(Exception):
    """A page without an article in it; the message is one sentence."""


@dataclass(frozen=True)
class Article:
    text: str
    """Title first, then one paragraph (or heading, or list item) per line, blank lines between."""
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None

    def metadata(self) -> Metadata:
        return Metadata(
            url=self.url,
            title=self.title,
            author=Author(self.author) if self.author else None,
            published=self.published,
            site=self.site,
        )


def _clean(line: str) -> str:
    return _BLANKS.sub(" ", strip_controls(line).replace("\t", " ")).strip()


def _text(body: str, title: str | None) -> str:
    lines = [line for line in (_clean(raw) for raw in body.split("\n")) if line]
    if title and (not lines or lines[0].casefold() != title.casefold()):
        lines.insert(0, title)
    return "\n\n".join(lines) + "\n" if lines else ""


def extract(html: bytes | str, url: str | None = None, name: str = "the page") -> Article:
    """The article of one HTML page; raise :class:`NoArticle` if there is none."""
    import trafilatura  # a quarter of a second at start-up: only when a page is read

    for logger in ("trafilatura", "htmldate", "courlan", "justext"):
        # Their warnings ("discarding data") would reach the terminal; our message says it.
        logging.getLogger(logger).setLevel(logging.ERROR)
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
    except (ValueError, TypeError, AttributeError) as error:  # a page lxml cannot parse at all
        raise NoArticle(f"{name} could not be read as HTML ({error}).") from None
    if found is None or not (found.text or "").strip():
        raise NoArticle(f"No article text was found in {name}.")
    title = _clean(found.title) if found.title else None
    text = _text(found.text, title)
    count = len(text.split())
    if count < MIN_WORDS:
        what = "1 word" if count == 1 else f"{count} words"
        raise NoArticle(f"No article was found in {name} (only {what} of text).")
    return Article(
        text=text,
        title=title or None,
        author=_clean(found.author) if found.author else None,
        published=parse_date(found.date),
        site=_clean(found.sitename) if found.sitename else None,
        url=safe_url(found.url) or safe_url(url),
    )
