"""Named read queries over the store: events with filters, one event in full, counts, failures.

Every function takes an open connection and returns plain dicts in the shape of the public
events JSON (DESIGN.md §7, docs/schema.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.errors import ConfigError
from sitrep.storage.db import Connection

SORTS = {
    "date": "coalesce(e.when_start, e.when_end, e.first_published) DESC NULLS LAST, e.event_id",
    "published": "e.first_published DESC NULLS LAST, e.event_id",
    "mentions": "e.n_mentions DESC, e.event_id",
}


@dataclass(frozen=True)
class EventFilter:
    """Filters of `sitrep events` (and later the API)."""

    types: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    place: str | None = None  # name, matched on place name or admin1 when no point is given
    near: tuple[float, float, float] | None = None  # lat, lon, radius km
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ()
    limit: int = 50
    offset: int = 0
    sort: str = "date"


HAVERSINE_KM = (
    "2 * 6371.0 * asin(sqrt(pow(sin(radians(e.lat - ?) / 2), 2) + "
    "cos(radians(?)) * cos(radians(e.lat)) * pow(sin(radians(e.lon - ?) / 2), 2)))"
)


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.types:
        clauses.append("list_contains(?, e.event_type)")
        params.append([t.upper() for t in f.types])
    if f.statuses:
        clauses.append("list_contains(?, e.status)")
        params.append([s.lower() for s in f.statuses])
    if f.actor:
        clauses.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN mention_actors a USING (mention_id) "
            "WHERE m.event_id = e.event_id AND a.role <> 'source' "
            "AND (a.name ILIKE ? OR a.text ILIKE ?))"
        )
        params += [f"%{f.actor}%", f"%{f.actor}%"]
    if f.country:
        code = f.country.upper()
        clauses.append(
            "(e.country = ? OR EXISTS (SELECT 1 FROM mentions m JOIN mention_actors a "
            "USING (mention_id) WHERE m.event_id = e.event_id AND a.country = ?))"
        )
        params += [code, code]
    if f.near is not None:
        lat, lon, radius = f.near
        clauses.append(f"e.lat IS NOT NULL AND {HAVERSINE_KM} <= ?")
        params += [lat, lat, lon, radius]
    elif f.place:
        clauses.append("(e.place_name ILIKE ? OR e.admin1 ILIKE ?)")
        params += [f"%{f.place}%", f"%{f.place}%"]
    if f.since:
        clauses.append("coalesce(e.when_end, e.when_start, e.first_published) >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("coalesce(e.when_start, e.when_end, e.first_published) <= ?")
        params.append(f.until)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_events(con: Connection, f: EventFilter) -> int:
    """How many events match the filter (ignoring paging)."""
    where, params = _where(f)
    row = con.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()
    return int(row[0]) if row else 0


def list_events(con: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """Events matching the filter, in the public events JSON shape."""
    if f.sort not in SORTS:
        raise ConfigError(f"unknown sort {f.sort!r}; use one of {', '.join(SORTS)}")
    if f.limit < 0 or f.offset < 0:
        raise ConfigError("limit and offset must be ≥ 0")
    where, params = _where(f)
    rows = con.execute(
        f"SELECT e.event_id FROM events e{where} ORDER BY {SORTS[f.sort]} LIMIT ? OFFSET ?",
        [*params, f.limit, f.offset],
    ).fetchall()
    return [event for (eid,) in rows if (event := get_event(con, eid)) is not None]


def resolve_event_id(con: Connection, event_id: str) -> str:
    """The id an event has now: merged events live on under the id of the one they joined."""
    row = con.execute("SELECT event_id FROM event_aliases WHERE alias = ?", [event_id]).fetchone()
    return str(row[0]) if row else event_id


def _event_row(con: Connection, event_id: str) -> dict[str, Any] | None:
    cur = con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    row = cur.fetchone()
    if row is None:
        return None
    cols = [d[0] for d in cur.description]
    return dict(zip(cols, row, strict=True))


def get_event(con: Connection, event_id: str) -> dict[str, Any] | None:
    """One event in full: typing, actors, place, when, status, claims, history, mentions."""
    event_id = resolve_event_id(con, event_id)
    e = _event_row(con, event_id)
    if e is None:
        return None
    mrows = con.execute(
        "SELECT m.data, m.article_id, a.url, a.outlet, a.published, a.title "
        "FROM mentions m JOIN articles a USING (article_id) WHERE m.event_id = ? "
        "ORDER BY a.published NULLS LAST, m.article_id, m.start_offset",
        [event_id],
    ).fetchall()
    mentions = []
    claims = []
    actors: dict[tuple[str, str | None], dict[str, Any]] = {}
    recipients: dict[tuple[str, str | None], dict[str, Any]] = {}
    place = None
    when = None
    for data, article_id, url, outlet, published, title in mrows:
        m = json.loads(data)
        pub = published.isoformat() if published else None
        mentions.append(
            {
                "mention_id": m["mention_id"],
                "article_id": article_id,
                "url": url,
                "outlet": outlet,
                "title": title,
                "published": pub,
                "start": m["start"],
                "end": m["end"],
                "trigger": m["trigger"],
                "sentence": m["sentence"],
                "modality": m["modality"],
            }
        )
        for c, is_response in [(m["claim"], False)] + [(r, True) for r in m["responses"]]:
            claims.append(
                {
                    "source": c["source"],
                    "stance": c["stance"],
                    "cue": c["cue"],
                    "response": is_response,
                    "article_id": article_id,
                    "mention_id": m["mention_id"],
                    "outlet": outlet,
                    "published": pub,
                }
            )
        for a in m["actors"]:
            actors.setdefault((a["name"], a["country"]), a)
        for a in m["recipients"]:
            recipients.setdefault((a["name"], a["country"]), a)
        place = place or m["place"]
        when = when or m["when"]
    history = [
        {
            "status": status,
            "date": on_date.isoformat() if on_date else None,
            "mention_id": mention_id,
            "source": source,
            "stance": stance,
        }
        for status, on_date, mention_id, source, stance in con.execute(
            "SELECT status, on_date, mention_id, source, stance FROM event_history "
            "WHERE event_id = ? ORDER BY seq",
            [event_id],
        ).fetchall()
    ]
    return {
        "event_id": event_id,
        "event_type": e["event_type"],
        "mode": e["mode"],
        "acled_type": e["acled_type"],
        "acled_subtype": e["acled_subtype"],
        "actors": list(actors.values()),
        "recipients": list(recipients.values()),
        "place": place,
        "when": when,
        "status": e["status"],
        "claims": claims,
        "history": history,
        "mentions": mentions,
        "articles": len({m["article_id"] for m in mentions}),
    }


def article_text(con: Connection, article_id: str) -> str | None:
    """The stored (normalised) text of an article."""
    row = con.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def summary(con: Connection) -> dict[str, Any]:
    """Counts for the end-of-run summary: articles, mentions, events, failures, by type/status."""

    def scalar(sql: str) -> int:
        row = con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    by_type = con.execute(
        "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    by_status = con.execute(
        "SELECT status, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    return {
        "articles": scalar("SELECT count(*) FROM articles"),
        "mentions": scalar("SELECT count(*) FROM mentions"),
        "events": scalar("SELECT count(*) FROM events"),
        "failures": scalar("SELECT count(*) FROM failures"),
        "by_type": dict(by_type),
        "by_status": dict(by_status),
    }


def list_failures(con: Connection, limit: int = 100) -> list[dict[str, Any]]:
    """The most recent recorded failures."""
    rows = con.execute(
        "SELECT source, reason, stage, occurred_at FROM failures ORDER BY occurred_at DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [
        {"source": s, "reason": r, "stage": st, "occurred_at": t.isoformat()}
        for s, r, st, t in rows
    ]


def event_ids(con: Connection) -> Sequence[str]:
    """All event ids (for tests and exports)."""
    return [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()]


def territorial_events(
    con: Connection, *, place: str | None = None, geonameid: int | None = None
) -> list[dict[str, Any]]:
    """Events that can move control of a place (captures, retakes, withdrawals), in full."""
    where = ["((event_type = 'ASSAULT' AND mode IN ('capture', 'retake')) "
             "OR event_type = 'RETREAT')", "place_name IS NOT NULL"]  # fmt: skip
    params: list[Any] = []
    if geonameid is not None:
        where.append("geonameid = ?")
        params.append(geonameid)
    if place:
        where.append("(place_name ILIKE ? OR admin1 ILIKE ?)")
        params += [f"%{place}%", f"%{place}%"]
    rows = con.execute(
        f"SELECT event_id FROM events WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(when_start, first_published), event_id",
        params,
    ).fetchall()
    return [e for (eid,) in rows if (e := get_event(con, eid)) is not None]
