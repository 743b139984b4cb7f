"""Exports read back equal to what was exported, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from sitrep.export import (
    ACLED_FIELDS,
    FLAT_FIELDS,
    acled_row,
    export_bytes,
    flat_row,
    geojson_feature,
    iter_events,
    plover_record,
)
from sitrep.storage.db import open_db
from sitrep.storage.queries import EventFilter
from sitrep.storage.web_queries import synthesise_events

HAND_BUILT: dict[str, Any] = {
    "event_id": "e1",
    "event_type": "ASSAULT",
    "mode": "drone",
    "acled_type": "Explosions/Remote violence",
    "acled_subtype": "Air/drone strike",
    "actors": [{"name": "Russian Armed Forces", "country": "RUS", "sector": "MIL"}],
    "recipients": [{"name": "Ukraine", "country": "UKR", "sector": "GOV"}],
    "place": {
        "name": "Sumy",
        "lat": 50.9,
        "lon": 34.8,
        "country": "UKR",
        "admin1": "Sumy",
        "precision": "place",
    },
    "when": {"start": "2025-03-13", "end": "2025-03-13", "granularity": "day", "resolved": True},
    "status": "disputed",
    "claims": [
        {"source": {"name": "Ukraine"}, "stance": "assert", "response": False, "article_id": "a"},
        {"source": {"name": "Russia"}, "stance": "deny", "response": True, "article_id": "a"},
    ],
    "history": [],
    "mentions": [
        {
            "article_id": "a",
            "url": "https://example.org/a",
            "outlet": 'Wire, "quoted"',
            "published": "2025-03-14",
            "sentence": {"text": 'Drones hit Sumy,\nofficials said; "many" hurt.'},
        }
    ],
    "articles": 1,
}


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    con = open_db(tmp_path_factory.mktemp("export") / "x.duckdb")
    synthesise_events(con, 120)
    found = list(iter_events(con, EventFilter()))
    con.close()
    return [*found, HAND_BUILT]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def test_iter_events_pages_through_everything(events: list[dict[str, Any]]) -> None:
    assert len(events) == 121 and len({e["event_id"] for e in events}) == 121


def test_jsonl_round_trip(events: list[dict[str, Any]]) -> None:
    lines = export_bytes(events, "jsonl").decode().splitlines()
    assert [json.loads(x) for x in lines] == events


def test_csv_round_trip(events: list[dict[str, Any]]) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(events, "csv").decode())))
    assert tuple(rows[0]) == FLAT_FIELDS
    assert rows == [{k: _text(v) for k, v in flat_row(e).items()} for e in events]


def test_parquet_round_trip(events: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    path.write_bytes(export_bytes(events, "parquet"))
    assert pq.read_table(path).to_pylist() == [flat_row(e) for e in events]


def test_geojson_round_trip(events: list[dict[str, Any]]) -> None:
    data = json.loads(export_bytes(events, "geojson"))
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [geojson_feature(e) for e in events]
    point = data["features"][-1]["geometry"]
    assert point == {"type": "Point", "coordinates": [34.8, 50.9]}


def test_plover_round_trip(events: list[dict[str, Any]]) -> None:
    lines = export_bytes(events, "plover").decode().splitlines()
    records = [json.loads(x) for x in lines]
    assert records == [plover_record(e) for e in events]
    last = records[-1]
    assert last["event_type"] == "ASSAULT" and last["mode"] == "drone"
    assert last["claim_status"] == "disputed" and last["location"][0]["placename"] == "Sumy"


def test_acled_round_trip(events: list[dict[str, Any]]) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(events, "acled").decode())))
    assert tuple(rows[0]) == ACLED_FIELDS
    expected = [r for r in (acled_row(e) for e in events) if r is not None]
    assert rows == [{k: _text(v) for k, v in r.items()} for r in expected]
    last = rows[-1]
    assert last["event_date"] == "2025-03-13" and last["country"] == "Ukraine"
    assert last["actor1"] == "Russian Armed Forces" and last["actor2"] == "Ukraine"
    assert last["sitrep_status"] == "disputed" and "\n" not in last["notes"]


def test_cli_export(tmp_path: Path) -> None:
    from sitrep.cli import main

    db = tmp_path / "x.duckdb"
    con = open_db(db)
    synthesise_events(con, 30)
    con.close()
    out = tmp_path / "out.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(out)]) == 0
    assert pq.read_table(out).num_rows == 30
    out = tmp_path / "claimed.geojson"
    args = ["export", "--db", str(db), "--format", "geojson", "--status", "claimed", "-o", str(out)]
    assert main(args) == 0
    feats = json.loads(out.read_text())["features"]
    assert all(f["properties"]["status"] == "claimed" for f in feats)
    assert main(["export", "--db", str(db), "--format", "xml"]) == 1
    assert main(["export", "--db", str(db), "--format", "parquet"]) == 1


def test_api_export(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.config import Settings

    db = tmp_path / "x.duckdb"
    con = open_db(db)
    synthesise_events(con, 40)
    con.close()
    with TestClient(create_app(Settings(), db), client=("127.0.0.1", 1)) as client:
        for fmt in ("csv", "jsonl", "parquet", "geojson", "plover", "acled"):
            resp = client.get("/export", params={"format": fmt, "type": "ASSAULT"})
            assert resp.status_code == 200, resp.text
            assert "attachment" in resp.headers["content-disposition"]
        lines = client.get("/export", params={"format": "jsonl", "max_events": 7}).text
        assert len(lines.splitlines()) == 7
        assert client.get("/export", params={"format": "xml"}).status_code == 422
