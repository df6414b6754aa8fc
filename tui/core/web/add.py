"""``factcheck add``: a web page (fetched, or saved as a file) becomes a document of the corpus.

The article's text goes to ``<corpus>/<id>.txt`` and its metadata to
``<corpus>/<id>.toml`` (docs/format.md, "Adding web pages"). The id is read
from the title (or the URL) plus a short hash of the text, so the same text
always gets the same id and is never added twice. A failed add writes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tui.core import metadata
from tui.core.atomic import write_atomic
from tui.core.web.extract import Article, NoArticle, extract
from tui.core.web.fetch import MAX_BYTES, FetchError, Page, fetch

SLUG_MAX = 48
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class AddError(Exception):
    """An add that did not happen; the message is one sentence."""


@dataclass(frozen=True)
class Added:
    doc_id: str
    path: Path
    new: bool
    """False when the same text was already in the corpus (``path`` is that document)."""
    article: Article


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source.strip(), re.IGNORECASE))


def slug(text: str) -> str:
    """Lowercase ASCII words joined by ``-``, at most ``SLUG_MAX`` characters, cut at a word."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in _NOT_SLUG.split(folded) if w]
    out = ""
    for word in words:
        if len(out) + len(word) + (1 if out else 0) > SLUG_MAX:
            break
        out = f"{out}-{word}" if out else word
    return out or (words[0][:SLUG_MAX] if words else "")


def _url_words(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1]) if segments else ""
    return last or (parts.hostname or "")


def document_id(article: Article) -> str:
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:8]
    name = slug(article.title or "") or slug(_url_words(article.url)) or "page"
    return f"{name}-{digest}"


def read_page(source: str, fetcher: Callable[[str], Page] = fetch) -> tuple[Page, str]:
    """The page's bytes, from the web or from a saved file, and a name for messages."""
    if is_url(source):
        return fetcher(source), source
    if re.match(r"^[a-z][a-z0-9+.-]*://", source.strip(), re.IGNORECASE):
        raise AddError(f"{source} is not an http or https address.")
    path = Path(source)
    if not path.is_file():
        what = "a folder" if path.is_dir() else "neither a web address nor a file"
        raise AddError(f"{source} is {what}; give an http(s) address or a saved .html page.")
    try:
        with open(path, "rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise AddError(f"{source} cannot be read ({error.strerror or error}).") from None
    if len(content) > MAX_BYTES:
        raise AddError(f"{source} is over the {MAX_BYTES:,} byte limit for a page.")
    if b"\x00" in content[:8192]:
        raise AddError(f"{source} is not a web page (it holds binary data).")
    if path.suffix.lower() not in HTML_SUFFIXES and b"<" not in content[:4096]:
        raise AddError(f"{source} is not a saved web page (no HTML in it).")
    return Page("", content), path.name


def _html(page: Page) -> bytes | str:
    """Decoded with the charset the server declared; else trafilatura detects it."""
    if page.charset:
        try:
            return page.content.decode(page.charset, errors="replace")
        except LookupError:
            pass
    return page.content


def _same_text(corpus: Path, text: bytes) -> Path | None:
    """An article already in ``corpus`` with exactly this text (sizes compared first)."""
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith((".txt", ".md")) or name.startswith("."):
                continue
            path = Path(folder) / name
            with contextlib.suppress(OSError):
                if path.stat().st_size == len(text) and path.read_bytes() == text:
                    return path
    return None


def add_page(
    source: str,
    corpus: Path,
    *,
    fetcher: Callable[[str], Page] = fetch,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Added:
    """Fetch or read ``source``, keep its article in ``corpus``; raise :class:`AddError`."""
    try:
        page, name = read_page(source, fetcher)
        article = extract(_html(page), page.url or None, name)
    except (FetchError, NoArticle) as error:
        raise AddError(str(error)) from None
    if article.url is None and page.url:
        article = replace(article, url=page.url)
    text = article.text.encode("utf-8")
    doc_id = document_id(article)
    if existing := _same_text(corpus, text):
        return Added(existing.stem, existing, False, article)
    meta = article.metadata()
    if is_url(source):
        meta.fetched = clock().replace(microsecond=0)
    text_path = corpus / f"{doc_id}.txt"
    meta_path = metadata.path_for(text_path)
    if meta_path.exists():
        raise AddError(f"{meta_path} already exists without its article; move it away first.")
    written: list[Path] = []
    try:
        corpus.mkdir(parents=True, exist_ok=True)
        metadata.write_new(meta_path, meta)
        written.append(meta_path)
        write_atomic(text_path, text)
        written.append(text_path)
    except OSError as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise AddError(f"{text_path} could not be written ({error.strerror or error}).") from None
    return Added(doc_id, text_path, True, article)
