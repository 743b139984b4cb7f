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
    when every key is a town, a box around them."""

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

    def sql(self) -> tuple[str, list[Any]]:
        """The same condition as `admits`, for the database."""
        when: list[str] = []
        params: list[Any] = []
        if self.dated:
            when.append("(when_resolved AND when_start <= ? AND when_end >= ?)")
            params += [self.dated[1], self.dated[0]]
        if self.published:
            when.append("(published BETWEEN ? AND ?)")
            params += [self.published[0], self.published[1]]
        clause = f"({' OR '.join(when)})"
        if self.box:
            clause += (
                " AND (lat IS NULL OR place_precision IS DISTINCT FROM 'place' "
                "OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))"
            )
            params += [*self.box]
        return f"({clause})", params

    def admits(self, row: Sequence[Any]) -> bool:
        """Whether a fetched row (resolved, start, end, published, lat, lon, precision) passes."""
        resolved, start, end, published, lat, lon, precision = row
        ok = bool(
            self.dated and resolved and start and end
            and start <= self.dated[1] and end >= self.dated[0]
        ) or bool(
            self.published and published and self.published[0] <= published <= self.published[1]
        )  # fmt: skip
        if ok and self.box and lat is not None and precision == "place":
            ok = self.box[0] <= lat <= self.box[1] and self.box[2] <= lon <= self.box[3]
        return ok


def _candidates(
    con: Connection, keys: Sequence[MentionKey], s: MatchSettings
) -> dict[Bucket, list[tuple[MentionKey, str]]]:
    """Per bucket (family and week), the stored mentions already placed in an event that
    blocking could pair with the bucket's keys, with their event ids: one query per family."""
    groups: dict[Bucket, list[MentionKey]] = {}
    for k in keys:
        b = _bucket(k)
        if b is not None:
            groups.setdefault(b, []).append(k)
    windows = {b: w for b, g in groups.items() if (w := _Window.of(b[0], g, s)) is not None}
    out: dict[Bucket, list[tuple[MentionKey, str]]] = {b: [] for b in windows}
    for fam in {b[0] for b in windows}:
        mine = {b: w for b, w in windows.items() if b[0] == fam}
        clauses = [w.sql() for w in mine.values()]
        params: list[Any] = [list(FAMILY_TYPES.get(fam, (fam,)))]
        for _, p in clauses:
            params += p
        rows = con.execute(
            "SELECT when_resolved, when_start, when_end, published, lat, lon, place_precision, "
            "coalesce(match_key, data), event_id FROM mentions WHERE event_id <> '' AND "
            f"list_contains(?, event_type) AND ({' OR '.join(c for c, _ in clauses)})",
            params,
        ).fetchall()
        for row in rows:
            other: MentionKey | None = None
            for b, w in mine.items():
                if w.admits(row[:7]):
                    other = other or key_from_json(row[7], row[3])
                    if other.family == fam:
                        out[b].append((other, row[8]))
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
    for nodes in groups.values():
        events = sorted(n[2:] for n in nodes if n.startswith("e:"))
        new = sorted((n[2:] for n in nodes if n.startswith("m:")), key=order.__getitem__)
        if not new:
            continue
        if events:
            survivor = _merge(con, events, now) if len(events) > 1 else events[0]
            refreshed.append(survivor)
        else:
            survivor = new[0]
            stored = [_Stored(dict(by_id[n][0]), by_id[n][1], str(by_id[n][0]["article_id"]))
                      for n in new]  # fmt: skip
            values, history_rows = _event_values(survivor, stored, now=now)
            new_events.append([survivor, *values])
            new_history += history_rows
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
    for survivor in refreshed:
        refresh_event(con, survivor, now=now)
    return touched


def _merge(con: Connection, event_ids: Sequence[str], now: dt.datetime) -> str:
    """Merge events into the one founded first; the others become its aliases."""
    rows = con.execute(
        "SELECT event_id FROM events WHERE list_contains(?, event_id) "
        "ORDER BY founded_seq, event_id",
        [list(event_ids)],
    ).fetchall()
    survivor = rows[0][0]
    for (other,) in rows[1:]:
        con.execute("UPDATE mentions SET event_id = ? WHERE event_id = ?", [survivor, other])
        con.execute("UPDATE event_aliases SET event_id = ? WHERE event_id = ?", [survivor, other])
        con.execute("INSERT INTO event_aliases VALUES (?, ?, ?)", [other, survivor, now])
        con.execute("DELETE FROM event_history WHERE event_id = ?", [other])
        con.execute("DELETE FROM events WHERE event_id = ?", [other])
    return str(survivor)


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
    rows = con.execute(
        "SELECT data, published, article_id FROM mentions WHERE event_id = ? "
        "ORDER BY published NULLS LAST, article_id, start_offset",
        [event_id],
    ).fetchall()
    stored = [_Stored(json.loads(d), p, a) for d, p, a in rows]
    if not stored:
        con.execute("DELETE FROM events WHERE event_id = ?", [event_id])
        return
    values, history_rows = _event_values(event_id, stored, now=now)
    con.execute(
        "UPDATE events SET event_type = ?, mode = ?, acled_type = ?, acled_subtype = ?, "
        "status = ?, when_start = ?, when_end = ?, when_granularity = ?, "
        "when_resolved = ?, place_name = ?, geonameid = ?, lat = ?, lon = ?, country = ?, "
        "admin1 = ?, n_mentions = ?, n_articles = ?, first_published = ?, updated_at = ? "
        "WHERE event_id = ?",
        [*values, event_id],
    )
    con.execute("DELETE FROM event_history WHERE event_id = ?", [event_id])
    if history_rows:
        insert_rows(con, "event_history", history_rows)


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
