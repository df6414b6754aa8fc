"""Downloading one web page, within limits, with a clear failure for every way it can go wrong.

``urllib`` only: a timeout on every socket operation, a byte limit read as the
body arrives (a missing or lying ``Content-Length`` cannot get past it), a
limit on redirects (a loop ends), a User-Agent that says who is asking, and
only ``http``/``https``. Every failure is a :class:`FetchError` whose message
is one sentence.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from tui import __version__

TIMEOUT = 20.0
"""Seconds any one network operation may take."""
MAX_BYTES = 10 * 1024 * 1024
"""A news page is far smaller; anything bigger is not an article."""
MAX_REDIRECTS = 5
USER_AGENT = f"factcheck/{__version__} (article import for fact-checking; Python urllib)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A page that could not be fetched; the message is one sentence."""


@dataclass(frozen=True)
class Page:
    url: str
    """Where the page was in the end (after redirects)."""
    content: bytes
    charset: str | None = None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url} is not an http or https address.")
    return url.strip()


def _content_type(headers: Message) -> tuple[str, str | None]:
    return headers.get_content_type().lower(), headers.get_content_charset()


Progress = Callable[[int, int | None], None]
"""Told the bytes received so far and the announced total (``None`` if unknown)."""


def _read_limited(response, url: str, limit: int, progress: Progress | None = None) -> bytes:
    length = response.headers.get("Content-Length")
    total = int(length) if length and length.isdigit() else None
    if total is not None and total > limit:
        raise FetchError(
            f"{url} is {int(length):,} bytes, over the {limit:,} byte limit for a page."
        )
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url} is over the {limit:,} byte limit for a page.")
        chunks.append(chunk)
        if progress is not None:
            progress(size, total)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    progress: Progress | None = None,
) -> Page:
    """GET ``url`` and return the HTML page it leads to; raise :class:`FetchError`."""
    url = check_url(url)
    handler = _Redirects()
    handler.max_redirections = max_redirects
    opener = urllib.request.build_opener(handler)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            kind, charset = _content_type(response.headers)
            if kind not in HTML_TYPES:
                raise FetchError(f"{url} is not a web page (the server sent {kind}).")
            content = _read_limited(response, url, max_bytes, progress)
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FetchError(
                f"{url} redirects too many times (more than {max_redirects})."
            ) from None
        reason = error.reason or "error"
        raise FetchError(f"{url} answered {error.code} {reason}.") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url} could not be reached ({_reason(error.reason)}).") from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
    except (OSError, ValueError, ssl.SSLError) as error:
        raise FetchError(f"{url} could not be read ({_reason(error)}).") from None
    if b"\x00" in content[:8192]:
        raise FetchError(f"{url} is not a web page (it holds binary data).")
    return Page(final, content, charset)


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    text = str(getattr(reason, "strerror", None) or reason).strip()
    return text.rstrip(".") or "unknown error"
