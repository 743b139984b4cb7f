"""Shared by the API, web and export tests: databases to serve, and a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from sitrep.config import ApiSettings, IngestSettings, Settings
from sitrep.storage.db import open_db, write_batch
from sitrep.storage.web_queries import synthesise_events

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOKEN = "test-token-123"

HOSTILE_TEXT = (
    "KYIV, March 3 (Hostile Wire) - <script>window.__pwned = 1; alert('x')</script> "
    "Russian forces shelled the town of Sudzha on Monday, the governor said. <img src=x "
    'onerror="window.__pwned = 2"> <a href="javascript:window.__pwned=3">click</a> '
    + "A" * 5000
    + " Ukraine's army said it repelled the assault near Kharkiv."
)


def settings(**api: Any) -> Settings:
    """Settings for tests: a token set, everything else default."""
    return Settings(api=ApiSettings(token=TOKEN, **api))


def make_synth_db(path: Path, n: int = 300) -> Path:
    """A database of `n` synthetic events (no model needed)."""
    con = open_db(path)
    synthesise_events(con, n)
    con.close()
    return path


def ingest_examples(path: Path, resources: Any, extra: list[Any] | None = None) -> Path:
    """A database with the bundled examples (and `extra` Articles) ingested as the CLI does."""
    from sitrep.ingest import load_source, plan_sources
    from sitrep.model import Analysis, Article
    from sitrep.pipeline import analyse

    articles: list[Article] = list(extra or [])
    for source in plan_sources([str(EXAMPLES)]):
        articles += [
            i for i in load_source(source, settings=IngestSettings()) if isinstance(i, Article)
        ]
    analyses = [a for a in analyse(articles, resources) if isinstance(a, Analysis)]
    con = open_db(path)
    write_batch(con, analyses, [], analysed_with=resources.analysed_with)
    con.close()
    return path


def hostile_article() -> Any:
    """An Article whose text and URL try to run script."""
    import datetime as dt

    from sitrep.ingest import ArticleMeta
    from sitrep.ingest.build import build_article

    meta = ArticleMeta(
        published=dt.date(2025, 3, 3),
        outlet="<b>Hostile</b> Wire",
        url="javascript:window.__pwned=4",
        title="<script>window.__pwned=5</script>Hostile",
    )
    return build_article(
        HOSTILE_TEXT, meta=meta, settings=IngestSettings(), source="hostile", input_id="hostile"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 on a free port in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
