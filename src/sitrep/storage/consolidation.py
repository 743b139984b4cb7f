"""Incremental consolidation in the store: each new mention joins the event it reports, or
founds one; events that a mention shows to be one are merged.

The matching itself is `consolidate.match` (pure); this module finds the candidates in the
database (blocking by family and dates), applies the union, and recomputes each touched
event's typing, place, date range, status and history from all its mentions. A merged event's
id stays reachable through `event_aliases`; the surviving event is the one founded first.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from sitrep.consolidate.match import MatchSettings, MentionKey, key_from_json, key_of, matches
from sitrep.consolidate.status import derive_status, mention_records, side_of
from sitrep.model import Actor, Claim, Span, Stance
from sitrep.storage.bulk import insert_rows

Connection = duckdb.DuckDBPyConnection
REBUILD_BATCH = 500
FAMILY_TYPES = {"TERRITORY": ("ASSAULT", "RETREAT"), "STRIKE": ("ASSAULT",)}


def _anchor(key: MentionKey) -> dt.date | None:
    return key.start if key.resolved and key.start else key.published


Bucket = tuple[str, int, int]


def _bucket(key: MentionKey) -> Bucket | None:
    """Family and ISO week of the key's date: the unit of candidate retrieval."""
    day = _anchor(key)
    if day is None:
        return None
    iso = day.isocalendar()
    return (key.family, iso.year, iso.week)


@dataclass(frozen=True)
class _Window:
    """What blocking lets through for one bucket's keys: date ranges, publication dates and,
    when every key is a town, a box around them (applied in `_candidates`' query)."""

    dated: tuple[dt.date, dt.date] | None  # stored dated mentions overlapping this range
    published: tuple[dt.date, dt.date] | None  # or published in this range
    box: tuple[float, float, float, float] | None  # towns outside it cannot match

    @staticmethod
    def of(fam: str, keys: Sequence[MentionKey], s: MatchSettings) -> _Window | None:
        days = s.territory_slack_days if fam == "TERRITORY" else s.date_slack_days
        slack, window = dt.timedelta(days=days), dt.timedelta(days=s.window_days)
        starts = [k.start for k in keys if k.resolved and k.start and k.end]
        ends = [k.end for k in keys if k.resolved and k.start and k.end]
        pubs = [k.published for k in keys if k.published is not None]
        dated = (
            (min(x for x in starts if x) - slack, max(x for x in ends if x) + slack)
            if starts and ends
            else None
        )
        published = (min(pubs) - window, max(pubs) + window) if pubs else None
        box = None
        if all(k.town and k.lat is not None and k.lon is not None for k in keys):
            lats = [float(k.lat) for k in keys if k.lat is not None]
            lons = [float(k.lon) for k in keys if k.lon is not None]
            dlat = s.place_km / 111.0 + 0.01
            dlon = dlat / max(0.05, math.cos(math.radians(max(abs(x) for x in lats))))
            box = (min(lats) - dlat, max(lats) + dlat, min(lons) - dlon, max(lons) + dlon)
        if dated is None and published is None:
            return None
        return _Window(dated, published, box)


def _candidates(
    con: Connection, keys: Sequence[MentionKey], s: MatchSettings
) -> dict[Bucket, list[tuple[MentionKey, str]]]:
    """Per bucket (family and week), the stored mentions already placed in an event that
    blocking could pair with the bucket's keys, with their event ids: one query for the
    whole batch, joining the mentions to a list of the buckets' windows (an OR of one
    condition per bucket costs a full evaluation per row and bucket)."""
    groups: dict[Bucket, list[MentionKey]] = {}
    for k in keys:
        b = _bucket(k)
        if b is not None:
            groups.setdefault(b, []).append(k)
    windows = {b: w for b, g in groups.items() if (w := _Window.of(b[0], g, s)) is not None}
    out: dict[Bucket, list[tuple[MentionKey, str]]] = {b: [] for b in windows}
    buckets = list(windows)
    cols: list[list[Any]] = [[] for _ in range(10)]  # bucket, type, dated, published, box
    for i, b in enumerate(buckets):
        w = windows[b]
        for t in FAMILY_TYPES.get(b[0], (b[0],)):
            row = (i, t, *(w.dated or (None, None)), *(w.published or (None, None)),
                   *(w.box or (None, None, None, None)))  # fmt: skip
            for col, v in zip(cols, row, strict=True):
                col.append(v)
    if not buckets:
        return out
    rows = con.execute(
        # the matching rows first, their (long) keys only then: no key read for the others
        "WITH hit AS (SELECT w.b, m.rowid AS r "
        "FROM mentions m JOIN (SELECT unnest(?) AS b, unnest(?) AS t, "
        "unnest(?::DATE[]) AS d0, unnest(?::DATE[]) AS d1, "
        "unnest(?::DATE[]) AS p0, unnest(?::DATE[]) AS p1, "
        "unnest(?::DOUBLE[]) AS la0, unnest(?::DOUBLE[]) AS la1, "
        "unnest(?::DOUBLE[]) AS lo0, unnest(?::DOUBLE[]) AS lo1) w "
        "ON m.event_type = w.t "
        "AND ((m.when_resolved AND m.when_start <= w.d1 AND m.when_end >= w.d0) "
        "OR (m.published BETWEEN w.p0 AND w.p1)) "
        "AND (w.la0 IS NULL OR m.lat IS NULL OR m.place_precision IS DISTINCT FROM 'place' "
        "OR (m.lat BETWEEN w.la0 AND w.la1 AND m.lon BETWEEN w.lo0 AND w.lo1)) "
        "WHERE m.event_id <> '') "
        "SELECT hit.b, m.mention_id, m.published, coalesce(m.match_key, m.data), m.event_id "
        "FROM hit JOIN mentions m ON m.rowid = hit.r ORDER BY hit.b, m.mention_id",
        cols,
    ).fetchall()
    seen: dict[str, MentionKey] = {}
    for i, mention_id, published, key, event_id in rows:
        other = seen.get(mention_id)
        if other is None:
            other = seen[mention_id] = key_from_json(key, published)
        b = buckets[i]
        if other.family == b[0]:
            out[b].append((other, event_id))
    return out


def consolidate_batch(
    con: Connection,
    mentions: Sequence[tuple[Mapping[str, Any], dt.date | None]],
    *,
    settings: MatchSettings,
    now: dt.datetime,
) -> set[str]:
    """Place stored mentions (public JSON, publication date) in events: each joins the
    events it matches, which merge, or founds one. Returns the ids of the events touched."""
    keys = [key_of(m, pub) for m, pub in mentions]
    by_id = {k.mention_id: (m, pub) for k, (m, pub) in zip(keys, mentions, strict=True)}
    existing = _candidates(con, keys, settings)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i, k in enumerate(keys):
        node = "m:" + k.mention_id
        find(node)
        bucket = _bucket(k)
        for other, event_id in existing.get(bucket, ()) if bucket else ():
            if other.mention_id != k.mention_id and matches(k, other, settings):
                union(node, "e:" + event_id)
        for earlier in keys[:i]:
            if earlier.family == k.family and matches(k, earlier, settings):
                union(node, "m:" + earlier.mention_id)
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    touched: set[str] = set()
    placed: list[tuple[str, str]] = []
    refreshed: list[str] = []
    new_events: list[list[object]] = []
    new_history: list[list[object]] = []
    order = {k.mention_id: i for i, k in enumerate(keys)}
    joining: list[tuple[list[str], list[str]]] = []  # (stored events, new mentions) per group
    for nodes in groups.values():
        events = sorted(n[2:] for n in nodes if n.startswith("e:"))
        new = sorted((n[2:] for n in nodes if n.startswith("m:")), key=order.__getitem__)
        if not new:
            continue
        if events:
            joining.append((events, new))
        else:
            survivor = new[0]
            stored = [_Stored(dict(by_id[n][0]), by_id[n][1], str(by_id[n][0]["article_id"]))
                      for n in new]  # fmt: skip
            values, history_rows = _event_values(survivor, stored, now=now)
            new_events.append([survivor, *values])
            new_history += history_rows
            placed += [(n, survivor) for n in new]
            touched.add(survivor)
    survivors = _merge_all(con, [events for events, _ in joining], now)
    for (_, new), survivor in zip(joining, survivors, strict=True):
        refreshed.append(survivor)
        placed += [(n, survivor) for n in new]
        touched.add(survivor)
    if new_events:  # founded in batch order: their sequence numbers come in that order
        seqs = con.execute(
            "SELECT nextval('event_seq') FROM range(?)", [len(new_events)]
        ).fetchall()
        insert_rows(con, "events", [[*e, q] for e, (q,) in zip(new_events, seqs, strict=True)])
    if new_history:
        insert_rows(con, "event_history", new_history)
    if placed:
        con.execute(
            "UPDATE mentions SET event_id = v.event_id FROM "
            "(SELECT unnest(?) AS mention_id, unnest(?) AS event_id) v "
            "WHERE mentions.mention_id = v.mention_id",
            [[m for m, _ in placed], [e for _, e in placed]],
        )
    refresh_events(con, refreshed, now=now)
    return touched


def _merge_all(con: Connection, groups: Sequence[Sequence[str]], now: dt.datetime) -> list[str]:
    """Merge each group of events into the one of it founded first (the others become its
    aliases), with one statement per table for all groups. Returns each group's survivor."""
    if not any(len(g) > 1 for g in groups):
        return [g[0] for g in groups]
    ids = sorted({e for g in groups if len(g) > 1 for e in g})
    rank = {
        str(e): i
        for i, (e,) in enumerate(
            con.execute(
                "SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?)) "
                "ORDER BY founded_seq, event_id",
                [ids],
            ).fetchall()
        )
    }
    survivors: list[str] = []
    moves: list[tuple[str, str]] = []  # (merged away, survivor)
    for g in groups:
        known = sorted((e for e in g if e in rank), key=rank.__getitem__)
        survivor = known[0] if known else g[0]
        survivors.append(survivor)
        moves += [(e, survivor) for e in known[1:]]
    if moves:
        gone, into = [a for a, _ in moves], [b for _, b in moves]
        for table in ("mentions", "event_aliases"):  # fixed table names, no input
            con.execute(
                f"UPDATE {table} SET event_id = v.survivor FROM "
                "(SELECT unnest(?) AS gone, unnest(?) AS survivor) v "
                f"WHERE {table}.event_id = v.gone",
                [gone, into],
            )
        insert_rows(con, "event_aliases", [[a, b, now] for a, b in moves])
        for table in ("event_history", "events"):
            con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?))", [gone])
    return survivors


def _actor(data: Mapping[str, Any] | None) -> Actor | None:
    if not data:
        return None
    return Actor(
        int(data["start"]),
        int(data["end"]),
        str(data["text"]),
        str(data["name"]),
        data.get("country"),
        data.get("sector"),
        data.get("kb_id"),
    )


def _claim(data: Mapping[str, Any]) -> Claim:
    cue = data.get("cue")
    span = Span(int(cue["start"]), int(cue["end"]), str(cue["text"])) if cue else None
    return Claim(_actor(data.get("source")), span, Stance(data["stance"]))


@dataclass(frozen=True)
class _Stored:
    data: dict[str, Any]
    published: dt.date | None
    article_id: str


def _tightest(whens: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The narrowest resolved range consistent with all resolved ones, else the first."""
    resolved = [w for w in whens if w and w.get("resolved") and w.get("start") and w.get("end")]
    if not resolved:
        return whens[0] if whens else None
    start = max(str(w["start"]) for w in resolved)
    end = min(str(w["end"]) for w in resolved)
    if start <= end:
        best = min(
            resolved,
            key=lambda w: (
                str(w["end"]) > end or str(w["start"]) < start,
                str(w["end"]) + str(w["start"]),
            ),
        )
        return {**best, "start": start, "end": end}
    return resolved[0]


def refresh_event(con: Connection, event_id: str, *, now: dt.datetime) -> None:
    """Recompute an event's fields, status and history from all its mentions."""
    refresh_events(con, [event_id], now=now)


EVENT_COLUMNS = (
    "event_type", "mode", "acled_type", "acled_subtype", "status", "when_start", "when_end",
    "when_granularity", "when_resolved", "place_name", "geonameid", "lat", "lon", "country",
    "admin1", "n_mentions", "n_articles", "first_published", "updated_at",
)  # fmt: skip


def refresh_events(con: Connection, event_ids: Sequence[str], *, now: dt.datetime) -> None:
    """Recompute events' fields, status and history from all their mentions: one query for
    the mentions, one UPDATE for the events, one DELETE and one insert for the history."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    rows = con.execute(
        "SELECT event_id, data, published, article_id FROM mentions "
        "WHERE event_id IN (SELECT unnest(?)) "
        "ORDER BY event_id, published NULLS LAST, article_id, start_offset",
        [ids],
    ).fetchall()
    by_event: dict[str, list[_Stored]] = {}
    for e, d, p, a in rows:
        by_event.setdefault(str(e), []).append(_Stored(json.loads(d), p, a))
    empty = [e for e in ids if e not in by_event]
    if empty:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [empty])
    present = [e for e in ids if e in by_event]
    if not present:
        return
    columns: list[list[object]] = [[] for _ in EVENT_COLUMNS]
    history: list[list[object]] = []
    for e in present:
        values, history_rows = _event_values(e, by_event[e], now=now)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
        history += history_rows
    sets = ", ".join(f"{c} = v.{c}" for c in EVENT_COLUMNS)  # fixed names, no input
    unnests = ", ".join(f"unnest(?) AS {c}" for c in EVENT_COLUMNS)
    con.execute(
        f"UPDATE events SET {sets} FROM (SELECT unnest(?) AS eid, {unnests}) v "
        "WHERE events.event_id = v.eid",
        [present, *columns],
    )
    con.execute("DELETE FROM event_history WHERE event_id IN (SELECT unnest(?))", [present])
    if history:
        insert_rows(con, "event_history", history)


def _event_values(
    event_id: str, stored: Sequence[_Stored], *, now: dt.datetime
) -> tuple[list[object], list[list[object]]]:
    """An event's fields (after its id) and history rows, derived from its mentions in order."""
    founder = next((x for x in stored if x.data["mention_id"] == event_id), stored[0])
    records = []
    for x in stored:
        m = x.data
        sides = [s for s in (side_of(_actor(a)) for a in m["actors"]) if s]
        records += mention_records(
            m["mention_id"],
            _claim(m["claim"]),
            [_claim(r) for r in m["responses"]],
            published=x.published,
            actor_sides=sides,
            event_type=m["event_type"],
        )
    status, history = derive_status(records)
    places = [x.data["place"] for x in stored if x.data.get("place")]
    towns = [p for p in places if p.get("precision") == "place"]
    founder_place = founder.data.get("place")
    place = founder_place if founder_place in towns else (towns or places or [None])[0]
    when = _tightest([founder.data.get("when") or {}] + [x.data.get("when") or {} for x in stored])
    t = founder.data
    published = [x.published for x in stored if x.published]
    values = [
        t["event_type"], t.get("mode"), t.get("acled_type"), t.get("acled_subtype"),
        status.value,
        (when or {}).get("start"), (when or {}).get("end"), (when or {}).get("granularity"),
        bool((when or {}).get("resolved")),
        (place or {}).get("name"), (place or {}).get("geonameid"), (place or {}).get("lat"),
        (place or {}).get("lon"), (place or {}).get("country"), (place or {}).get("admin1"),
        len(stored), len({x.article_id for x in stored}),
        min(published) if published else None, now,
    ]  # fmt: skip
    history_rows: list[list[object]] = [
        [event_id, seq, change.status.value, change.record.published, change.record.mention_id,
         change.record.claim.source.name if change.record.claim.source else None,
         change.record.claim.stance.value]
        for seq, change in enumerate(history)
    ]  # fmt: skip
    return values, history_rows


@dataclass(frozen=True)
class RebuildStats:
    """What a rebuild did."""

    mentions: int
    events_before: int
    events_after: int


def rebuild_events(con: Connection, *, settings: MatchSettings) -> RebuildStats:
    """Recompute every event from the stored mentions (after a settings change), in one
    transaction; articles and mentions are kept as they are, only the grouping is redone."""
    before = con.execute("SELECT count(*) FROM events").fetchone()
    rows = con.execute(
        "SELECT m.data, a.published FROM mentions m JOIN articles a USING (article_id) "
        "ORDER BY a.ingested_at, m.article_id, m.start_offset"
    ).fetchall()
    now = dt.datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("event_history", "event_aliases", "events"):
            con.execute(f"DELETE FROM {table}")  # fixed table names, no input
        con.execute("UPDATE mentions SET event_id = ''")
        items = [(json.loads(data), published) for data, published in rows]
        for i in range(0, len(items), REBUILD_BATCH):
            consolidate_batch(con, items[i : i + REBUILD_BATCH], settings=settings, now=now)
        after = con.execute("SELECT count(*) FROM events").fetchone()
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return RebuildStats(len(rows), int(before[0]) if before else 0, int(after[0]) if after else 0)
