"""Pages render from the stored examples; article text is always inert."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def _first_event(client: TestClient) -> dict:  # type: ignore[type-arg]
    return client.get("/events", params={"limit": 1}).json()["events"][0]


def test_map_page(web_client: TestClient) -> None:
    resp = web_client.get("/")
    assert resp.status_code == 200 and 'id="map"' in resp.text
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert web_client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert web_client.get("/vendor/world-atlas/countries-50m.json").status_code == 200


def test_claims_board_lists_claimed_and_disputed(web_client: TestClient) -> None:
    resp = web_client.get("/claims")
    assert resp.status_code == 200
    statuses = set(re.findall(r'class="status status-(\w+)"', resp.text))
    assert statuses and statuses <= {"claimed", "disputed"}


def test_event_page(web_client: TestClient) -> None:
    e = _first_event(web_client)
    resp = web_client.get(f"/event/{e['event_id']}")
    assert resp.status_code == 200
    assert 'class="sentence"' in resp.text and 'class="trigger"' in resp.text
    assert f"/article/{e['mentions'][0]['article_id']}" in resp.text
    assert web_client.get("/event/nope").status_code == 404


def test_article_page_links_events(web_client: TestClient) -> None:
    e = _first_event(web_client)
    resp = web_client.get(f"/article/{e['mentions'][0]['article_id']}")
    assert resp.status_code == 200
    assert f'href="/event/{e["event_id"]}"' in resp.text
    assert 'class="hl place' in resp.text


def test_hostile_article_is_escaped(web_client: TestClient) -> None:
    listing = web_client.get("/sources").text
    aid = re.search(r'href="/article/(\w+)">&lt;script&gt;', listing)
    assert aid, "the hostile article is listed with its title escaped"
    page = web_client.get(f"/article/{aid.group(1)}").text
    assert "<script>window" not in page and "&lt;script&gt;window.__pwned" in page
    assert "<img" not in page and 'href="javascript:' not in page
    assert "&lt;b&gt;Hostile&lt;/b&gt;" in page
