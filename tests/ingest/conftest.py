"""Fixtures for ingest tests: short hand-written articles and a local HTTP server."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest
from ingest_samples import ARTICLE_TEXT, PAGE2_HTML, PAGE_HTML, Server

from sitrep.config import IngestSettings


@pytest.fixture
def settings() -> IngestSettings:
    return IngestSettings(timeout_s=2.0, max_feed_items=10)


def _rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontline Wire — World</title>
<link>{base}/</link><description>World news</description>
<item><title>Ukraine says troops pulled back from Sudzha</title>
<link>{base}/article</link><pubDate>Thu, 13 Mar 2025 07:30:00 +0000</pubDate></item>
<item><title>Gone missing</title>
<link>{base}/missing</link><pubDate>Wed, 12 Mar 2025 18:00:00 +0000</pubDate></item>
<item><title>Ministers meet in Riyadh</title>
<link>{base}/article2</link><pubDate>Tue, 11 Mar 2025 12:00:00 GMT</pubDate></item>
</channel></rss>
"""


def _atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Diplomatic Notes</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><updated>2025-03-11T12:00:00Z</updated>
<entry><title>Riyadh talks on Black Sea truce</title><link href="{base}/article2"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<published>2025-03-11T12:00:00Z</published><updated>2025-03-11T12:00:00Z</updated></entry>
</feed>
"""


def _routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    """path → (status, content type, body)."""
    html = "text/html; charset=utf-8"
    return {
        "/article": (200, html, PAGE_HTML.encode()),
        "/article2": (200, html, PAGE2_HTML.encode()),
        "/rss": (200, "application/rss+xml", _rss(base).encode()),
        "/rss-as-text": (200, "text/plain", _rss(base).encode()),
        "/atom": (200, "application/atom+xml", _atom(base).encode()),
        "/broken-feed": (200, "application/rss+xml", b"this is not a feed { at all"),
        "/error": (500, "text/plain", b"internal error"),
        "/plain": (200, "text/plain; charset=utf-8", ARTICLE_TEXT.encode()),
        "/tiny": (200, html, b"<html><body><p>Too short.</p></body></html>"),
        "/redirect": (302, "text/plain", b""),
    }


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/slow":
            time.sleep(1.0)
        if path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(path, (404, "text/plain", b"not found"))
        if path == "/slow":
            status, ctype, body = self.routes["/article"]
        self.server.seen_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.seen_agents = []  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = _routes(base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(base, httpd.seen_agents)  # type: ignore[attr-defined]
    finally:
        httpd.shutdown()
        httpd.server_close()
