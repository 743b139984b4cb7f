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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from sitrep.consolidate.match import MatchSettings, MentionKey, key_of, matches
from sitrep.consolidate.status import derive_status, mention_records, side_of
from sitrep.model import Actor, Claim, Span, Stance

Connection = duckdb.DuckDBPyConnection
REBUILD_BATCH = 500
FAMILY_TYPES = {"TERRITORY": ("ASSAULT", "RETREAT"), "STRIKE": ("ASSAULT",)}


def _anchor(key: MentionKey) -> dt.date | None:
    return key.start if key.resolved and key.start else key.published


def _candidates(
    con: Connection, keys: Sequence[MentionKey], s: MatchSettings
) -> list[tuple[MentionKey, str]]:
    """Stored mentions (already placed in an event) that blocking could pair with any of
    `keys`, with their event ids: one query per family and week of the keys' dates."""
    buckets: dict[tuple[str, int, int], list[MentionKey]] = {}
    for k in keys:
        day = _anchor(k)
        if day is not None:
            iso = day.isocalendar()
            buckets.setdefault((k.family, iso.year, iso.week), []).append(k)
    out: dict[str, tuple[MentionKey, str]] = {}
    for (fam, _, _), group in buckets.items():
        for other, event_id in _bucket_candidates(con, fam, group, s):
            out[other.mention_id] = (other, event_id)
    return list(out.values())


def _bucket_candidates(
    con: Connection, fam: str, keys: Sequence[MentionKey], s: MatchSettings
) -> list[tuple[MentionKey, str]]:
    """The SQL keeps every pair `match.score` could accept on dates: overlapping date ranges
    for dated pairs, publication within `window_days` otherwise."""
    days = s.territory_slack_days if fam == "TERRITORY" else s.date_slack_days
    slack = dt.timedelta(days=days)
    window = dt.timedelta(days=s.window_days)
    dated = [k for k in keys if k.resolved and k.start and k.end]
    published = [k.published for k in keys if k.published is not None]
    params: list[Any] = [list(FAMILY_TYPES.get(fam, (fam,)))]
    when = []
    if dated:
        when.append("(m.when_resolved AND m.when_start <= ? AND m.when_end >= ?)")
        params += [max(k.end for k in dated if k.end) + slack,
                   min(k.start for k in dated if k.start) - slack]  # fmt: skip
    if published:
        when.append("(m.published BETWEEN ? AND ?)")
        params += [min(published) - window, max(published) + window]
    if not when:
        return []
    rows = con.execute(
        "SELECT data, published, event_id FROM mentions m "
        f"WHERE event_id <> '' AND list_contains(?, event_type) AND ({' OR '.join(when)})",
        params,
    ).fetchall()
    found = []
    for data, pub, event_id in rows:
        other = key_of(json.loads(data), pub)
        if other.family == fam:
            found.append((other, event_id))
    return found


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
    existing: dict[str, list[tuple[MentionKey, str]]] = {}
    for other, event_id in _candidates(con, keys, settings):
        existing.setdefault(other.family, []).append((other, event_id))
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
        for other, event_id in existing.get(k.family, ()):
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
            _write_event(con, survivor, stored, now=now, insert=True)
        placed += [(n, survivor) for n in new]
        touched.add(survivor)
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
    _write_event(con, event_id, stored, now=now, insert=False)


def _write_event(
    con: Connection,
    event_id: str,
    stored: Sequence[_Stored],
    *,
    now: dt.datetime,
    insert: bool,
) -> None:
    """Write an event's fields, status and history as derived from its mentions (in order)."""
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
    if insert:
        con.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, "
            "nextval('event_seq'))",
            [event_id, *values],
        )
    else:
        con.execute(
            "UPDATE events SET event_type = ?, mode = ?, acled_type = ?, acled_subtype = ?, "
            "status = ?, when_start = ?, when_end = ?, when_granularity = ?, "
            "when_resolved = ?, place_name = ?, geonameid = ?, lat = ?, lon = ?, country = ?, "
            "admin1 = ?, n_mentions = ?, n_articles = ?, first_published = ?, updated_at = ? "
            "WHERE event_id = ?",
            [*values, event_id],
        )
    if not insert:
        con.execute("DELETE FROM event_history WHERE event_id = ?", [event_id])
    for seq, change in enumerate(history):
        src = change.record.claim.source
        con.execute(
            "INSERT INTO event_history VALUES (?,?,?,?,?,?,?)",
            [event_id, seq, change.status.value, change.record.published,
             change.record.mention_id, src.name if src else None,
             change.record.claim.stance.value],
        )  # fmt: skip


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
