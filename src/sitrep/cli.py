"""The `sitrep` command line. Each command is a thin wrapper over library functions.

Exit codes: 0 success; 2 some inputs failed (recorded, the rest processed); 1 usage,
configuration, resource or storage error (one red line; `--debug` shows the traceback).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import logging
import platform
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from sitrep import __version__
from sitrep.config import HELP, Settings, flat_settings, load_settings
from sitrep.errors import ConfigError, SitrepError
from sitrep.export import FLAT_FIELDS, flat_row, sources_label
from sitrep.model import Analysis, Article, Failure, content_hash

app = typer.Typer(
    name="sitrep",
    help="News reports on war and politics → a verified event ledger: who did what to whom, "
    "where, when, and who says so.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class State:
    """What the global options set, handed to every command."""

    settings: Settings = field(default_factory=Settings)
    origin: dict[str, str] = field(default_factory=dict)
    debug: bool = False


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="settings file (default ./sitrep.toml)")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="override a setting: --set nlp.model=NAME")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks and debug logs")] = False,
    version: Annotated[bool, typer.Option("--version", help="print the version")] = False,
) -> None:
    """Global options."""
    if version:
        out.print(f"sitrep {__version__}")
        raise typer.Exit(0)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    settings, origin = load_settings(config_file=config, overrides=set_ or ())
    ctx.obj = State(settings=settings, origin=origin, debug=debug)


def _db_path(state: State, db: Path | None) -> Path:
    return db if db is not None else Path(state.settings.storage.path)


def _parse_date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{flag}: expected a date YYYY-MM-DD, got {value!r}") from None


DbOption = Annotated[
    Path | None, typer.Option("--db", help="DuckDB file (setting storage.path)", show_default=False)
]


# ---------------------------------------------------------------- setup, config, doctor


@app.command()
def setup(ctx: typer.Context) -> None:
    """Build the gazetteer and check the model and actor KB (run once; `make setup` does it)."""
    from sitrep.pipeline import load_resources

    state = _state(ctx)
    started = time.perf_counter()
    with err.status("building the gazetteer and loading the model …"):
        res = load_resources(state.settings)
    out.print(
        f"[green]ready[/] in {time.perf_counter() - started:.1f}s: "
        f"spaCy pipeline {res.model_name} {res.nlp.meta.get('version')}, "
        f"gazetteer in {state.settings.knowledge.dir}"
    )


@app.command("config")
def config_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Print the effective settings and where each value came from."""
    state = _state(ctx)
    flat = flat_settings(state.settings)
    if as_json:
        out.print_json(json.dumps(flat))
        return
    table = Table("setting", "value", "from", "help")
    for key, value in flat.items():
        table.add_row(key, escape(str(value)), state.origin.get(key, "default"), HELP.get(key, ""))
    out.print(table)


@app.command()
def doctor(ctx: typer.Context, db: DbOption = None) -> None:
    """Check the model, gazetteer, actor KB and database, and print versions."""
    import duckdb
    import spacy

    from sitrep.knowledge.actors import load_actor_kb
    from sitrep.knowledge.gazetteer import ensure_gazetteer
    from sitrep.nlp import load_nlp
    from sitrep.storage.db import open_db, schema_version_ro

    state = _state(ctx)
    s = state.settings
    table = Table("check", "result", "detail")
    ok = True

    def check(name: str, fn: Any) -> None:
        nonlocal ok
        started = time.perf_counter()
        try:
            detail = fn()
            ms = (time.perf_counter() - started) * 1000
            table.add_row(name, "[green]ok[/]", escape(f"{detail} ({ms:.0f} ms)"))
        except Exception as exc:
            ok = False
            table.add_row(name, "[red]FAIL[/]", escape(f"{type(exc).__name__}: {exc}"))

    table.add_row("python", "[green]ok[/]", platform.python_version())
    table.add_row("sitrep", "[green]ok[/]", __version__)
    table.add_row("duckdb", "[green]ok[/]", duckdb.__version__)
    check(
        "spaCy pipeline",
        lambda: (
            f"spaCy {spacy.__version__}; {s.nlp.model} {load_nlp(s.nlp.model).meta.get('version')}"
        ),
    )
    check("sentence encoder", lambda: _encoder_detail(s.nlp.encoder, s.nlp.encoder_sentences))
    check("typing model", _typing_detail)
    check("gazetteer", lambda: ensure_gazetteer(Path(s.knowledge.dir)).describe())
    check("actor KB", lambda: load_actor_kb().describe())

    def database() -> str:
        path = _db_path(state, db)
        if not path.exists():
            return f"{path} not created yet (sitrep ingest creates it)"
        con = open_db(path, read_only=True)
        try:
            return f"{path}: schema v{schema_version_ro(con)}"
        finally:
            con.close()

    check("database", database)
    out.print(table)
    if not ok:
        raise typer.Exit(1)


def _encoder_detail(name: str, sentences: int) -> str:
    """What `doctor` says of the sentence encoder (loading it checks that it works)."""
    if not name:
        return "off (nlp.encoder is empty): events are typed on trigger features alone"
    from sitrep.nlp.embed import load_encoder

    dims = load_encoder(name).encode(["Troops shelled the town."]).shape[1]
    return f"{name}, {dims} dimensions, int8 on the CPU; reads {sentences} sentences an article"


def _typing_detail() -> str:
    """What `doctor` says of the bundled typing model."""
    from sitrep.stages.typing_model import load_typing_model

    plain, joint = load_typing_model(False), load_typing_model(True)
    return (
        f"{len(plain.labels)} labels; {len(plain.rows):,} feature rows (features only), "
        f"{len(joint.rows):,} + embedding (joint)"
    )


# ---------------------------------------------------------------- ingest


def _meta(published: str | None, outlet: str | None, url: str | None, title: str | None) -> Any:
    from sitrep.ingest import ArticleMeta

    return ArticleMeta(
        published=_parse_date(published, "--published"), outlet=outlet, url=url, title=title
    )


PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="publication date YYYY-MM-DD")
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="outlet name")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="article URL")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="headline")]


@dataclass
class IngestTally:
    """Counts for the end-of-batch summary."""

    new: int = 0
    known: int = 0
    mentions: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help="files, folders, URLs or feeds; - = stdin")],
    db: DbOption = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    url: UrlOpt = None,
    title: TitleOpt = None,
) -> None:
    """Read articles, extract their events and store them in the database."""
    from sitrep.consolidate.match import match_settings
    from sitrep.ingest import load_source, plan_sources
    from sitrep.pipeline import analyse, load_resources
    from sitrep.storage.db import known_article_ids, open_db, write_batch
    from sitrep.storage.queries import summary

    state = _state(ctx)
    s = state.settings
    meta = _meta(published, outlet, url, title)
    sources = plan_sources(inputs)
    con = open_db(_db_path(state, db))
    with err.status("loading the model and gazetteer …"):
        res = load_resources(s)
    tally = IngestTally()
    pending: list[Article] = []
    pending_failures: list[Failure] = []
    seen: set[str] = set()

    def flush() -> None:
        analyses: list[Analysis] = []
        failures = list(pending_failures)
        for item in analyse(pending, res, batch_size=s.nlp.batch_size):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                analyses.append(item)
            progress.advance(analysed)
        stats = write_batch(
            con, analyses, failures, analysed_with=res.analysed_with, match=match_settings(s.merge)
        )
        tally.new += stats.articles
        tally.mentions += stats.mentions
        tally.failures.extend(failures)
        pending.clear()
        pending_failures.clear()

    progress = Progress(
        TextColumn("[bold]{task.fields[label]:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=False,
    )
    with progress:
        task = progress.add_task("", total=len(sources), label="read")
        analysed = progress.add_task("", total=0, label="analyse")
        for source in sources:
            progress.update(task, description=escape(str(source))[-60:])
            items = load_source(source, settings=s.ingest, meta=meta)
            articles = [i for i in items if isinstance(i, Article)]
            known = known_article_ids(con, [a.article_id for a in articles]) | seen
            for item in items:
                if isinstance(item, Failure):
                    pending_failures.append(item)
                elif item.article_id in known:
                    tally.known += 1
                else:
                    seen.add(item.article_id)
                    known.add(item.article_id)
                    tally.warnings.update(item.warnings)
                    pending.append(item)
                    progress.update(analysed, total=(progress.tasks[analysed].total or 0) + 1)
            if len(pending) >= s.storage.batch_size:
                flush()
            progress.advance(task)
        flush()
    totals = summary(con)
    con.close()
    _print_ingest_summary(tally, totals, _db_path(state, db))
    if tally.failures:
        raise typer.Exit(2)


def _print_ingest_summary(tally: IngestTally, totals: dict[str, Any], path: Path) -> None:
    table = Table(title=f"ingest → {path}", show_header=False)
    table.add_row("articles new", str(tally.new))
    table.add_row("already known", str(tally.known))
    table.add_row("failed", str(len(tally.failures)))
    table.add_row("mentions found", str(tally.mentions))
    table.add_row("events in store", str(totals["events"]))
    table.add_row("articles in store", str(totals["articles"]))
    out.print(table)
    for warning, n in tally.warnings.most_common():
        err.print(f"[yellow]warning[/] ({n} article{'s' if n > 1 else ''}): {escape(warning)}")
    for f in tally.failures[:50]:
        err.print(f"[red]failed[/] {escape(f.source)}: {escape(f.reason)}")
    if len(tally.failures) > 50:
        err.print(f"… and {len(tally.failures) - 50} more (see `sitrep failures`)")


@app.command()
def failures(ctx: typer.Context, db: DbOption = None, limit: int = 50) -> None:
    """List the most recent inputs that could not be processed, with their reasons."""
    from sitrep.storage.db import open_db
    from sitrep.storage.queries import list_failures

    con = open_db(_db_path(_state(ctx), db), read_only=True)
    rows = list_failures(con, limit)
    con.close()
    table = Table(
        Column("when", no_wrap=True),
        Column("stage", no_wrap=True),
        Column("source", no_wrap=True),  # a path or URL stays whole; the reason wraps instead
        Column("reason", ratio=1, overflow="fold"),
    )
    for r in rows:
        table.add_row(r["occurred_at"][:19], r["stage"], escape(r["source"]), escape(r["reason"]))
    out.print(table)


# ---------------------------------------------------------------- extract


def _extract_articles(
    inputs: Sequence[str], state: State, meta: Any
) -> Iterator[Article | Failure]:
    from sitrep.ingest import load_source, plan_sources

    for source in plan_sources(inputs):
        yield from load_source(source, settings=state.settings.ingest, meta=meta)


@app.command()
def extract(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help=".txt, .jsonl, .html, URL, or - (stdin)")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write JSON Lines here, not stdout")
    ] = None,
    with_text: Annotated[bool, typer.Option("--text", help="include each document's text")] = False,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    url: UrlOpt = None,
    title: TitleOpt = None,
) -> None:
    """Analyse documents without storing anything; one JSON object per document (JSON Lines)."""
    from sitrep.pipeline import analyse, load_resources
    from sitrep.public import analysis_json

    state = _state(ctx)
    meta = _meta(published, outlet, url, title)
    res = load_resources(state.settings)
    items = list(_extract_articles(inputs, state, meta))
    failed = [i for i in items if isinstance(i, Failure)]
    articles = [i for i in items if isinstance(i, Article)]
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for result in analyse(articles, res, batch_size=state.settings.nlp.batch_size):
            if isinstance(result, Failure):
                failed.append(result)
                continue
            data = analysis_json(result)
            if with_text:
                data["text"] = result.article.text
            sink.write(json.dumps(data, ensure_ascii=False) + "\n")
    finally:
        if output:
            sink.close()
    for f in failed:
        err.print(f"[red]failed[/] {escape(f.source)}: {escape(f.reason)}")
    if failed:
        raise typer.Exit(2)


# ---------------------------------------------------------------- events, show


FORMATS = ("table", "json", "jsonl", "csv")


def _actor_label(actors: Sequence[dict[str, Any]]) -> str:
    return ", ".join(
        f"{a['name']}" + (f" ({a['country']})" if a.get("country") else "") for a in actors
    )


def _when_label(when: dict[str, Any] | None) -> str:
    if not when:
        return ""
    if not when.get("resolved"):
        return f"≤{when.get('end') or '?'}"
    start, end = when.get("start"), when.get("end")
    return str(start) if start == end else f"{start}…{end}"


def _print_events(events: list[dict[str, Any]], fmt: str, total: int) -> None:
    if fmt == "json":
        out.file.write(json.dumps(events, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for e in events:
            out.file.write(json.dumps(e, ensure_ascii=False) + "\n")
    elif fmt == "csv":  # the same flat record as `sitrep export --format csv`
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_FIELDS)
        writer.writeheader()
        for e in events:
            writer.writerow(flat_row(e))
        out.file.write(buf.getvalue())
    else:
        table = Table(
            "id",
            "when",
            "type",
            "who → whom",
            "where",
            "status",
            "who says so",
            title=f"{len(events)} of {total} events",
            show_lines=False,
        )
        for e in events:
            place = e["place"] or {}
            who = _actor_label(e["actors"])
            whom = _actor_label(e["recipients"])
            typ = e["event_type"] + (f"/{e['mode']}" if e["mode"] else "")
            table.add_row(
                e["event_id"][:10],
                _when_label(e["when"]),
                escape(typ),
                escape(who + (f" → {whom}" if whom else "")),
                escape(place.get("name") or ""),
                e["status"],
                escape(sources_label(e)),
            )
        out.print(table)


TypeOpt = Annotated[
    list[str] | None, typer.Option("--type", help="PLOVER type (repeatable): ASSAULT, ...")
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="actor name contains")]
CountryOpt = Annotated[
    str | None, typer.Option("--country", help="ISO alpha-3 of an actor or the place")
]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="place name")]
RadiusOpt = Annotated[
    float | None, typer.Option("--radius-km", help="with --place: events within this radius")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD")]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="reported|claimed|confirmed|denied|disputed (repeatable)"),
]


def _event_filter(
    state: State,
    type_: list[str] | None,
    actor: str | None,
    country: str | None,
    place: str | None,
    radius_km: float | None,
    since: str | None,
    until: str | None,
    status: list[str] | None,
    sort: str,
) -> Any:
    """The EventFilter of the filter flags shared by `events` and `export`, checked."""
    from sitrep.model import Status
    from sitrep.storage.queries import EventFilter

    valid = {s.value for s in Status}
    for st in status or ():
        if st.lower() not in valid:
            raise ConfigError(f"--status: expected one of {', '.join(sorted(valid))}, got {st!r}")
    near = None
    if radius_km is not None:
        if not place:
            raise ConfigError("--radius-km needs --place")
        if radius_km <= 0:
            raise ConfigError(f"--radius-km must be positive, got {radius_km}")
        near = _locate(state, place, radius_km)
    return EventFilter(
        types=tuple(type_ or ()),
        actor=actor,
        country=country,
        place=place,
        near=near,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        statuses=tuple(status or ()),
        sort=sort,
    )


@app.command()
def events(
    ctx: typer.Context,
    db: DbOption = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table|json|jsonl|csv")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="at most this many")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="skip this many")] = 0,
    sort: Annotated[str, typer.Option("--sort", help="date|published|mentions")] = "date",
) -> None:
    """List stored events with filters."""
    from sitrep.storage.db import open_db
    from sitrep.storage.queries import count_events, list_events

    state = _state(ctx)
    if fmt not in FORMATS:
        raise ConfigError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    flt = dataclasses.replace(
        _event_filter(state, type_, actor, country, place, radius_km, since, until, status, sort),
        limit=limit,
        offset=offset,
    )
    con = open_db(_db_path(state, db), read_only=True)
    try:
        rows = list_events(con, flt)
        total = count_events(con, flt)
    finally:
        con.close()
    _print_events(rows, fmt, total)


def _locate(state: State, name: str, radius_km: float) -> tuple[float, float, float]:
    from sitrep.knowledge.gazetteer import ensure_gazetteer, resolve_place_name

    entry = resolve_place_name(name, ensure_gazetteer(Path(state.settings.knowledge.dir)))
    if entry is None or entry.lat is None or entry.lon is None:
        raise ConfigError(f"--place: {name!r} is not in the gazetteer; try another spelling")
    return (entry.lat, entry.lon, radius_km)


@app.command()
def show(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="event id (a unique prefix is enough)")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Print one event with each mention's sentence, claim and article."""
    from sitrep.storage.db import open_db
    from sitrep.storage.queries import event_ids_starting, get_event

    con = open_db(_db_path(_state(ctx), db), read_only=True)
    try:
        matches = event_ids_starting(con, event_id)
        if len(matches) != 1:
            what = "no event" if not matches else f"{len(matches)} events"
            raise ConfigError(f"{what} with id starting {event_id!r}")
        event = get_event(con, matches[0])
    finally:
        con.close()
    assert event is not None
    if as_json:
        out.file.write(json.dumps(event, ensure_ascii=False, indent=2) + "\n")
        return
    _print_event(event)


def _print_event(e: dict[str, Any]) -> None:
    place = e["place"] or {}
    typ = e["event_type"] + (f" / {e['mode']}" if e["mode"] else "")
    acled = " / ".join(x for x in (e["acled_type"], e["acled_subtype"]) if x) or "—"
    out.print(f"[bold]event {e['event_id']}[/]  {escape(typ)}   ACLED: {escape(acled)}")
    out.print(f"status: [bold]{e['status']}[/]   when: {_when_label(e['when']) or '—'}")
    if place:
        out.print(
            f"where: {escape(place.get('name') or '')} ({place.get('country')}, "
            f"{place.get('lat')}, {place.get('lon')}; {escape(place.get('reason') or '')})"
        )
    out.print(f"actors: {escape(_actor_label(e['actors']) or '—')}")
    out.print(f"recipients: {escape(_actor_label(e['recipients']) or '—')}")
    for h in e["history"]:
        out.print(
            f"  history: {h['status']} ({h['date']}, {h['source'] or 'outlet'}: {h['stance']})"
        )
    for c in e["claims"]:
        src = (
            c["source"]["name"] if c["source"] else f"{c.get('outlet') or 'the outlet'} (own voice)"
        )
        cue = f" “{c['cue']['text']}”" if c.get("cue") else ""
        kind = "response" if c["response"] else "claim"
        out.print(f"  {kind}: {escape(src)} — {c['stance']}{escape(cue)}")
    for m in e["mentions"]:
        out.print(
            f"\n[dim]{escape(m.get('outlet') or '?')}, {m.get('published') or 'undated'}, "
            f"article {m['article_id']}[/]"
        )
        sent = m["sentence"]["text"]
        rel_s = m["start"] - m["sentence"]["start"]
        rel_e = m["end"] - m["sentence"]["start"]
        out.print(
            "  "
            + escape(sent[:rel_s])
            + "[bold underline]"
            + escape(sent[rel_s:rel_e])
            + "[/]"
            + escape(sent[rel_e:])
        )


# ---------------------------------------------------------------- export, serve


@app.command()
def export(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="csv|jsonl|parquet|geojson|plover|acled")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write here, not stdout")
    ] = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="at most this many (default: all)")
    ] = None,
    sort: Annotated[str, typer.Option("--sort", help="date|published|mentions")] = "date",
) -> None:
    """Write the events matching the filters of `sitrep events` as a file to share."""
    from sitrep.export import FORMATS as EXPORT_FORMATS
    from sitrep.export import iter_events, write_events
    from sitrep.storage.db import open_db

    state = _state(ctx)
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"--format: expected one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    if fmt == "parquet" and output is None:
        raise ConfigError("--format parquet needs --output FILE (it is binary)")
    if limit is not None and limit < 0:
        raise ConfigError(f"--limit must be ≥ 0, got {limit}")
    flt = _event_filter(state, type_, actor, country, place, radius_km, since, until, status, sort)
    con = open_db(_db_path(state, db), read_only=True)
    try:
        if output is None:
            n = write_events(iter_events(con, flt, limit=limit), fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with output.open("wb") as sink:
                n = write_events(iter_events(con, flt, limit=limit), fmt, sink)
    finally:
        con.close()
    err.print(f"exported {n} record{'s' if n != 1 else ''} as {fmt}")


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str | None, typer.Option("--host", help="address (setting api.host)")] = None,
    port: Annotated[int | None, typer.Option("--port", help="port (setting api.port)")] = None,
) -> None:
    """Serve the REST API and the web pages (map, timeline, claims, events, articles)."""
    import uvicorn

    from sitrep.api import create_app
    from sitrep.storage.db import open_db

    state = _state(ctx)
    s = state.settings
    bind_host = host or s.api.host
    bind_port = s.api.port if port is None else port
    if not 0 < bind_port < 65536:
        raise ConfigError(f"--port: expected 1-65535, got {bind_port}")
    path = _db_path(state, db)
    open_db(path).close()  # create/migrate now; a lock conflict is one clear line
    app_ = create_app(s, path)
    err.print(
        f"sitrep serving {path} on http://{bind_host}:{bind_port}/ "
        f"(API docs at /docs; Ctrl-C stops)"
    )
    uvicorn.run(app_, host=bind_host, port=bind_port, log_level="warning")


# ---------------------------------------------------------------- control, merge


@app.command()
def control(
    ctx: typer.Context,
    place: Annotated[str | None, typer.Argument(help="place name (omit with --at)")] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="YYYY-MM-DD: who held each place on that day")
    ] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table|json")] = "table",
) -> None:
    """Who controls a place since when, according to whom, with the status of each change."""
    from sitrep.consolidate.control import holder_at, timeline
    from sitrep.storage.db import open_db
    from sitrep.storage.queries import territorial_events

    if fmt not in ("table", "json"):
        raise ConfigError(f"--format: expected table or json, got {fmt!r}")
    if place is None and at is None:
        raise ConfigError("give a PLACE, or --at DATE for every place with changes")
    day = _parse_date(at, "--at")
    con = open_db(_db_path(_state(ctx), db), read_only=True)
    try:
        changes = timeline(territorial_events(con, place=place))
    finally:
        con.close()
    if day is not None:
        changes = list(holder_at(changes, day).values())
    if fmt == "json":
        out.file.write(
            json.dumps([dataclasses.asdict(c) for c in changes], default=str, indent=2) + "\n"
        )
        return
    what = f"control of {place}" if place else "places with changes of control"
    title = f"{what} on {day}" if day else what
    table = Table("place", "since", "held by", "taken from", "status", "who says so", "event",
                  title=escape(title))  # fmt: skip
    for c in changes:
        table.add_row(
            escape(c.place), str(c.since or "?"), c.controller or "?", c.lost_by or "",
            c.status, escape("; ".join(c.sources)), c.event_id[:10],
        )  # fmt: skip
    out.print(table)


@app.command()
def merge(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="regroup every stored mention into events")
    ] = False,
    db: DbOption = None,
) -> None:
    """Recompute events from the stored mentions (after changing the merge.* settings)."""
    from sitrep.consolidate.match import match_settings
    from sitrep.storage.consolidation import rebuild_events
    from sitrep.storage.db import open_db

    if not rebuild:
        raise ConfigError("nothing to do: use `sitrep merge --rebuild`")
    state = _state(ctx)
    con = open_db(_db_path(state, db))
    try:
        with err.status("regrouping mentions into events …"):
            stats = rebuild_events(con, settings=match_settings(state.settings.merge))
    finally:
        con.close()
    out.print(
        f"{stats.mentions} mentions regrouped: {stats.events_before} events before, "
        f"{stats.events_after} after; articles and mentions unchanged"
    )


# ---------------------------------------------------------------- eval


@app.command("eval")
def eval_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="gold JSON Lines files (../shared/eval)")],
    limit: Annotated[int | None, typer.Option("--limit", help="first N cases per file")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Score sitrep on gold files and print the figures for each file's kind."""
    from sitrep.evaluation import render_table, score_file
    from sitrep.knowledge.gazetteer import resolve_location_text
    from sitrep.model import Feature
    from sitrep.pipeline import analyse, load_resources
    from sitrep.public import analysis_json
    from sitrep.stages.claims_modality import modality_at

    state = _state(ctx)
    for f in files:
        if not f.is_file():
            raise ConfigError(f"gold file {f} not found")
    res = load_resources(state.settings)

    def extract_docs(docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        articles = [_gold_article(d) for d in docs]
        results = []
        for item in analyse(articles, res, batch_size=state.settings.nlp.batch_size):
            if isinstance(item, Failure):
                results.append(
                    {
                        "id": item.source,
                        "mentions": [],
                        "places": [],
                        "times": [],
                        "quotes": [],
                        "attributions": [],
                        "warnings": [item.reason],
                    }
                )
            else:
                results.append(analysis_json(item))
        return results

    def gold_modality(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        doc = res.nlp(text)
        return [modality_at(doc, start, end).value for start, end in spans]

    def locate(text: str, country: str | None) -> tuple[float, float, bool] | None:
        entry = resolve_location_text(text, res.gazetteer, country=country)
        if entry is None or entry.lat is None or entry.lon is None:
            return None
        return entry.lat, entry.lon, entry.feature is Feature.CITY

    reports = []
    for f in files:
        with err.status(f"scoring {f.name} …"):
            reports.append(
                score_file(f, extract_docs, limit=limit, modality_at=gold_modality, locate=locate)
            )
    if as_json:
        out.file.write(json.dumps([r.to_dict() for r in reports], indent=2) + "\n")
    else:
        out.print(render_table(reports))


def _gold_article(doc: dict[str, Any]) -> Article:
    """An Article over a gold document's text exactly as given (offsets must stay valid)."""
    text = str(doc.get("text") or "")
    published = None
    if doc.get("published"):
        try:
            published = dt.date.fromisoformat(str(doc["published"])[:10])
        except ValueError:
            published = None
    return Article(
        article_id=content_hash(text),
        text=text,
        published=published,
        input_id=str(doc.get("id")),
        source=str(doc.get("id")),
    )


# ---------------------------------------------------------------- entry point


INTERRUPTED = 130  # the shell's code for Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; errors become one red line and exit code 1."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        rv = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except typer.Exit as exc:
        rv = int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        rv = INTERRUPTED
    except typer.TyperException as exc:  # usage errors of the command line itself
        fmt = getattr(exc, "format_message", None)
        message = fmt() if callable(fmt) else str(exc)
        err.print(f"[red]error:[/] {escape(message)}")
        return 1
    except SitrepError as exc:
        if debug:
            err.print_exception()
        err.print(f"[red]error:[/] {escape(str(exc))}")
        return 1
    if rv == INTERRUPTED:
        err.print("[red]interrupted[/]: every batch written before stays stored; rerun to finish")
    return rv if isinstance(rv, int) else 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
