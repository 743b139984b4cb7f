"""Named read queries for the API, the web pages and the exports: paged events with a bounding
box, map clusters, the timeline, counts, one article with its spans, the claims board.

Built on the filters of `queries.py` (`EventFilter`), so the CLI, the API and the pages select
events the same way. Every function takes an open connection and returns plain dicts.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sitrep.errors import ConfigError
from sitrep.storage.db import Connection
from sitrep.storage.queries import (
    SORTS,
    EventFilter,
    _where,
    events_by_ids,
    get_event,
    resolve_event_id,
)

EVENT_DAY = "coalesce(e.when_start, e.when_end, e.first_published)"
TIMELINE_KEYS = {"type": "e.event_type", "status": "e.status"}


@dataclass(frozen=True)
class BBox:
    """A WGS84 box: south, west, north, east (west ≤ east; no antimeridian crossing)."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, raw: str) -> BBox:
        """`"west,south,east,north"` (the GeoJSON / OpenStreetMap order) → BBox."""
        parts = raw.split(",")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise ConfigError(
                f"bbox: expected west,south,east,north numbers, got {raw!r}"
            ) from None
        if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
            raise ConfigError(
                f"bbox: need -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90, got {raw!r}"
            )
        return cls(south, west, north, east)


def _where_box(f: EventFilter, bbox: BBox | None) -> tuple[str, list[Any]]:
    where, params = _where(f)
    if bbox is None:
        return where, params
    clause = "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?"
    box = [bbox.south, bbox.north, bbox.west, bbox.east]
    if where:
        return f"{where} AND {clause}", [*params, *box]
    return f" WHERE {clause}", box


def _check_paging(f: EventFilter) -> None:
    if f.sort not in SORTS:
        raise ConfigError(f"unknown sort {f.sort!r}; use one of {', '.join(SORTS)}")
    if f.limit < 0 or f.offset < 0:
        raise ConfigError("limit and offset must be ≥ 0")


def page_events(
    con: Connection, f: EventFilter, bbox: BBox | None = None
) -> tuple[list[dict[str, Any]], int]:
    """One page of events in the public events JSON shape, and how many match in all."""
    _check_paging(f)
    where, params = _where_box(f, bbox)
    cur = con.cursor()
    rows = cur.execute(
        f"SELECT e.event_id FROM events e{where} ORDER BY {SORTS[f.sort]} LIMIT ? OFFSET ?",
        [*params, f.limit, f.offset],
    ).fetchall()
    row = cur.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()
    total = int(row[0]) if row else 0
    return events_by_ids(cur, [eid for (eid,) in rows]), total


def event_detail(con: Connection, event_id: str) -> dict[str, Any] | None:
    """One event in full (claims, history, mentions), each mention with its sentence text."""
    return get_event(con.cursor(), resolve_event_id(con.cursor(), event_id))


def map_cells(con: Connection, f: EventFilter, bbox: BBox | None, *, zoom: int) -> dict[str, Any]:
    """Events on a grid fitted to the zoom level: one cell per cluster, with its count, the
    mean position, the most common status and type, and the event id when it holds one event."""
    zoom = max(0, min(zoom, 18))
    cell = 360.0 / (2**zoom) / 6  # about 40 px at 256 px tiles
    where, params = _where_box(f, bbox)
    located = " AND e.lat IS NOT NULL" if where else " WHERE e.lat IS NOT NULL"
    rows = (
        con.cursor()
        .execute(
            "SELECT count(*) AS n, avg(e.lat), avg(e.lon), mode(e.status), mode(e.event_type), "
            "min(e.event_id), min(e.place_name), "
            "count_if(e.status = 'claimed'), count_if(e.status = 'disputed'), "
            "count_if(e.status = 'confirmed'), count_if(e.status = 'denied'), "
            "count_if(e.status = 'reported') "
            f"FROM events e{where}{located} "
            "GROUP BY floor(e.lat / ?), floor(e.lon / ?) ORDER BY n DESC LIMIT 2000",
            [*params, cell, cell],
        )
        .fetchall()
    )
    cells = []
    total = 0
    for n, lat, lon, status, etype, eid, place, *counts in rows:
        total += n
        statuses = dict(
            zip(("claimed", "disputed", "confirmed", "denied", "reported"), counts, strict=True)
        )
        cells.append(
            {
                "lat": round(lat, 5),
                "lon": round(lon, 5),
                "n": n,
                "status": status,
                "event_type": etype,
                "event_id": eid if n == 1 else None,
                "place": place if n == 1 else None,
                "by_status": {k: v for k, v in statuses.items() if v},
            }
        )
    return {"zoom": zoom, "cell_degrees": cell, "events": total, "cells": cells}


def timeline(
    con: Connection, f: EventFilter, bbox: BBox | None = None, *, by: str = "type"
) -> list[dict[str, Any]]:
    """Events per day, split by type or status: `[{"day", "key", "n"}]`, oldest first."""
    if by not in TIMELINE_KEYS:
        raise ConfigError(f"by: expected one of {', '.join(TIMELINE_KEYS)}, got {by!r}")
    where, params = _where_box(f, bbox)
    dated = f" AND {EVENT_DAY} IS NOT NULL" if where else f" WHERE {EVENT_DAY} IS NOT NULL"
    rows = (
        con.cursor()
        .execute(
            f"SELECT {EVENT_DAY} AS day, {TIMELINE_KEYS[by]} AS key, count(*) "
            f"FROM events e{where}{dated} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        )
        .fetchall()
    )
    return [{"day": d.isoformat(), "key": k, "n": n} for d, k, n in rows]


def stats(con: Connection) -> dict[str, Any]:
    """Counts of events by day, type, status and country, and of articles and mentions."""
    cur = con.cursor()

    def pairs(sql: str) -> list[tuple[Any, int]]:
        return [(k, int(n)) for k, n in cur.execute(sql).fetchall()]

    def scalar(sql: str) -> int:
        row = cur.execute(sql).fetchone()
        return int(row[0]) if row else 0

    by_day = pairs(
        f"SELECT {EVENT_DAY}, count(*) FROM events e WHERE {EVENT_DAY} IS NOT NULL "
        "GROUP BY 1 ORDER BY 1"
    )
    return {
        "events": scalar("SELECT count(*) FROM events"),
        "articles": scalar("SELECT count(*) FROM articles"),
        "mentions": scalar("SELECT count(*) FROM mentions"),
        "by_day": {d.isoformat(): n for d, n in by_day},
        "by_type": dict(
            pairs("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
        ),
        "by_status": dict(pairs("SELECT status, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")),
        "by_country": dict(
            pairs(
                "SELECT coalesce(country, 'unknown'), count(*) FROM events GROUP BY 1 "
                "ORDER BY 2 DESC"
            )
        ),
    }


def article_detail(con: Connection, article_id: str) -> dict[str, Any] | None:
    """One stored article: metadata, text, the spans of its analysis (places, times, quotes,
    attributions) and its mentions, each with its event id and the event's status."""
    cur = con.cursor()
    cur.execute(
        "SELECT article_id, url, outlet, title, published, warnings, text, analysis, "
        "analysed_with FROM articles WHERE article_id = ?",
        [article_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    aid, url, outlet, title, published, warnings, text, analysis, analysed_with = row
    spans = json.loads(analysis)
    mentions = []
    for data, event_id, status in cur.execute(
        "SELECT m.data, m.event_id, e.status FROM mentions m "
        "LEFT JOIN events e USING (event_id) WHERE m.article_id = ? ORDER BY m.start_offset",
        [article_id],
    ).fetchall():
        m = json.loads(data)
        m["event_id"] = event_id
        m["event_status"] = status
        mentions.append(m)
    return {
        "article_id": aid,
        "url": url,
        "outlet": outlet,
        "title": title,
        "published": published.isoformat() if isinstance(published, dt.date) else None,
        "warnings": json.loads(warnings),
        "analysed_with": analysed_with,
        "text": text,
        "places": spans.get("places", []),
        "times": spans.get("times", []),
        "quotes": spans.get("quotes", []),
        "attributions": spans.get("attributions", []),
        "mentions": mentions,
    }


def list_articles(con: Connection, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles, newest first: id, title, outlet, published, url, mentions."""
    rows = (
        con.cursor()
        .execute(
            "SELECT a.article_id, a.title, a.outlet, a.published, a.url, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id) "
            "FROM articles a ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        .fetchall()
    )
    return [
        {
            "article_id": a,
            "title": t,
            "outlet": o,
            "published": p.isoformat() if p else None,
            "url": u,
            "mentions": int(n),
        }
        for a, t, o, p, u, n in rows
    ]


SYNTH_TYPES = ["ASSAULT", "COERCE", "CONSULT", "AID", "ACCUSE", "MOBILIZE", "SEIZE", "RETREAT"]
SYNTH_STATUSES = ["reported", "claimed", "confirmed", "denied", "disputed"]


def synthesise_events(con: Connection, n: int, *, per_article: int = 20, seed: float = 0.42) -> int:
    """Fill a (scratch) database with `n` synthetic events, their mentions, actors, history and
    one short article per `per_article` events, in bulk SQL; for benchmarks only."""
    n_articles = max(1, -(-n // per_article))
    text = "Synthetic report: forces struck the depot near the town, officials said."
    cur = con.cursor()
    cur.execute("SELECT setseed(?)", [seed])
    cur.execute("BEGIN TRANSACTION")
    cur.execute(
        "INSERT INTO articles (article_id, input_id, url, outlet, title, published, language, "
        "source, fetched_at, ingested_at, warnings, text, analysis, analysed_with) "
        "SELECT 'synth-a' || i, NULL, 'https://example.org/' || i, "
        "'Synthetic Wire', 'Synthetic article ' || i, DATE '2024-01-01' + CAST(i % 600 AS INT), "
        "'en', 'synthetic', NULL, now(), '[]', ?, "
        '\'{"places": [], "times": [], "quotes": [], "attributions": []}\', \'synthetic\' '
        "FROM range(?) t(i)",
        [text, n_articles],
    )
    cur.execute(
        "CREATE TEMP TABLE synth AS SELECT i, 'synth-e' || i AS eid, "
        "'synth-a' || (i // ?) AS aid, "
        "(?)[1 + CAST(floor(random() * 8) AS INT)] AS etype, "
        "(?)[1 + CAST(floor(random() * 5) AS INT)] AS status, "
        "DATE '2024-01-01' + CAST(floor(random() * 600) AS INT) AS day, "
        "20 + random() * 40 AS lat, 20 + random() * 30 AS lon, "
        "(['UKR', 'RUS', 'SYR', 'SDN', 'ISR'])[1 + CAST(floor(random() * 5) AS INT)] AS country "
        "FROM range(?) t(i)",
        [per_article, SYNTH_TYPES, SYNTH_STATUSES, n],
    )
    cur.execute(
        "INSERT INTO events (event_id, event_type, mode, acled_type, acled_subtype, status, "
        "when_start, when_end, when_granularity, when_resolved, place_name, geonameid, lat, lon, "
        "country, admin1, n_mentions, n_articles, first_published, updated_at) "
        "SELECT eid, etype, NULL, NULL, NULL, status, day, day, 'day', true, "
        "'Place ' || (i % 997), NULL, lat, lon, country, 'Region ' || (i % 31), 1, 1, day, now() "
        "FROM synth"
    )
    cur.execute(
        "INSERT INTO mentions (mention_id, article_id, event_id, start_offset, end_offset, "
        "trigger, sentence_start, sentence_end, event_type, mode, acled_type, acled_subtype, "
        "confidence, modality, status, claim_source, claim_country, claim_stance, when_start, "
        "when_end, when_resolved, place_name, geonameid, lat, lon, country, data) "
        "SELECT eid, aid, eid, 37, 43, 'struck', 0, ?, etype, NULL, NULL, "
        "NULL, 0.9, 'asserted', status, 'Army ' || country, country, 'assert', day, day, true, "
        "'Place ' || (i % 997), NULL, lat, lon, country, "
        "json_object('mention_id', eid, 'start', 37, 'end', 43, 'trigger', 'struck', "
        "'sentence', json_object('start', 0, 'end', ?, 'text', ?), 'modality', 'asserted', "
        "'claim', json_object('source', NULL, 'stance', 'assert', 'cue', NULL), "
        "'responses', json_array(), "
        "'actors', json_array(json_object('start', 19, 'end', 25, 'text', 'forces', "
        "'name', 'Army ' || country, 'country', country, 'sector', 'MIL')), "
        "'recipients', json_array(), "
        "'place', json_object('name', 'Place ' || (i % 997), 'lat', lat, 'lon', lon, "
        "'country', country), "
        "'when', json_object('start', day, 'end', day, 'granularity', 'day', "
        "'text', NULL, 'resolved', true))::VARCHAR "
        "FROM synth",
        [len(text), len(text), text],
    )
    cur.execute(
        "INSERT INTO mention_actors (mention_id, role, name, text, country, sector) "
        "SELECT eid, 'actor', 'Army ' || country, 'forces', country, "
        "'MIL' FROM synth"
    )
    cur.execute(
        "INSERT INTO event_history (event_id, seq, status, on_date, mention_id, source, stance) "
        "SELECT eid, 0, status, day, eid, NULL, 'assert' FROM synth"
    )
    cur.execute("DROP TABLE synth")
    cur.execute("COMMIT")
    return n
