"""Places stage: finding place names in a parsed article and resolving them in context."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from sitrep.knowledge.gazetteer import Gazetteer
from sitrep.model import Feature, Precision
from sitrep.stages.places import event_place, find_places
from stages.place_helpers import places_in

pytestmark = pytest.mark.slow

SUDZHA_TEXT = (
    "Moscow said on Wednesday that its troops had pushed Ukrainian units out of the town of "
    "Sudzha. Kyiv sent its forces into the Kursk border region last summer, and Gen. Oleksandr "
    "Syrskyi said on Thursday that they were regrouping."
)


def test_sudzha_in_its_kursk_border_region(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, SUDZHA_TEXT)
    sudzha = places["Sudzha"]
    assert sudzha.country == "RUS" and sudzha.admin1 == "Kursk Oblast"
    assert sudzha.precision is Precision.PLACE
    assert sudzha.lat is not None and sudzha.lon is not None
    assert abs(sudzha.lat - 51.19) < 0.05 and abs(sudzha.lon - 35.27) < 0.05
    assert "Kursk Oblast" in sudzha.reason
    region = places["Kursk border region"]
    assert region.feature is Feature.ADMIN1 and region.precision is Precision.ADMIN1
    assert region.country == "RUS"
    assert places["Kyiv"].country == "UKR" and places["Moscow"].country == "RUS"


def test_people_demonyms_and_dates_are_not_places(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, SUDZHA_TEXT)
    for text in ("Oleksandr", "Syrskyi", "Oleksandr Syrskyi", "Ukrainian", "Wednesday"):
        assert text not in places


def test_written_hierarchy(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Troops left Sudzha, Kursk oblast, on Thursday, the general staff said."
    places = places_in(nlp, gazetteer, text)
    assert places["Sudzha"].admin1 == "Kursk Oblast"
    assert "written after it" in places["Sudzha"].reason
    assert places["Kursk oblast"].precision is Precision.ADMIN1


@pytest.mark.parametrize("spelling", ["Kyiv", "Kiev"])
def test_kyiv_and_kiev(nlp: Language, gazetteer: Gazetteer, spelling: str) -> None:
    text = f"Air-raid sirens sounded across {spelling} overnight, city officials said."
    place = places_in(nlp, gazetteer, text)[spelling]
    assert place.geonameid == 703448 and place.country == "UKR"


def test_countries_resolve_to_countries(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Saudi Arabia hosted the talks, and envoys from Russia and the United States attended."
    places = places_in(nlp, gazetteer, text)
    assert places["Saudi Arabia"].precision is Precision.COUNTRY
    assert places["Saudi Arabia"].country == "SAU"
    assert places["Russia"].country == "RUS"
    assert places["United States"].country == "USA"


def test_admin1_name(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Shelling continued in the Donetsk Oblast, the regional governor said."
    place = places_in(nlp, gazetteer, text)["Donetsk Oblast"]
    assert place.feature is Feature.ADMIN1 and place.country == "UKR"


def test_georgia_by_context(nlp: Language, gazetteer: Gazetteer) -> None:
    us = "Storms flooded Savannah and Macon, and officials in Atlanta said Georgia would need aid."
    assert places_in(nlp, gazetteer, us)["Georgia"].country == "USA"
    caucasus = "Georgia and Armenia held talks in Tbilisi on the border dispute."
    place = places_in(nlp, gazetteer, caucasus)["Georgia"]
    assert place.country == "GEO" and place.precision is Precision.COUNTRY


def test_context_countries_break_ties(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The delegation arrived in Birmingham on Monday."
    britain = places_in(nlp, gazetteer, text, context_countries=("GBR",))["Birmingham"]
    assert britain.country == "GBR"
    usa = places_in(nlp, gazetteer, text, context_countries=("USA",))["Birmingham"]
    assert usa.country == "USA" and usa.admin1 == "Alabama"


def test_an_actor_country_alone_does_not_beat_a_far_bigger_namesake(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "The delegation arrived in Alexandria on Monday."
    egypt = places_in(nlp, gazetteer, text, context_countries=("USA",))["Alexandria"]
    assert egypt.country == "EGY"  # 30 times the size of Alexandria, Va.


def _trigger(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_event_place_prefers_the_trigger_then_sentence_then_article(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Russia and Ukraine traded blame on Monday. "
        "A drone struck an apartment block in Kharkiv, officials said. "
        "Talks in Geneva were postponed. Nobody commented on the strike afterwards."
    )
    doc = nlp(text)
    places = find_places(doc, gazetteer=gazetteer)
    tied = event_place(doc, *_trigger(text, "struck"), places)
    assert tied is not None and tied.name == "Kharkiv" and tied.reason.startswith("trigger:")
    sentence = event_place(doc, *_trigger(text, "traded"), places)
    assert sentence is not None and sentence.reason.startswith("sentence:")
    assert sentence.precision is Precision.COUNTRY
    article = event_place(doc, *_trigger(text, "commented"), places)
    assert article is not None and article.reason.startswith("article:")
    assert article.precision is Precision.PLACE
    assert event_place(doc, 0, 6, ()) is None


def test_speed_per_article(nlp: Language, gazetteer: Gazetteer) -> None:
    doc = nlp((SUDZHA_TEXT + " ") * 12)
    find_places(doc, gazetteer=gazetteer)
    started = time.perf_counter()
    for _ in range(20):
        find_places(doc, gazetteer=gazetteer)
    assert (time.perf_counter() - started) / 20 < 0.02


def test_seat_of_government_is_an_actor_not_a_place(
    nlp: Language, gazetteer: Gazetteer, actor_kb: object
) -> None:
    from sitrep.stages.actors import find_actors

    doc = nlp("The White House said on Friday that its envoy had arrived in Kyiv for talks.")
    actors = find_actors(doc, kb=actor_kb)  # type: ignore[arg-type]
    with_actors = {p.text for p in find_places(doc, gazetteer=gazetteer, actors=actors)}
    without = {p.text for p in find_places(doc, gazetteer=gazetteer)}
    assert "White House" in " ".join(without)  # a town in Tennessee, by name alone
    assert not any("White House" in t for t in with_actors)
    assert "Kyiv" in with_actors  # a capital stays a place


# ---------------------------------------------------------------- local disambiguation


def test_nearby_places_settle_an_ambiguous_town(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Deputies from Lamar County arrested two men in Paris on Friday after a chase that "
        "began in Blossom."
    )
    places = places_in(nlp, gazetteer, text)
    assert places["Paris"].country == "USA" and places["Paris"].admin1 == "Texas"
    assert "km of other places" in places["Paris"].reason


def test_nearby_towns_pick_the_right_springfield(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Springfield police said the suspect had fled from Decatur toward Champaign."
    places = places_in(nlp, gazetteer, text)
    assert {places[n].admin1 for n in ("Springfield", "Decatur", "Champaign")} == {"Illinois"}


def test_counties_resolve_to_admin2(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Rain flooded roads across Laurel County and Whitley County on Sunday."
    places = places_in(nlp, gazetteer, text)
    laurel = places["Laurel County"]
    assert laurel.feature is Feature.ADMIN2 and laurel.precision is Precision.ADMIN2
    assert laurel.admin1 == "Kentucky"


def test_state_abbreviation_after_a_town(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(
        nlp, gazetteer, "The crash closed the highway near Richmond, Ky., for hours."
    )
    assert places["Richmond"].admin1 == "Kentucky"
    assert places["Ky."].feature is Feature.ADMIN1


def test_state_abbreviations_in_party_tags(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The bill was written by Rep. Tom Harlan, D-S.C., and Sen. Ann Cole, R-Ind., last year."
    places = places_in(nlp, gazetteer, text)
    assert places["S.C."].name == "South Carolina" and places["S.C."].feature is Feature.ADMIN1
    assert places["Ind."].name == "Indiana"
    assert "Tom Harlan" not in places and "Ann Cole" not in places


def test_state_abbreviations_before_road_numbers(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Crews will widen the road from S.C. 5 west to S.C. 161 next spring."
    places = places_in(nlp, gazetteer, text)
    assert places["S.C."].name == "South Carolina"


def test_state_abbreviation_in_brackets_after_a_county(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The Walker County (Ga.) Sheriff's Office is asking for help finding a man."
    places = places_in(nlp, gazetteer, text)
    assert places["Ga."].name == "Georgia" and places["Ga."].feature is Feature.ADMIN1


def test_state_abbreviation_the_tagger_calls_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Officials said the N.J. plan would cost more. Ga. officials agreed."
    places = places_in(nlp, gazetteer, text)
    assert places["N.J."].name == "New Jersey" and places["Ga."].name == "Georgia"


def test_party_letters_need_the_hyphen(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, "Grade D - Ind. schools scored lowest, the report said.")
    assert not any(p.feature is Feature.ADMIN1 for p in places.values())


def test_abbreviation_lookalikes_are_not_states(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, "Miss Jones said the meeting in Boston would resume.")
    assert not any(p.feature is Feature.ADMIN1 for p in places.values())
    assert "Jones" not in places


def test_seas_beat_small_towns_of_the_same_name(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The storm moved out over the Atlantic on Tuesday, forecasters in Miami said."
    places = places_in(nlp, gazetteer, text)
    assert places["Atlantic"].feature is Feature.REGION
    text = "Tankers crossed the Pacific to reach ports in Japan."
    assert places_in(nlp, gazetteer, text)["Pacific"].country is None


def test_countries_get_a_real_centroid(nlp: Language, gazetteer: Gazetteer) -> None:
    from sitrep.stages.places import distance_km

    russia = places_in(nlp, gazetteer, "Envoys from Russia met in Geneva.")["Russia"]
    assert russia.lat is not None and russia.lon is not None
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 50


def test_one_sense_per_discourse(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Kyiv denied that Russian troops had seized Mala Tokmachka, near Orikhiv in the "
        "Zaporizhzhia region. Officials said fighting in Mala Tokmachka went on."
    )
    doc = nlp(text)
    found = [p for p in find_places(doc, gazetteer=gazetteer) if p.text == "Mala Tokmachka"]
    assert len(found) == 2  # every occurrence, whatever the tagger called the first
    assert len({p.geonameid for p in found}) == 1
