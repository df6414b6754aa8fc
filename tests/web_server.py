"""A local web server for the ``factcheck add`` tests: 127.0.0.1 only, real HTTP over a socket."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

DATA = Path(__file__).parent / "data"
PAGES = {
    "/news/2026/11/bridge-toll-figures": "news_article.html",
    "/blog/heat-pump-claims": "blog_post.html",
}
INDEX = b"<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav><p>Welcome.</p></body></html>"
BIG = 2 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        # The client may give up (a timeout, a size limit): as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?", 1)[0]
        if path in PAGES:
            self._send(200, (DATA / PAGES[path]).read_bytes())
        elif path == "/moved":
            self._redirect("/news/2026/11/bridge-toll-figures")
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7\n\x00\x01\x02binary", "application/pdf")
        elif path == "/mislabelled":
            self._send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
        elif path == "/index":
            self._send(200, INDEX)
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * (BIG // 5) + b"</p>")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the body just keeps coming
            for _ in range(BIG // 65536 + 2):
                self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, (DATA / "news_article.html").read_bytes())
        else:
            self._send(404, b"<html><body><h1>Not Found</h1></body></html>")


@contextmanager
def serve() -> Iterator[str]:
    """Serve the pages; yields the base URL (``http://127.0.0.1:PORT``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
