"""Every read route over a synthetic database: shapes, filters, paging, sorting, bbox."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _error(resp: object, status: int) -> dict[str, str]:
    assert resp.status_code == status, resp.text  # type: ignore[attr-defined]
    body = resp.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    return dict(body["error"])


def test_events_first_page(synth_client: TestClient) -> None:
    body = synth_client.get("/events", params={"limit": 5}).json()
    assert body["total"] == 300 and body["limit"] == 5 and len(body["events"]) == 5
    e = body["events"][0]
    for key in ("event_id", "event_type", "status", "claims", "history", "mentions", "place"):
        assert key in e


def test_events_paging_is_stable_and_disjoint(synth_client: TestClient) -> None:
    a = synth_client.get("/events", params={"limit": 10, "offset": 0}).json()["events"]
    b = synth_client.get("/events", params={"limit": 10, "offset": 10}).json()["events"]
    assert not {e["event_id"] for e in a} & {e["event_id"] for e in b}


def test_events_filters(synth_client: TestClient) -> None:
    assault = synth_client.get("/events", params={"type": "ASSAULT", "limit": 500}).json()
    assert assault["total"] > 0
    assert all(e["event_type"] == "ASSAULT" for e in assault["events"])
    claimed = synth_client.get("/events", params={"status": ["claimed", "disputed"]}).json()
    assert all(e["status"] in {"claimed", "disputed"} for e in claimed["events"])
    ukr = synth_client.get("/events", params={"country": "UKR", "limit": 500}).json()
    assert ukr["total"] > 0 and all(e["place"]["country"] == "UKR" for e in ukr["events"])
    actor = synth_client.get("/events", params={"actor": "army rus"}).json()
    assert actor["total"] > 0
    place = synth_client.get("/events", params={"place": "Place 7"}).json()
    assert place["total"] > 0
    dated = synth_client.get("/events", params={"since": "2025-01-01", "until": "2025-01-31"})
    for e in dated.json()["events"]:
        assert "2025-01-01" <= e["when"]["start"] <= "2025-01-31"


def test_events_near_and_bbox(synth_client: TestClient) -> None:
    near = synth_client.get("/events", params={"lat": 40, "lon": 35, "radius_km": 500}).json()
    assert near["total"] > 0
    box = synth_client.get("/events", params={"bbox": "30,35,40,45", "limit": 500}).json()
    assert box["total"] > 0
    for e in box["events"]:
        assert 35 <= e["place"]["lat"] <= 45 and 30 <= e["place"]["lon"] <= 40


def test_events_sorting(synth_client: TestClient) -> None:
    by_date = synth_client.get("/events", params={"sort": "date", "limit": 50}).json()["events"]
    days = [e["when"]["start"] for e in by_date]
    assert days == sorted(days, reverse=True)
    assert synth_client.get("/events", params={"sort": "mentions"}).status_code == 200
    _error(synth_client.get("/events", params={"sort": "nonsense"}), 422)


def test_bad_parameters_give_the_error_shape(synth_client: TestClient) -> None:
    _error(synth_client.get("/events", params={"since": "yesterday"}), 422)
    _error(synth_client.get("/events", params={"status": "rumoured"}), 422)
    _error(synth_client.get("/events", params={"bbox": "1,2,3"}), 400)
    _error(synth_client.get("/events", params={"bbox": "40,0,30,10"}), 400)
    _error(synth_client.get("/events", params={"radius_km": 10}), 400)
    _error(synth_client.get("/events", params={"limit": -1}), 422)


def test_page_size_is_bounded(synth_client: TestClient) -> None:
    err = _error(synth_client.get("/events", params={"limit": 501}), 422)
    assert "max_page_size" in err["message"]
    assert synth_client.get("/events", params={"limit": 500}).status_code == 200


def test_one_event(synth_client: TestClient) -> None:
    eid = synth_client.get("/events", params={"limit": 1}).json()["events"][0]["event_id"]
    e = synth_client.get(f"/events/{eid}").json()
    assert e["event_id"] == eid and e["history"] and e["mentions"] and e["claims"]
    assert _error(synth_client.get("/events/nope"), 404)["type"] == "not_found"


def test_one_article(synth_client: TestClient) -> None:
    e = synth_client.get("/events", params={"limit": 1}).json()["events"][0]
    aid = e["mentions"][0]["article_id"]
    a = synth_client.get(f"/articles/{aid}").json()
    assert a["article_id"] == aid and a["text"] and a["mentions"]
    for key in ("places", "times", "quotes", "attributions"):
        assert isinstance(a[key], list)
    _error(synth_client.get("/articles/nope"), 404)


def test_stats(synth_client: TestClient) -> None:
    s = synth_client.get("/stats").json()
    assert s["events"] == 300
    assert sum(s["by_status"].values()) == 300 == sum(s["by_type"].values())
    assert sum(s["by_country"].values()) == 300 == sum(s["by_day"].values())


def test_map_cells_cluster(synth_client: TestClient) -> None:
    world = synth_client.get("/map/cells", params={"zoom": 1}).json()
    assert world["events"] == 300 and len(world["cells"]) < 300
    assert sum(c["n"] for c in world["cells"]) == 300
    close = synth_client.get("/map/cells", params={"zoom": 12}).json()
    singles = [c for c in close["cells"] if c["n"] == 1]
    assert singles and all(c["event_id"] for c in singles)
    filtered = synth_client.get("/map/cells", params={"zoom": 1, "status": "denied"}).json()
    assert all(set(c["by_status"]) == {"denied"} for c in filtered["cells"])


def test_timeline(synth_client: TestClient) -> None:
    by_status = synth_client.get("/timeline", params={"by": "status"}).json()
    assert by_status["by"] == "status"
    assert sum(d["n"] for d in by_status["days"]) == 300
    _error(synth_client.get("/timeline", params={"by": "mood"}), 422)


def test_control_timeline_of_a_village(examples_client: TestClient) -> None:
    body = examples_client.get("/places/702153/control").json()  # Mala Tokmachka
    assert body["geonameid"] == 702153 and body["changes"]
    first = body["changes"][0]
    assert first["place"] == "Mala Tokmachka" and first["controller"] == "RUS"
    assert first["status"] == "confirmed" and first["sources"]
    assert examples_client.get("/places/1/control").json()["changes"] == []


def test_unknown_route_and_method(synth_client: TestClient) -> None:
    _error(synth_client.get("/nowhere"), 404)
    _error(synth_client.delete("/events", headers={"Authorization": "Bearer test-token-123"}), 405)


def test_openapi_lists_the_routes(synth_client: TestClient) -> None:
    paths = synth_client.get("/openapi.json").json()["paths"]
    for p in ("/events", "/events/{event_id}", "/articles/{article_id}", "/stats", "/articles"):
        assert p in paths
    assert synth_client.get("/docs").status_code == 200
