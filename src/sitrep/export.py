"""Events → files: CSV, JSON Lines, Parquet, GeoJSON, PLOVER-style JSON and ACLED-like CSV.

Input: event dicts in the public events JSON shape (`sitrep events --format json`). Output:
bytes written to a binary sink. The record builders (`flat_row`, `plover_record`, `acled_row`,
`geojson_feature`) are pure so that tests can read a file back and compare it with them. Reading
from the store is `iter_events`, which pages through the same query as the API.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO, Any

from sitrep.errors import ConfigError
from sitrep.storage.db import Connection
from sitrep.storage.queries import EventFilter
from sitrep.storage.web_queries import BBox, page_events

FORMATS = ("csv", "jsonl", "parquet", "geojson", "plover", "acled")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
    "plover": "application/x-ndjson",
    "acled": "text/csv; charset=utf-8",
}
SUFFIXES = {
    "csv": "csv",
    "jsonl": "jsonl",
    "parquet": "parquet",
    "geojson": "geojson",
    "plover": "plover.jsonl",
    "acled": "acled.csv",
}
PAGE = 500

FLAT_FIELDS = (
    "event_id",
    "event_type",
    "mode",
    "acled_type",
    "acled_subtype",
    "status",
    "date_start",
    "date_end",
    "date_resolved",
    "actors",
    "recipients",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "sources",
    "articles",
    "sentence",
    "url",
)
ACLED_FIELDS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso3",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "sitrep_status",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "season": 3, "year": 3}
GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 2, "country": 3}


def iter_events(
    con: Connection, flt: EventFilter, bbox: BBox | None = None, *, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every event matching the filter (from `flt.offset`, at most `limit`), page by page."""
    offset, left = flt.offset, limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        events, _ = page_events(con, replace(flt, limit=size, offset=offset), bbox)
        yield from events
        if len(events) < size:
            return
        offset += size
        if left is not None:
            left -= size


def _names(actors: list[dict[str, Any]]) -> str:
    return "; ".join(a["name"] for a in actors)


def sources_label(event: dict[str, Any]) -> str:
    """Who says so: each claim's source (or the outlet's own voice) with its stance."""
    out = []
    for c in event["claims"]:
        who = c["source"]["name"] if c["source"] else (c.get("outlet") or "outlet")
        out.append(f"{who}: {c['stance']}")
    return "; ".join(dict.fromkeys(out))


def _first_sentence(event: dict[str, Any]) -> str | None:
    for m in event["mentions"]:
        sentence = m.get("sentence") or {}
        if sentence.get("text"):
            return str(sentence["text"])
    return None


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat record (CSV and Parquet)."""
    place = event.get("place") or {}
    when = event.get("when") or {}
    urls = [m["url"] for m in event["mentions"] if m.get("url")]
    return {
        "event_id": event["event_id"],
        "event_type": event["event_type"],
        "mode": event.get("mode"),
        "acled_type": event.get("acled_type"),
        "acled_subtype": event.get("acled_subtype"),
        "status": event["status"],
        "date_start": when.get("start"),
        "date_end": when.get("end"),
        "date_resolved": bool(when.get("resolved")),
        "actors": _names(event["actors"]),
        "recipients": _names(event["recipients"]),
        "place": place.get("name"),
        "admin1": place.get("admin1"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "sources": sources_label(event),
        "articles": int(event["articles"]),
        "sentence": _first_sentence(event),
        "url": urls[0] if urls else None,
    }


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"name": a["name"], "country": a.get("country"), "sector": a.get("sector")}


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER-style record (as in POLECAT's JSON), with sitrep's claim status
    and sources added."""
    place = event.get("place") or {}
    when = event.get("when") or {}
    first = event["mentions"][0] if event["mentions"] else {}
    return {
        "id": event["event_id"],
        "date": when.get("start") if when.get("resolved") else None,
        "date_end": when.get("end") if when.get("resolved") else None,
        "date_precision": when.get("granularity"),
        "event_type": event["event_type"],
        "mode": event.get("mode"),
        "context": [],
        "actors": [_actor(a) for a in event["actors"]],
        "recipients": [_actor(a) for a in event["recipients"]],
        "location": (
            [
                {
                    "placename": place.get("name"),
                    "geonameid": place.get("geonameid"),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "country": place.get("country"),
                    "admin1": place.get("admin1"),
                    "precision": place.get("precision"),
                }
            ]
            if place
            else []
        ),
        "event_text": _first_sentence(event),
        "story_id": first.get("article_id"),
        "story_date": first.get("published"),
        "story_url": first.get("url"),
        "source": first.get("outlet"),
        "claim_status": event["status"],
        "claims": [
            {
                "source": (c["source"] or {}).get("name"),
                "stance": c["stance"],
                "response": c["response"],
                "article_id": c["article_id"],
            }
            for c in event["claims"]
        ],
        "acled_type": event.get("acled_type"),
        "acled_subtype": event.get("acled_subtype"),
    }


def _country_name(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(found.name) if found else code


def acled_row(event: dict[str, Any]) -> dict[str, Any] | None:
    """One event as an ACLED-like row; None for types ACLED does not record."""
    if not event.get("acled_type"):
        return None
    place = event.get("place") or {}
    when = event.get("when") or {}
    date = when.get("start") if when.get("resolved") else None
    actors, recipients = event["actors"], event["recipients"]
    outlets = dict.fromkeys(m.get("outlet") or "unknown outlet" for m in event["mentions"])
    sentence = " ".join((_first_sentence(event) or "").split())
    notes = f"{sentence} [sitrep: {event['status']}; {sources_label(event)}]".strip()
    return {
        "event_id_cnty": event["event_id"],
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": TIME_PRECISION.get(when.get("granularity") or "", 3),
        "event_type": event["acled_type"],
        "sub_event_type": event.get("acled_subtype"),
        "actor1": actors[0]["name"] if actors else None,
        "assoc_actor_1": "; ".join(a["name"] for a in actors[1:]) or None,
        "actor2": recipients[0]["name"] if recipients else None,
        "assoc_actor_2": "; ".join(a["name"] for a in recipients[1:]) or None,
        "iso3": place.get("country"),
        "country": _country_name(place.get("country")),
        "admin1": place.get("admin1"),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", 3) if place else None,
        "source": "; ".join(outlets),
        "notes": notes,
        "sitrep_status": event["status"],
    }


def geojson_feature(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry null when it has no coordinates)."""
    place = event.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
    props = flat_row(event)
    props.pop("lat")
    props.pop("lon")
    return {"type": "Feature", "id": event["event_id"], "geometry": geometry, "properties": props}


class _TextSink:
    """Text written as UTF-8 to a binary sink."""

    def __init__(self, sink: IO[bytes]) -> None:
        self.sink = sink

    def write(self, s: str) -> int:
        self.sink.write(s.encode("utf-8"))
        return len(s)


def _write_csv(rows: Iterable[dict[str, Any]], fields: tuple[str, ...], sink: IO[bytes]) -> int:
    text = _TextSink(sink)
    writer = csv.DictWriter(text, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _write_jsonl(records: Iterable[dict[str, Any]], sink: IO[bytes]) -> int:
    n = 0
    for r in records:
        sink.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
        n += 1
    return n


def _write_geojson(events: Iterable[dict[str, Any]], sink: IO[bytes]) -> int:
    sink.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in events:
        prefix = b",\n" if n else b""
        sink.write(prefix + json.dumps(geojson_feature(e), ensure_ascii=False).encode("utf-8"))
        n += 1
    sink.write(b"\n]}\n")
    return n


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet export (the flat record, typed)."""
    import pyarrow as pa

    types = {
        "date_resolved": pa.bool_(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "articles": pa.int64(),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in FLAT_FIELDS])


def _write_parquet(events: Iterable[dict[str, Any]], sink: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for e in events:
            batch.append(flat_row(e))
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_events(events: Iterable[dict[str, Any]], fmt: str, sink: IO[bytes]) -> int:
    """Write events in `fmt` to a binary sink; returns the number of records written."""
    if fmt == "csv":
        return _write_csv((flat_row(e) for e in events), FLAT_FIELDS, sink)
    if fmt == "jsonl":
        return _write_jsonl(events, sink)
    if fmt == "plover":
        return _write_jsonl((plover_record(e) for e in events), sink)
    if fmt == "acled":
        rows = (r for r in (acled_row(e) for e in events) if r is not None)
        return _write_csv(rows, ACLED_FIELDS, sink)
    if fmt == "geojson":
        return _write_geojson(events, sink)
    if fmt == "parquet":
        return _write_parquet(events, sink)
    raise ConfigError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


def export_bytes(events: Iterable[dict[str, Any]], fmt: str) -> bytes:
    """The whole export in memory (for the API's bounded exports)."""
    buf = io.BytesIO()
    write_events(events, fmt, buf)
    return buf.getvalue()
