"""The DuckDB store: migrations, idempotent batch writes, atomicity, and the event queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import StorageError
from sitrep.model import (
    Actor,
    Analysis,
    Article,
    Claim,
    Failure,
    Feature,
    Granularity,
    Mention,
    Place,
    Precision,
    Span,
    Stance,
    When,
    content_hash,
    mention_id,
)
from sitrep.storage.db import open_db, schema_version, write_batch
from sitrep.storage.queries import EventFilter, count_events, get_event, list_events, summary

RU = Actor(0, 6, "Russia", "Russia", "RUS", "GOV")
UA_MIL = Actor(40, 56, "Ukrainian forces", "Ukrainian armed forces", "UKR", "MIL")
MOD = Actor(0, 28, "Russia's Ministry of Defense", "Russian Ministry of Defense", "RUS", "MIL")


def make_place(name: str, lat: float, lon: float, country: str) -> Place:
    geonameid = sum(map(ord, name))  # one id per town name
    return Place(
        0,
        len(name),
        name,
        name,
        geonameid,
        lat,
        lon,
        country,
        None,
        Feature.CITY,
        Precision.PLACE,
        "test",
    )


def make_analysis(
    text: str,
    *,
    published: dt.date | None,
    event_type: str = "ASSAULT",
    place: Place | None = None,
    claim: Claim | None = None,
    responses: tuple[Claim, ...] = (),
    day: dt.date | None = None,
) -> Analysis:
    aid = content_hash(text)
    article = Article(
        article_id=aid, text=text, published=published, outlet="Test Wire", source=f"{aid}.txt"
    )
    when = (
        When(day, day, Granularity.DAY, "Thursday", published, True, "trigger")
        if day
        else When.unresolved(published)
    )
    m = Mention(
        mention_id=mention_id(aid, 10, 18),
        article_id=aid,
        start=10,
        end=18,
        trigger=text[10:18],
        sentence=Span(0, len(text), text),
        event_type=event_type,
        mode="retake",
        acled_type="Battles",
        acled_subtype="Government regains territory",
        confidence=0.9,
        actors=(RU,),
        recipients=(UA_MIL,),
        place=place,
        when=when,
        claim=claim or Claim(None, None, Stance.ASSERT),
        responses=responses,
    )
    return Analysis(article=article, mentions=(m,))


@pytest.fixture()
def con(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = open_db(tmp_path / "t.duckdb")
    yield c
    c.close()


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    c = open_db(path)
    v = schema_version(c)
    assert v >= 1
    c.close()
    c = open_db(path)  # reopening applies nothing new
    assert schema_version(c) == v
    c.close()


def test_same_article_twice_stores_nothing_new(con) -> None:  # type: ignore[no-untyped-def]
    a = make_analysis(
        "Russia has retaken the town of Sudzha, officials said.", published=dt.date(2025, 3, 13)
    )
    first = write_batch(con, [a, a], [], analysed_with="test")
    second = write_batch(con, [a], [], analysed_with="test")
    assert (first.articles, first.mentions) == (1, 1)
    assert (second.articles, second.mentions) == (0, 0)
    assert summary(con)["events"] == 1


def test_failed_batch_leaves_store_consistent(con) -> None:  # type: ignore[no-untyped-def]
    good = make_analysis(
        "Russia has retaken the town of Sudzha, officials said.", published=dt.date(2025, 3, 13)
    )
    write_batch(con, [good], [], analysed_with="test")
    other = make_analysis(
        "Forces have shelled the village of Andriivka overnight.", published=dt.date(2025, 3, 14)
    )
    # two mentions with one id: the second insert violates the key mid-batch
    broken = dataclasses.replace(other, mentions=other.mentions * 2)
    with pytest.raises(StorageError):
        write_batch(con, [broken], [Failure("x.txt", "empty")], analysed_with="test")
    totals = summary(con)
    assert (totals["articles"], totals["mentions"], totals["failures"]) == (1, 1, 0)
    # a rerun of the failed batch, fixed, completes it
    write_batch(con, [other], [], analysed_with="test")
    assert summary(con)["articles"] == 2


def test_failures_are_recorded(con) -> None:  # type: ignore[no-untyped-def]
    write_batch(con, [], [Failure("bad.bin", "binary file")], analysed_with="test")
    assert summary(con)["failures"] == 1


def test_event_json_has_claims_history_and_mentions(con) -> None:  # type: ignore[no-untyped-def]
    resp = Claim(
        Actor(0, 1, "Kyiv", "Government of Ukraine", "UKR", "GOV"), Span(0, 4, "deny"), Stance.DENY
    )
    a = make_analysis(
        "Russia's Ministry of Defense said its troops had retaken Sudzha.",
        published=dt.date(2025, 3, 13),
        claim=Claim(MOD, Span(29, 33, "said"), Stance.ASSERT),
        responses=(resp,),
        place=make_place("Sudzha", 51.19, 35.27, "RUS"),
        day=dt.date(2025, 3, 13),
    )
    write_batch(con, [a], [], analysed_with="test")
    (event,) = list_events(con, EventFilter())
    assert event["status"] == "disputed"
    assert [h["status"] for h in event["history"]] == ["claimed", "disputed"]
    assert event["claims"][0]["source"]["name"] == "Russian Ministry of Defense"
    assert event["claims"][1]["response"] is True
    assert event["mentions"][0]["trigger"] == a.mentions[0].trigger
    assert event["articles"] == 1
    assert get_event(con, "nope") is None


def test_filters(con) -> None:  # type: ignore[no-untyped-def]
    sudzha = make_analysis(
        "Russia has retaken the town of Sudzha, officials said.",
        published=dt.date(2025, 3, 13),
        place=make_place("Sudzha", 51.19, 35.27, "RUS"),
        day=dt.date(2025, 3, 13),
    )
    kharkiv = make_analysis(
        "Missiles struck energy sites in Kharkiv overnight, police said.",
        published=dt.date(2025, 3, 20),
        event_type="ASSAULT",
        place=make_place("Kharkiv", 49.99, 36.23, "UKR"),
        day=dt.date(2025, 3, 19),
    )
    talks = make_analysis(
        "Delegations will hold talks in Riyadh, the ministry announced.",
        published=dt.date(2025, 3, 11),
        event_type="CONSULT",
    )
    write_batch(con, [sudzha, kharkiv, talks], [], analysed_with="test")
    assert count_events(con, EventFilter()) == 3
    assert count_events(con, EventFilter(types=("consult",))) == 1
    assert count_events(con, EventFilter(country="ukr")) == 3  # recipients are Ukrainian
    # within 50 km of Sudzha: only Sudzha; Kharkiv is ~150 km away
    assert count_events(con, EventFilter(near=(51.19, 35.27, 50.0))) == 1
    assert count_events(con, EventFilter(near=(51.19, 35.27, 200.0))) == 2
    assert count_events(con, EventFilter(place="kharkiv")) == 1
    assert count_events(con, EventFilter(since=dt.date(2025, 3, 15))) == 1
    assert count_events(con, EventFilter(until=dt.date(2025, 3, 12))) == 1
    assert count_events(con, EventFilter(statuses=("reported",))) == 3
    assert count_events(con, EventFilter(actor="russia")) == 3
    page = list_events(con, EventFilter(limit=2, offset=0))
    rest = list_events(con, EventFilter(limit=2, offset=2))
    assert len(page) == 2 and len(rest) == 1
    assert page[0]["when"]["start"] == "2025-03-19"  # newest first


def test_read_only_open_of_missing_db_is_clear(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_db(tmp_path / "none.duckdb", read_only=True)


def test_not_a_database_is_clear(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not duckdb" * 100)
    with pytest.raises(StorageError):
        open_db(junk)
