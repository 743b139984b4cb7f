"""Places stage: famous places against small namesakes, and names the tagger cuts short."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.knowledge.gazetteer import Gazetteer
from sitrep.model import Actor, Feature
from sitrep.stages.places import find_places
from stages.place_helpers import places_in

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------- namesakes


def test_a_mentioned_country_does_not_pull_a_world_city_to_a_small_namesake(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "The pope flew from Rome to Lisbon on Monday, after talks with U.S. officials, the "
        "United States embassy said."
    )
    rome = places_in(nlp, gazetteer, text, context_countries=("USA",))["Rome"]
    assert rome.country == "ITA"


def test_a_written_state_still_picks_the_small_namesake(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Police in Rome, Ga., arrested two men on Monday, U.S. officials said."
    rome = places_in(nlp, gazetteer, text)["Rome"]
    assert rome.country == "USA" and rome.admin1 == "Georgia"


def test_a_named_state_alone_does_not_pull_a_big_city_to_its_small_namesake(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Ohio State beat Louisville on Saturday, a week after Ohio lost to Michigan."
    louisville = places_in(nlp, gazetteer, text)["Louisville"]
    assert louisville.admin1 == "Kentucky"


def test_a_small_town_known_only_by_an_alternate_name_needs_local_support(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Newcomers to the city said rents were high, US officials said."
    places = places_in(nlp, gazetteer, text)
    assert "Newcomers" not in places  # an alternate name of Newcomerstown, Ohio
    assert places["US"].feature is Feature.COUNTRY


def test_british_counties_split_into_unitary_authorities(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Races were held at Oulton Park, Cheshire, and at Croft, Yorkshire, before the finale "
        "in Fife, UK fans said."
    )
    places = places_in(nlp, gazetteer, text)
    for name in ("Cheshire", "Yorkshire", "Fife"):
        assert places[name].country == "GBR" and places[name].feature is Feature.ADMIN2, name
    assert places["Oulton Park"].name == "Cheshire"  # the county written after the facility


# ---------------------------------------------------------------- spans


def test_country_names_the_tagger_cuts_short(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Delegates from Trinidad and Tobago and the U.S. Virgin Islands met in Miami."
    places = places_in(nlp, gazetteer, text)
    assert places["Trinidad and Tobago"].country == "TTO"
    assert places["U.S. Virgin Islands"].feature is Feature.COUNTRY
    assert "Trinidad" not in places and "U.S." not in places


def test_full_country_name_with_a_possessive(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Talks on the threat facing the Democratic People's Republic of Korea resumed."
    places = places_in(nlp, gazetteer, text)
    assert places["Democratic People's Republic of Korea"].country == "PRK"


def test_us_written_in_capitals_is_the_country(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, "Prices rose faster than in the rest of the US.")
    assert places["US"].country == "USA" and places["US"].feature is Feature.COUNTRY


def test_state_abbreviation_after_a_dateline_in_capitals(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    places = places_in(nlp, gazetteer, "OAKLAND, Calif. (AP) - The team won again on Sunday.")
    assert places["Calif."].feature is Feature.ADMIN1 and places["Calif."].name == "California"
    assert places["OAKLAND"].admin1 == "California"


def test_a_state_is_not_dropped_as_a_seat_of_government(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "CAMP MURRAY, Wash. - The team has spent the year at home in Washington."
    doc = nlp(text)
    start = text.rindex("Washington")
    seat = Actor(start, start + 10, "Washington", "US government", "USA", "GOV", "seat:USA")
    found = find_places(doc, gazetteer=gazetteer, actors=[seat])
    washington = [p for p in found if p.text == "Washington"]
    assert washington and washington[0].feature is Feature.ADMIN1


def test_facility_is_placed_in_the_county_the_article_is_about(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Firefighters in Cuyahoga County said a fire broke out in a shop on Royal Street. "
        "Cuyahoga County officials said nobody was hurt, the mayor of Cleveland said."
    )
    street = places_in(nlp, gazetteer, text)["Royal Street"]
    assert street.name == "Cuyahoga County" and street.reason == "in Cuyahoga County"
