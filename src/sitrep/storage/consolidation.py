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
FAMILY_TYPES = {"TERRITORY": ("ASSAULT", "RETREAT"), "STRIKE": ("ASSAULT",)}
# undated candidates are looked for among articles published this many days apart at most
PUBLISHED_REACH_DAYS = 45


def _types(key: MentionKey) -> list[str]:
    return list(FAMILY_TYPES.get(key.family, (key.family,)))


def _candidates(con: Connection, key: MentionKey, s: MatchSettings) -> list[tuple[MentionKey, str]]:
    """Stored mentions that blocking could pair with `key`, with their event ids."""
    params: list[Any] = [_types(key)]
    clauses = []
    if key.published is not None:
        reach = max(s.window_days, PUBLISHED_REACH_DAYS)
        clauses.append("abs(date_diff('day', a.published, ?)) <= ?")
        params += [key.published, reach]
    if key.resolved and key.start and key.end:
        days = s.territory_slack_days if key.family == "TERRITORY" else s.date_slack_days
        slack = dt.timedelta(days=days)
        clauses.append("(m.when_resolved AND m.when_start <= ? AND m.when_end >= ?)")
        params += [key.end + slack, key.start - slack]
    if not clauses:
        return []
    rows = con.execute(
        "SELECT m.data, a.published, m.event_id FROM mentions m JOIN articles a "
        "USING (article_id) JOIN events e ON e.event_id = m.event_id "  # mentions placed so far
        f"WHERE list_contains(?, m.event_type) AND ({' OR '.join(clauses)})",
        params,
    ).fetchall()
    out = []
    for data, published, event_id in rows:
        other = key_of(json.loads(data), published)
        if other.family == key.family:
            out.append((other, event_id))
    return out


def join_event(
    con: Connection,
    mention: Mapping[str, Any],
    published: dt.date | None,
    *,
    settings: MatchSettings,
    now: dt.datetime,
) -> str:
    """Attach a stored mention to its event (found, merged or new); the event's id."""
    key = key_of(mention, published)
    matched = sorted(
        {
            event_id
            for other, event_id in _candidates(con, key, settings)
            if other.mention_id != key.mention_id and matches(key, other, settings)
        }
    )
    if not matched:
        con.execute(
            "INSERT INTO events (event_id, event_type, status, when_resolved, n_mentions, "
            "n_articles, updated_at, founded_seq) "
            "VALUES (?, ?, 'reported', false, 0, 0, ?, nextval('event_seq'))",
            [key.mention_id, mention["event_type"], now],
        )
        survivor = key.mention_id
    else:
        survivor = _merge(con, matched, now)
    con.execute("UPDATE mentions SET event_id = ? WHERE mention_id = ?", [survivor, key.mention_id])
    refresh_event(con, survivor, now=now)
    return survivor


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
        "SELECT m.data, a.published, m.article_id FROM mentions m JOIN articles a "
        "USING (article_id) WHERE m.event_id = ? "
        "ORDER BY a.published NULLS LAST, m.article_id, m.start_offset",
        [event_id],
    ).fetchall()
    stored = [_Stored(json.loads(d), p, a) for d, p, a in rows]
    if not stored:
        con.execute("DELETE FROM events WHERE event_id = ?", [event_id])
        return
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
    con.execute(
        "UPDATE events SET event_type = ?, mode = ?, acled_type = ?, acled_subtype = ?, "
        "status = ?, when_start = ?, when_end = ?, when_granularity = ?, when_resolved = ?, "
        "place_name = ?, geonameid = ?, lat = ?, lon = ?, country = ?, admin1 = ?, "
        "n_mentions = ?, n_articles = ?, first_published = ?, updated_at = ? "
        "WHERE event_id = ?",
        [
            t["event_type"],
            t.get("mode"),
            t.get("acled_type"),
            t.get("acled_subtype"),
            status.value,
            (when or {}).get("start"),
            (when or {}).get("end"),
            (when or {}).get("granularity"),
            bool((when or {}).get("resolved")),
            (place or {}).get("name"),
            (place or {}).get("geonameid"),
            (place or {}).get("lat"),
            (place or {}).get("lon"),
            (place or {}).get("country"),
            (place or {}).get("admin1"),
            len(stored),
            len({x.article_id for x in stored}),
            min(published) if published else None,
            now,
            event_id,
        ],
    )
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
        con.execute("UPDATE mentions SET event_id = mention_id")
        for data, published in rows:
            join_event(con, json.loads(data), published, settings=settings, now=now)
        after = con.execute("SELECT count(*) FROM events").fetchone()
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return RebuildStats(len(rows), int(before[0]) if before else 0, int(after[0]) if after else 0)
