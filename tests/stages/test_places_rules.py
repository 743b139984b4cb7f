"""Places stage: facility names, common nouns, surnames, states and local-news namesakes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.knowledge.gazetteer import Gazetteer
from sitrep.model import Actor, Feature
from sitrep.stages.places import find_places
from sitrep.stages.places_facility import facility_extent, is_generic_word
from stages.place_helpers import places_in

pytestmark = pytest.mark.slow


def test_street_is_placed_in_its_town_not_at_a_namesake(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "A fire broke out in New Orleans on Tuesday. Firefighters said the blaze started in a "
        "shop on Royal Street and spread to two houses in New Orleans."
    )
    places = places_in(nlp, gazetteer, text)
    assert "Street" not in places and "Royal" not in places
    street = places["Royal Street"]
    assert street.name == "New Orleans" and street.admin1 == "Louisiana"
    assert street.reason == "in New Orleans"


def test_facility_extent_of_a_building_and_a_street(nlp: Language) -> None:
    doc = nlp("He was flown to the Barclays Center and then walked down Collins Avenue.")
    center = next(t.i for t in doc if t.text == "Center")
    collins = next(t.i for t in doc if t.text == "Collins")
    assert facility_extent(doc, center, center) == (center - 1, center, False)
    assert facility_extent(doc, collins, collins) == (collins, collins + 1, True)
    assert facility_extent(doc, 0, 0) is None


def test_common_nouns_are_not_towns(nlp: Language, gazetteer: Gazetteer) -> None:
    assert is_generic_word("council") and not is_generic_word("garden city")
    text = "The Council met in Denver on Monday, and Police said the University was closed."
    places = places_in(nlp, gazetteer, text)
    assert {"Council", "Police", "University"}.isdisjoint(places)
    assert places["Denver"].admin1 == "Colorado"


def test_surname_of_a_named_person_is_not_a_town(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Dave Jones, the mayor of Tulsa, spoke on Monday. Jones said the road would reopen."
    places = places_in(nlp, gazetteer, text)
    assert "Jones" not in places
    assert places["Tulsa"].admin1 == "Oklahoma"


def test_state_named_like_small_towns_is_the_state(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, "Wildfires spread across Oregon on Sunday.")
    assert places["Oregon"].feature is Feature.ADMIN1


def test_country_named_like_a_local_town(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Palestine police arrested two men on Friday. The men, from Tyler and Jacksonville in "
        "Texas, were held in Palestine overnight, Anderson County officials said."
    )
    doc = nlp(text)
    start = text.index("Palestine")
    actor = Actor(start, start + 9, "Palestine", "Palestine", country="PSE")
    found = find_places(doc, gazetteer=gazetteer, context_countries=("PSE",), actors=[actor])
    palestine = [p for p in found if p.text == "Palestine"]
    assert palestine and all(p.country == "USA" and p.admin1 == "Texas" for p in palestine)


def test_country_in_world_news_stays_the_country(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Officials in Houston and Dallas said on Monday that the United States would raise "
        "tariffs on steel from China, which Texas exporters fear."
    )
    places = places_in(nlp, gazetteer, text)
    assert places["China"].feature is Feature.COUNTRY


def test_names_found_in_many_states_settle_in_the_state_they_share(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Seymour and Rogersville will share a bus route. Riders from Webster County and "
        "Christian County pay $2, Greene County officials said on Monday."
    )
    places = places_in(nlp, gazetteer, text)
    assert {p.admin1 for p in places.values()} == {"Missouri"}
    assert "where most other names of the article fit" in places["Rogersville"].reason


def test_country_named_like_a_state_of_a_us_story_that_says_america(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "Georgia voters go to the polls on Tuesday. Like Alabama and Florida, America's "
        "southern states vote early."
    )
    doc = nlp(text)
    actor = Actor(0, 7, "Georgia", "Georgia", country="GEO")
    found = find_places(doc, gazetteer=gazetteer, context_countries=("GEO",), actors=[actor])
    georgia = next(p for p in found if p.text == "Georgia")
    assert georgia.country == "USA" and georgia.feature is Feature.ADMIN1


def test_natural_feature_named_after_a_river_is_not_its_namesake_town(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "He grew up in a village north of Cairo, in the Nile Delta, his family said."
    places = places_in(nlp, gazetteer, text)
    assert "Delta" not in places  # not Delta State, Nigeria
    assert "Nile Delta" not in places or places["Nile Delta"].country == "EGY"
    story = "Salah joined Liverpool in 2017. He grew up in a village in the Nile Delta."
    # a natural feature is not placed at the story's main town, as a street would be
    assert "Nile Delta" not in places_in(nlp, gazetteer, story)
    alone = places_in(nlp, gazetteer, "Floods hit Delta State on Monday, Nigerian officials said.")
    assert any(p.country == "NGA" for p in alone.values())


def test_state_beats_a_bigger_town_abroad_when_its_own_namesakes_lie_elsewhere(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "He will be sent to Virginia to stand trial, the prosecutor said."
    virginia = places_in(nlp, gazetteer, text)["Virginia"]
    assert virginia.feature is Feature.ADMIN1 and virginia.country == "USA"


def test_sentence_opening_article_does_not_make_a_facility(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "A Delta police officer testified at the inquiry in Vancouver, British Columbia."
    assert "Delta" in places_in(nlp, gazetteer, text)


def test_lower_case_common_noun_is_no_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The gulf in graduation rates between the two schools widened, the Dubai report said."
    assert not any(p.text.islower() for p in places_in(nlp, gazetteer, text).values())


def test_the_gulf_is_the_persian_gulf(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "Iran and Saudi Arabia discussed security in the Gulf on Monday."
    gulf = places_in(nlp, gazetteer, text)["Gulf"]
    assert gulf.name == "Persian Gulf"


def test_street_names_before_a_lower_case_street_word_are_streets(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "A man was shot near State and Hubbard streets in Chicago late on Friday, police said."
    places = places_in(nlp, gazetteer, text)
    assert "Hubbard" not in places  # not Hubbard, Ohio
    streets = places["State and Hubbard streets"]
    assert streets.name == "Chicago"


def test_street_name_ends_before_on(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "Officers found the car in the 400 block of North State Street on the Near North Side "
        "of Chicago."
    )
    places = places_in(nlp, gazetteer, text)
    assert "North State" not in places  # not the North Province of Cameroon
    assert places["North State Street"].country == "USA"


def test_township_is_not_its_namesake_town(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "The gala will be held at a restaurant in Washington Township, near Trenton, New Jersey."
    places = places_in(nlp, gazetteer, text)
    assert "Washington" not in places  # not Washington, D.C.
    assert places["Washington Township"].admin1 == "New Jersey"


def test_possessive_county_is_not_part_of_the_name_after_it(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "Farmers in Warren County's Hamilton Township near Cincinnati oppose the new warehouse."
    places = places_in(nlp, gazetteer, text)
    assert places["Warren County"].admin1 == "Ohio"
    assert places["Hamilton Township"].admin1 == "Ohio"


def test_possessive_person_name_stays_in_the_facility_name(nlp: Language) -> None:
    doc = nlp("Pilgrims filled Wilson's Farm Chapel, the parish said.")
    wilson = next(t.i for t in doc if t.text == "Wilson")
    extent = facility_extent(doc, wilson, wilson)
    assert extent is not None and doc[extent[1]].text == "Chapel"


def test_facility_written_in_a_town_is_placed_there(nlp: Language, gazetteer: Gazetteer) -> None:
    text = (
        "A researcher at Loyola University in Los Angeles studied the vote in San Diego and "
        "Sacramento."
    )
    places = places_in(nlp, gazetteer, text)
    assert "Loyola" not in places  # not Loyola, near San Jose
    assert places["Loyola University"].name == "Los Angeles"


def test_town_before_a_lower_case_singular_street_word_stays_a_town(nlp: Language) -> None:
    doc = nlp("Witnesses described heavy Kharkiv street fighting on Monday.")
    kharkiv = next(t.i for t in doc if t.text == "Kharkiv")
    assert facility_extent(doc, kharkiv, kharkiv) is None


def test_name_written_with_a_comma_inside_is_one_place(nlp: Language, gazetteer: Gazetteer) -> None:
    text = "He moved to Washington, D.C., after college in Ohio."
    places = places_in(nlp, gazetteer, text)
    assert places["Washington, D.C."].admin1 == "District of Columbia"
    town = places_in(nlp, gazetteer, "He lives in Springfield, Ill., with his wife.")
    assert town["Springfield"].admin1 == "Illinois" and "Ill." in town


def test_longer_name_of_a_namesake_is_no_evidence_for_the_bare_name(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "OLYMPIA, Wash. - Fire crews from across Washington trained in Spokane this week. "
        "Their chief also met officials in Washington, D.C., and in Alaska."
    )
    places = places_in(nlp, gazetteer, text)
    assert places["Washington"].feature is Feature.ADMIN1  # the state, as "Wash." says
    assert places["Washington, D.C."].admin1 == "District of Columbia"


def test_town_before_a_comma_and_its_state_is_a_place_though_tagged_person(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = "A farmer in Klamath Falls, Oregon, sells hay to ranchers."
    places = places_in(nlp, gazetteer, text)
    assert places["Klamath Falls"].admin1 == "Oregon"


def test_big_city_tagged_as_a_nationality_is_a_place(nlp: Language, gazetteer: Gazetteer) -> None:
    places = places_in(nlp, gazetteer, "Officials in Tunis denied the report on Monday.")
    assert places["Tunis"].country == "TUN"
    text = "Canadian and Western diplomats met Ukrainian officials."
    places = places_in(nlp, gazetteer, text)
    assert not {"Canadian", "Western", "Ukrainian"} & set(places)


def test_country_abbreviation_tagged_as_an_organisation_is_the_country(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "China said it was reasonable to address the DPRK's security concerns. The grant was "
        "awarded by the U.S. Department of Transportation, and the UAE leads the region."
    )
    places = places_in(nlp, gazetteer, text)
    assert places["DPRK"].country == "PRK" and places["DPRK"].feature is Feature.COUNTRY
    assert places["U.S."].country == "USA"
    assert places["UAE"].country == "ARE"


def test_capitals_codes_that_are_not_country_abbreviations(
    nlp: Language, gazetteer: Gazetteer
) -> None:
    text = (
        "The UN and NATO met on Monday. Shipments grew, according to GTM Research, and agents "
        "from the ATF arrived at 8 a.m. EST. BY CHAD KLIMACK Advocate Reporter"
    )
    places = places_in(nlp, gazetteer, text)
    assert not {"UN", "NATO", "GTM", "ATF", "EST", "CHAD"} & set(places)
