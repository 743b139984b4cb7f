"""The model input (../shared/seed/sudzha.txt, published 2025-03-13): the findings sitrep
must make on it, end to end through the whole pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.model import Article, Mention, Modality, Stance, Status, content_hash
from sitrep.pipeline import analyse_one

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(seed_text: str, resources: Any):  # type: ignore[no-untyped-def]
    article = Article(content_hash(seed_text), seed_text, published=dt.date(2025, 3, 13))
    return analyse_one(article, resources)


def _mentions(analysis: Any, trigger: str, sentence_has: str) -> list[Mention]:
    return [
        m
        for m in analysis.mentions
        if m.trigger.lower().startswith(trigger) and sentence_has in m.sentence.text
    ]


def test_ministry_claims_sudzha_retaken_and_ukraine_neither(seed: Any) -> None:
    (m,) = _mentions(seed, "retaken", "the town of Sudzha")
    assert m.event_type == "ASSAULT"
    assert m.acled_subtype == "Government regains territory"
    assert {a.country for a in m.actors} == {"RUS"}
    assert m.place is not None and m.place.name == "Sudzha" and m.place.country == "RUS"
    assert m.place.admin1 == "Kursk Oblast"
    assert abs(m.place.lat - 51.19) < 0.05 and abs(m.place.lon - 35.27) < 0.05  # type: ignore[operator]
    assert m.when is not None and m.when.resolved
    assert m.when.start == m.when.end == dt.date(2025, 3, 13)
    assert m.claim.source is not None and "Ministry of Defense" in m.claim.source.text
    assert m.claim.stance is Stance.ASSERT
    assert [(r.source.country if r.source else None, r.stance) for r in m.responses] == [
        ("UKR", Stance.NEITHER)
    ]
    assert m.status is Status.CLAIMED


def test_ukrainian_general_confirms_russian_air_strikes(seed: Any) -> None:
    (m,) = _mentions(seed, "strikes", "Syrskyi")
    assert (m.event_type, m.acled_subtype) == ("ASSAULT", "Air/drone strike")
    assert {a.country for a in m.actors} == {"RUS"}
    assert m.claim.source is not None and m.claim.source.country == "UKR"
    assert m.claim.stance is Stance.CONFIRM
    assert m.status is Status.CONFIRMED
    assert m.place is not None and m.place.country == "RUS" and "Kursk" in m.place.name


def test_putin_visited_troops_on_wednesday(seed: Any) -> None:
    (m,) = _mentions(seed, "visited", "Putin")
    assert (m.event_type, m.mode) == ("CONSULT", "visit")
    assert any(a.name == "Vladimir Putin" and a.country == "RUS" for a in m.actors)
    assert m.when is not None and m.when.start == dt.date(2025, 3, 12)


def test_us_lifted_pause_on_military_aid_on_tuesday(seed: Any) -> None:
    (m,) = _mentions(seed, "lifted", "military aid")
    assert m.event_type == "AID"
    assert {a.country for a in m.actors} == {"USA"}
    assert {a.country for a in m.recipients} == {"UKR"}
    assert m.when is not None and m.when.start == dt.date(2025, 3, 11)
    assert m.status is Status.REPORTED  # the outlet's own voice


def test_ukraine_seized_part_of_kursk_last_summer(seed: Any) -> None:
    (m,) = _mentions(seed, "seized", "last summer")
    assert m.event_type == "ASSAULT"
    assert {a.country for a in m.actors} == {"UKR"}
    assert m.when is not None and m.when.resolved
    assert (m.when.start, m.when.end) == (dt.date(2024, 6, 1), dt.date(2024, 8, 31))
    assert m.modality is Modality.HISTORICAL


def test_dates_resolve_against_publication_day(seed: Any) -> None:
    values = {t.text.lower(): t.value for t in seed.times}
    assert values["last summer"] == "2024-SU"
    assert values["wednesday"] == "2025-03-12"
    assert values["tuesday"] == "2025-03-11"
    assert values["the next day"] == "2025-03-12"
    assert values["thursday"] == "2025-03-13"
    summer = next(t for t in seed.times if t.text.lower() == "last summer")
    assert (summer.start_date, summer.end_date) == (dt.date(2024, 6, 1), dt.date(2024, 8, 31))
    assert summer.granularity.value == "season"
    since = next(t for t in seed.times if t.text.lower() == "since august")
    assert since.start_date == dt.date(2024, 8, 1) and since.end_date == dt.date(2025, 3, 13)


def test_putin_expects_to_free_the_region_is_future(seed: Any) -> None:
    (m,) = _mentions(seed, "free", "expected")
    assert m.modality is Modality.FUTURE
    assert m.claim.source is not None and m.claim.source.name == "Vladimir Putin"


def test_quotes_have_their_speakers(seed: Any) -> None:
    speakers = {q.text.strip('“”." '): q.speaker.name if q.speaker else None for q in seed.quotes}
    assert speakers.get("more advantageous lines") == "Oleksandr Syrskyi"
    assert speakers.get("Moscow’s interest and concerns") == "Yuri Ushakov"


def test_white_house_is_not_a_place_in_tennessee(seed: Any) -> None:
    assert not any("White House" in p.text for p in seed.places)
