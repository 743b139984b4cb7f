"""The token rule for writes, loopback-only reads, and the body size limit."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.helpers import TOKEN, settings
from sitrep.api import create_app
from sitrep.config import Settings

LOCAL = ("127.0.0.1", 50000)
REMOTE = ("203.0.113.7", 50000)


def test_writes_need_the_token(synth_client: TestClient) -> None:
    body = {"text": "x"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        resp = synth_client.post("/articles", json=body, headers=headers)
        assert resp.status_code == 401
        assert resp.json()["error"]["type"] == "unauthorized"
        assert resp.headers["www-authenticate"] == "Bearer"


def test_with_the_token_the_request_reaches_the_route(synth_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    resp = synth_client.post("/articles", json={"url": "ftp://x"}, headers=auth)
    assert resp.status_code == 400 and "http(s)" in resp.json()["error"]["message"]
    resp = synth_client.post("/articles", json={}, headers=auth)
    assert resp.status_code == 400
    resp = synth_client.post("/articles", content=b"not json", headers=auth)
    assert resp.status_code == 422


def test_no_token_configured_refuses_every_write(synth_db: Path) -> None:
    with TestClient(create_app(Settings(), synth_db), client=LOCAL) as client:
        resp = client.post("/articles", json={}, headers={"Authorization": "Bearer "})
        assert resp.status_code == 401 and "no api.token" in resp.json()["error"]["message"]


def test_reads_are_loopback_only_unless_allowed(synth_db: Path) -> None:
    with TestClient(create_app(settings(), synth_db), client=REMOTE) as client:
        resp = client.get("/events")
        assert resp.status_code == 403 and resp.json()["error"]["type"] == "forbidden"
    open_reads = settings(allow_remote_reads=True)
    with TestClient(create_app(open_reads, synth_db), client=REMOTE) as client:
        assert client.get("/events").status_code == 200


def test_body_size_is_bounded(synth_db: Path) -> None:
    small = settings(max_body_bytes=1000)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(small, synth_db), client=LOCAL) as client:
        resp = client.post("/articles", json={"text": "x" * 5000}, headers=auth)
        assert resp.status_code == 413 and resp.json()["error"]["type"] == "too_large"

        def chunks():  # no Content-Length: counted while read
            for _ in range(10):
                yield b"x" * 500

        resp = client.post("/articles", content=chunks(), headers=auth)
        assert resp.status_code == 413
