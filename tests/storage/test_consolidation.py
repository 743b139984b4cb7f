"""Consolidation in the store: mentions of one event across articles become one event with
its status history; distinct events stay apart; grouping does not depend on arrival order;
merged ids stay reachable; a rebuild loses nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest

from sitrep.consolidate.match import MatchSettings
from sitrep.model import (
    Actor,
    Analysis,
    Article,
    Claim,
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
from sitrep.storage.consolidation import rebuild_events
from sitrep.storage.db import open_db, write_batch
from sitrep.storage.queries import get_event

RU_MOD = Actor(0, 4, "Russia's Defence Ministry", "Russian Ministry of Defence", "RUS", "MIL")
UA_GS = Actor(0, 4, "Ukraine's General Staff", "Ukrainian General Staff", "UKR", "MIL")
RU_FORCES = Actor(0, 4, "Russian forces", "Russian armed forces", "RUS", "MIL")
UA_FORCES = Actor(0, 4, "Ukrainian troops", "Ukrainian armed forces", "UKR", "MIL")
VILLAGE = Place(
    0,
    4,
    "Mala Tokmachka",
    "Mala Tokmachka",
    702153,
    47.53,
    35.90,
    "UKR",
    "Zaporizhzhia",
    Feature.CITY,
    Precision.PLACE,
    "test",
)
SHOSTKA = Place(
    0,
    4,
    "Shostka",
    "Shostka",
    1,
    51.86,
    33.47,
    "UKR",
    "Sumy",
    Feature.CITY,
    Precision.PLACE,
    "test",
)
HLUKHIV = Place(
    0,
    4,
    "Hlukhiv",
    "Hlukhiv",
    2,
    51.68,
    33.91,
    "UKR",
    "Sumy",
    Feature.CITY,
    Precision.PLACE,
    "test",
)


def report(
    text: str,
    published: dt.date,
    *,
    etype: str,
    mode: str,
    day: dt.date,
    place: Place,
    actors: tuple[Actor, ...],
    recipients: tuple[Actor, ...] = (),
    claim: Claim,
) -> Analysis:
    aid = content_hash(text)
    trigger = text.split()[3]
    start = text.index(trigger)
    m = Mention(
        mention_id=mention_id(aid, start, start + len(trigger)),
        article_id=aid,
        start=start,
        end=start + len(trigger),
        trigger=trigger,
        sentence=Span(0, len(text), text),
        event_type=etype,
        mode=mode,
        acled_type=None,
        acled_subtype=None,
        confidence=0.8,
        actors=actors,
        recipients=recipients,
        place=place,
        when=When(day, day, Granularity.DAY, "Monday", published, True, "trigger"),
        claim=claim,
    )
    return Analysis(Article(aid, text, published=published, source=aid), mentions=(m,))


D = dt.date
CLAIM = report(
    "The ministry said forces captured Mala Tokmachka on Monday.",
    D(2025, 6, 10),
    etype="ASSAULT",
    mode="capture",
    day=D(2025, 6, 9),
    place=VILLAGE,
    actors=(RU_FORCES,),
    recipients=(UA_FORCES,),
    claim=Claim(RU_MOD, Span(13, 17, "said"), Stance.ASSERT),
)
DENIAL = report(
    "Kyiv officials denied Russia captured Mala Tokmachka village this week.",
    D(2025, 6, 11),
    etype="ASSAULT",
    mode="capture",
    day=D(2025, 6, 9),
    place=VILLAGE,
    actors=(RU_FORCES,),
    recipients=(UA_FORCES,),
    claim=Claim(UA_GS, Span(15, 21, "denied"), Stance.DENY),
)
ADMISSION = report(
    "The General Staff withdrawn troops from Mala Tokmachka, it confirmed.",
    D(2025, 6, 15),
    etype="RETREAT",
    mode="withdraw",
    day=D(2025, 6, 14),
    place=VILLAGE,
    actors=(UA_FORCES,),
    claim=Claim(UA_GS, Span(60, 69, "confirmed"), Stance.CONFIRM),
)
STRIKE_A = report(
    "Regional officials said drones struck a substation in Shostka.",
    D(2025, 6, 17),
    etype="ASSAULT",
    mode="drone",
    day=D(2025, 6, 17),
    place=SHOSTKA,
    actors=(RU_FORCES,),
    claim=Claim(None, None, Stance.ASSERT),
)
STRIKE_B = report(
    "Local media reported drones hit a gas site in Hlukhiv.",
    D(2025, 6, 18),
    etype="ASSAULT",
    mode="drone",
    day=D(2025, 6, 17),
    place=HLUKHIV,
    actors=(RU_FORCES,),
    claim=Claim(None, None, Stance.ASSERT),
)
ALL = [CLAIM, DENIAL, ADMISSION, STRIKE_A, STRIKE_B]


def groups(con: duckdb.DuckDBPyConnection) -> set[frozenset[str]]:
    rows = con.execute("SELECT event_id, list(mention_id) FROM mentions GROUP BY 1").fetchall()
    return {frozenset(ms) for _, ms in rows}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "c.duckdb"


def test_one_event_across_three_articles_with_its_history(db: Path) -> None:
    con = open_db(db)
    for a in ALL:  # one article a day, as they arrive
        write_batch(con, [a], [], analysed_with="test")
    claim_id = CLAIM.mentions[0].mention_id
    event = get_event(con, claim_id)
    assert event is not None and event["event_id"] == claim_id  # the founder's id stays
    assert event["articles"] == 3
    assert [h["status"] for h in event["history"]] == ["claimed", "disputed", "confirmed"]
    assert [h["date"] for h in event["history"]] == ["2025-06-10", "2025-06-11", "2025-06-15"]
    assert event["status"] == "confirmed"
    # the two strikes 37 km apart stay two events
    assert {
        frozenset({STRIKE_A.mentions[0].mention_id}),
        frozenset({STRIKE_B.mentions[0].mention_id}),
    } <= groups(con)
    con.close()


def test_grouping_does_not_depend_on_arrival_order(tmp_path: Path) -> None:
    seen = set()
    for seed in range(4):
        order = ALL[:]
        random.Random(seed).shuffle(order)
        con = open_db(tmp_path / f"o{seed}.duckdb")
        for a in order:
            write_batch(con, [a], [], analysed_with="test")
        seen.add(frozenset(groups(con)))
        con.close()
    assert len(seen) == 1


def test_a_bridging_report_merges_events_and_old_ids_still_resolve(db: Path) -> None:
    con = open_db(db)
    # the claim and the admission alone are 5 days apart: within the territorial window,
    # so ingest a far later capture report first to create a separate event, then bridge it
    late = dataclasses.replace(
        CLAIM,
        mentions=(
            dataclasses.replace(
                CLAIM.mentions[0],
                mention_id="late",
                when=When(
                    D(2025, 6, 22),
                    D(2025, 6, 22),
                    Granularity.DAY,
                    "Sunday",
                    D(2025, 6, 22),
                    True,
                    "trigger",
                ),
            ),
        ),
        article=dataclasses.replace(
            CLAIM.article, article_id="late-article", published=D(2025, 6, 22)
        ),
    )
    late = dataclasses.replace(
        late, mentions=(dataclasses.replace(late.mentions[0], article_id="late-article"),)
    )
    write_batch(con, [CLAIM], [], analysed_with="test")
    write_batch(con, [late], [], analysed_with="test")
    assert len(groups(con)) == 2  # 13 days apart: more than the territorial window
    write_batch(con, [ADMISSION], [], analysed_with="test")  # 14 June: near both
    assert len(groups(con)) == 1
    survivor = CLAIM.mentions[0].mention_id
    merged = get_event(con, "late")
    assert merged is not None and merged["event_id"] == survivor
    con.close()


def test_rebuild_keeps_everything_and_regroups(db: Path) -> None:
    con = open_db(db)
    write_batch(con, ALL, [], analysed_with="test")
    before = groups(con)
    (n_mentions,) = con.execute("SELECT count(*) FROM mentions").fetchone()  # type: ignore[misc]
    stats = rebuild_events(con, settings=MatchSettings(place_km=100.0))
    assert stats.mentions == n_mentions
    assert len(groups(con)) < len(before)  # with a 100 km radius the two strikes merge
    stats = rebuild_events(con, settings=MatchSettings())
    assert groups(con) == before
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (len(ALL),)
    con.close()
