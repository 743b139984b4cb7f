"""The DuckDB store: opening, ordered migrations, batch writes in one transaction each.

All SQL of sitrep lives in this package, always with bound parameters. DuckDB allows a single
writing process per file; `open_db` turns a lock conflict into a StorageError that says so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from sitrep.consolidate.match import MatchSettings, key_json, key_of
from sitrep.errors import StorageError
from sitrep.model import Analysis, Failure, Mention, to_json
from sitrep.public import mention_json
from sitrep.storage.bulk import insert_rows
from sitrep.storage.consolidation import consolidate_batch

log = logging.getLogger(__name__)

Connection = duckdb.DuckDBPyConnection


def _migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped with sitrep, in order."""
    folder = resources.files("sitrep.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    versions = [v for v, _ in found]
    if len(versions) != len(set(versions)):
        raise StorageError(f"two migrations share a number: {sorted(versions)}")
    return sorted(found)


def schema_version(con: Connection) -> int:
    """The highest migration applied to this database (0 for a new one)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def migrate(con: Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction."""
    current = schema_version(con)
    for version, sql in _migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [version, dt.datetime.now()])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StorageError(f"migration {version:03d} failed: {exc}") from exc
        log.info("applied migration %03d", version)
        current = version
    return current


def open_db(path: str | Path, *, read_only: bool = False) -> Connection:
    """A connection to the sitrep database at `path`, created and migrated as needed."""
    p = Path(path)
    if read_only and not p.exists():
        raise StorageError(f"database {p} does not exist; run `sitrep ingest` first")
    if not read_only and p.parent and not p.parent.exists():
        raise StorageError(f"folder {p.parent} does not exist; create it or choose --db")
    try:
        con = duckdb.connect(str(p), read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StorageError(
                f"database {p} is locked by another process (a running `sitrep serve` or "
                "ingest?): send articles to the server with POST /articles, stop it, or use "
                "another --db"
            ) from None
        raise StorageError(f"cannot open database {p}: {msg.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise StorageError(f"{p} is not a sitrep database: {exc}") from None
    if not read_only:
        migrate(con)
    elif schema_version_ro(con) == 0:
        raise StorageError(f"{p} has no sitrep schema; run `sitrep ingest` on it first")
    return con


def schema_version_ro(con: Connection) -> int:
    """Schema version without creating anything (read-only connections)."""
    try:
        row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


def known_article_ids(con: Connection, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are already stored."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [wanted]
    ).fetchall()
    return {r[0] for r in rows}


@dataclass(frozen=True)
class WriteStats:
    """What one batch write stored."""

    articles: int
    mentions: int
    events: int
    failures: int


def _article_row(analysis: Analysis, analysed_with: str, now: dt.datetime) -> list[object]:
    a = analysis.article
    extra = {
        "places": [to_json(x) for x in analysis.places],
        "times": [to_json(x) for x in analysis.times],
        "quotes": [to_json(x) for x in analysis.quotes],
        "attributions": [to_json(x) for x in analysis.attributions],
    }
    return [
        a.article_id,
        a.input_id,
        a.url,
        a.outlet,
        a.title,
        a.published,
        a.language,
        a.source,
        a.fetched_at,
        now,
        json.dumps(list(analysis.warnings)),
        a.text,
        json.dumps(extra),
        analysed_with,
    ]


def _mention_row(
    m: Mention, status: str, published: dt.date | None, public: dict[str, Any]
) -> list[object]:
    when = m.when
    place = m.place
    src = m.claim.source
    return [
        m.mention_id,
        m.article_id,
        "",  # event_id: set when consolidation places the mention in an event
        m.start,
        m.end,
        m.trigger,
        m.sentence.start,
        m.sentence.end,
        m.event_type,
        m.mode,
        m.acled_type,
        m.acled_subtype,
        m.confidence,
        m.modality.value,
        status,
        src.name if src else None,
        src.country if src else None,
        m.claim.stance.value,
        when.start if when else None,
        when.end if when else None,
        bool(when and when.resolved),
        place.name if place else None,
        place.geonameid if place else None,
        place.lat if place else None,
        place.lon if place else None,
        place.country if place else None,
        json.dumps(public),
        place.precision.value if place and place.precision else None,
        published,
        key_json(key_of(public, published)),
    ]


def _actor_rows(m: Mention) -> list[list[object]]:
    rows: list[list[object]] = []
    for role, actors in (("actor", m.actors), ("recipient", m.recipients)):
        for a in actors:
            rows.append([m.mention_id, role, a.name, a.text, a.country, a.sector])
    if m.claim.source is not None:
        s = m.claim.source
        rows.append([m.mention_id, "source", s.name, s.text, s.country, s.sector])
    return rows


def write_batch(
    con: Connection,
    analyses: Sequence[Analysis],
    failures: Sequence[Failure],
    *,
    analysed_with: str,
    match: MatchSettings | None = None,
) -> WriteStats:
    """Store analysed articles (skipping known ones) and failures in one transaction; each
    new mention joins the event it reports or founds one (`storage.consolidation`)."""
    now = dt.datetime.now()
    seen = known_article_ids(con, [a.article.article_id for a in analyses])
    unique = []
    for a in analyses:
        if a.article.article_id not in seen:
            seen.add(a.article.article_id)
            unique.append(a)
    n_mentions = 0
    placed: list[tuple[dict[str, Any], dt.date | None]] = []
    mention_rows: list[list[object]] = []
    all_actor_rows: list[list[object]] = []
    try:
        con.execute("BEGIN TRANSACTION")
        events_before = _count(con, "events")
        for analysis in unique:
            con.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                _article_row(analysis, analysed_with, now),
            )
            for m in analysis.mentions:
                published = analysis.article.published
                row, actor_rows, public = _mention_rows(m, published)
                mention_rows.append(row)
                all_actor_rows += actor_rows
                placed.append((public, published))
                n_mentions += 1
        if mention_rows:
            insert_rows(con, "mentions", mention_rows)
        if all_actor_rows:
            insert_rows(con, "mention_actors", all_actor_rows)
        consolidate_batch(con, placed, settings=match or MatchSettings(), now=now)
        for f in failures:
            con.execute(
                "INSERT INTO failures VALUES (?,?,?,?,?)",
                [f.source, f.reason, f.stage, f.article_id, now],
            )
        new_events = _count(con, "events") - events_before
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StorageError(f"writing a batch of {len(unique)} articles failed: {exc}") from exc
    return WriteStats(len(unique), n_mentions, new_events, len(failures))


def _count(con: Connection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # table: a literal name
    return int(row[0]) if row else 0


def _mention_rows(
    m: Mention, published: dt.date | None
) -> tuple[list[object], list[list[object]], dict[str, Any]]:
    """The mention's row, its actors' rows and its public JSON (its event is settled later
    by `consolidate_batch`)."""
    public = mention_json(m)
    return _mention_row(m, m.status.value, published, public), _actor_rows(m), public
