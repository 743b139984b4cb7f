"""POST /articles with the real pipeline, and the single-writer rule between server and CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.helpers import TOKEN, live_server, make_synth_db, settings
from sitrep.api import create_app
from sitrep.storage.web_queries import events_by_ids

pytestmark = pytest.mark.slow
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = (
    "KYIV, March 14 (Example Wire) - Russia's defence ministry said on Thursday its forces had "
    "captured the village of Kurakhove in Donetsk region. Ukraine's general staff denied the "
    "claim, saying fighting continued on the outskirts."
)


def test_post_text_stores_and_returns_findings(examples_client: TestClient) -> None:
    body = {"text": STORY, "published": "2025-03-14", "outlet": "Example Wire"}
    resp = examples_client.post("/articles", json=body, headers=AUTH)
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["stored"] == 1 and not data["failures"]
    article = data["articles"][0]
    assert article["mentions"] and article["places"] and not article["known"]
    stored = examples_client.get(f"/articles/{article['article_id']}").json()
    assert stored["text"].startswith("KYIV")
    again = examples_client.post("/articles", json=body, headers=AUTH).json()
    assert again["stored"] == 0 and again["articles"][0]["known"]


def test_post_too_short_is_a_failure_not_an_error(examples_client: TestClient) -> None:
    resp = examples_client.post("/articles", json={"text": "short"}, headers=AUTH)
    assert resp.status_code == 201
    assert resp.json()["failures"][0]["reason"].startswith("too short")


def test_batched_events_equal_get_event(examples_client: TestClient, examples_db: Path) -> None:
    from sitrep.storage.queries import get_event

    con = examples_client.app.state.store.connection()  # type: ignore[attr-defined]
    ids = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()]
    assert ids and events_by_ids(con, ids) == [get_event(con, i) for i in ids]


def test_ingest_while_serving_says_why(tmp_path: Path, resources: Any) -> None:
    db = make_synth_db(tmp_path / "busy.duckdb", n=10)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with live_server(create_app(settings(), db, resources=resources)):
        done = subprocess.run(
            [str(Path(sys.executable).parent / "sitrep"), "ingest", str(story), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert "locked by another process" in done.stderr and "sitrep serve" in done.stderr
