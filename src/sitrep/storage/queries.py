"""Named read queries over the store: events with filters, one event in full, counts, failures.

Every function takes an open connection and returns plain dicts in the shape of the public
events JSON (DESIGN.md §7, docs/schema.md).
"""

from __future__ import annotations

import datetime as dt
import json
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
    return events_by_ids(con, [eid for (eid,) in rows])


def resolve_event_id(con: Connection, event_id: str) -> str:
    """The id an event has now: merged events live on under the id of the one they joined."""
    row = con.execute("SELECT event_id FROM event_aliases WHERE alias = ?", [event_id]).fetchone()
    return str(row[0]) if row else event_id


def events_by_ids(con: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Events in full (typing, actors, place, when, status, claims, history, mentions), in
    the order of `ids`, with four queries in all."""
    if not ids:
        return []
    cur = con.cursor()
    marks = ",".join("?" * len(ids))
    cur.execute(f"SELECT * FROM events WHERE event_id IN ({marks})", ids)
    cols = [d[0] for d in cur.description]
    rows = {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}
    found = cur.execute(
        "SELECT event_id, data, article_id, start_offset FROM mentions "
        f"WHERE event_id IN ({marks})",
        ids,
    ).fetchall()
    article_ids = sorted({r[2] for r in found})
    articles: dict[str, tuple[Any, ...]] = {}
    if article_ids:
        amarks = ",".join("?" * len(article_ids))
        for aid, *meta in cur.execute(
            f"SELECT article_id, url, outlet, published, title FROM articles "
            f"WHERE article_id IN ({amarks})",
            article_ids,
        ).fetchall():
            articles[aid] = tuple(meta)

    def order(r: tuple[Any, ...]) -> tuple[Any, ...]:
        published = articles[r[2]][2]
        return (published is None, published or dt.date.min, r[2], r[3])

    mentions: dict[str, list[tuple[Any, ...]]] = {i: [] for i in ids}
    for eid, data, aid, _ in sorted((r for r in found if r[2] in articles), key=order):
        mentions[eid].append((data, aid, *articles[aid]))
    history: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for eid, status, on_date, mention_id, source, stance in cur.execute(
        "SELECT event_id, status, on_date, mention_id, source, stance FROM event_history "
        f"WHERE event_id IN ({marks}) ORDER BY event_id, seq",
        ids,
    ).fetchall():
        history[eid].append(
            {
                "status": status,
                "date": on_date.isoformat() if on_date else None,
                "mention_id": mention_id,
                "source": source,
                "stance": stance,
            }
        )
    return [_assemble(eid, rows[eid], mentions[eid], history[eid]) for eid in ids if eid in rows]


def _assemble(
    event_id: str,
    e: dict[str, Any],
    mrows: list[tuple[Any, ...]],
    history: list[dict[str, Any]],
) -> dict[str, Any]:
    mentions = []
    claims = []
    actors: dict[tuple[str, str | None], dict[str, Any]] = {}
    recipients: dict[tuple[str, str | None], dict[str, Any]] = {}
    places: list[dict[str, Any]] = []
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
        if m["place"]:
            places.append(m["place"])
        when = when or m["when"]
    # the event's place is the one consolidation chose (the most precise of its mentions)
    place = next((p for p in places if p.get("name") == e["place_name"]), None)
    place = place or (places[0] if places else None)
    if when is not None:  # the event's range: the tightest consistent with all its mentions
        when = {
            **when,
            "start": e["when_start"].isoformat() if e["when_start"] else None,
            "end": e["when_end"].isoformat() if e["when_end"] else None,
            "granularity": e["when_granularity"] or when.get("granularity"),
            "resolved": bool(e["when_resolved"]),
        }
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


def get_event(con: Connection, event_id: str) -> dict[str, Any] | None:
    """One event in full; a merged event's old id answers with the event it joined."""
    found = events_by_ids(con, [resolve_event_id(con, event_id)])
    return found[0] if found else None


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


def event_ids_starting(con: Connection, prefix: str, *, limit: int = 2) -> list[str]:
    """Ids of events whose id (or merged id) starts with `prefix`, current ids only."""
    rows = con.execute(
        "SELECT DISTINCT event_id FROM ("
        "SELECT event_id FROM events WHERE starts_with(event_id, ?) "
        "UNION ALL SELECT event_id FROM event_aliases WHERE starts_with(alias, ?)"
        ") ORDER BY event_id LIMIT ?",
        [prefix, prefix, limit],
    ).fetchall()
    return [r[0] for r in rows]


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
