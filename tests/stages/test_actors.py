"""Tests for the actor stage: finding and resolving actor mentions."""

from __future__ import annotations

from spacy.language import Language

from sitrep.knowledge.actors import ActorKB
from sitrep.model import Actor
from sitrep.stages.actors import find_actors


def _actors(nlp: Language, kb: ActorKB, text: str) -> list[Actor]:
    found = find_actors(nlp(text), kb=kb)
    for a in found:
        assert text[a.start : a.end] == a.text
    return list(found)


def _by_text(actors: list[Actor]) -> dict[str, tuple[str | None, str | None]]:
    return {a.text: (a.country, a.sector) for a in actors}


def test_adjective_and_group_noun(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Ukrainian forces shot down Russian planes, and Russian officials protested."
    got = _by_text(_actors(nlp, actor_kb, text))
    assert got["Ukrainian forces"] == ("UKR", "MIL")
    assert got["Russian planes"] == ("RUS", "MIL")
    assert got["Russian officials"] == ("RUS", "GOV")


def test_military_officials(nlp: Language, actor_kb: ActorKB) -> None:
    got = _by_text(_actors(nlp, actor_kb, "Ukrainian military officials declined to comment."))
    assert got["Ukrainian military officials"] == ("UKR", "MIL")


def test_possessive_ministry(nlp: Language, actor_kb: ActorKB) -> None:
    got = _actors(nlp, actor_kb, "Russia\u2019s Ministry of Defense said the town had fallen.")
    assert (got[0].text, got[0].country, got[0].sector) == (
        "Russia\u2019s Ministry of Defense",
        "RUS",
        "MIL",
    )


def test_metonym(nlp: Language, actor_kb: ActorKB) -> None:
    got = _by_text(_actors(nlp, actor_kb, "The Kremlin rejected the offer, and Kyiv welcomed it."))
    assert got["Kremlin"] == ("RUS", "GOV")
    assert got["Kyiv"] == ("UKR", "GOV")


def test_country_name_acts_but_not_as_location(nlp: Language, actor_kb: ActorKB) -> None:
    got = _actors(nlp, actor_kb, "Poland sent tanks to soldiers stationed in Lithuania.")
    assert [a.country for a in got if a.text == "Poland"] == ["POL"]
    assert not [a for a in got if a.text == "Lithuania"]


def test_person_with_cue_not_in_kb(nlp: Language, actor_kb: ActorKB) -> None:
    got = _actors(nlp, actor_kb, "Ukrainian Gen. Mykola Petrenko said the line held.")
    person = [a for a in got if "Petrenko" in a.text]
    assert person and (person[0].country, person[0].sector) == ("UKR", "MIL")


def test_person_with_possessor_cue(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Mr. Putin\u2019s spokesman Ivan Sergeyevich said nothing had changed."
    person = [a for a in _actors(nlp, actor_kb, text) if "Sergeyevich" in a.text]
    assert person and (person[0].country, person[0].sector) == ("RUS", "GOV")


def test_kb_person_with_title(nlp: Language, actor_kb: ActorKB) -> None:
    got = _actors(nlp, actor_kb, "President Vladimir Putin met the governor.")
    assert got[0].text == "President Vladimir Putin"
    assert (got[0].name, got[0].country) == ("Vladimir Putin", "RUS")


def test_title_without_name(nlp: Language, actor_kb: ActorKB) -> None:
    got = _actors(nlp, actor_kb, "The defense minister said the troops were ready.")
    assert [(a.text, a.sector) for a in got if "minister" in a.text] == [
        ("defense minister", "MIL")
    ]


def test_bare_group_noun(nlp: Language, actor_kb: ActorKB) -> None:
    got = _by_text(_actors(nlp, actor_kb, "Protesters gathered outside the parliament."))
    assert got["Protesters"] == (None, "CVL")


def test_compound_actor(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Talks between U.S. and Ukrainian officials ended."
    got = [a for a in _actors(nlp, actor_kb, text) if a.sector == "GOV"]
    assert sorted(a.country or "" for a in got) == ["UKR", "USA"]


def test_orgs(nlp: Language, actor_kb: ActorKB) -> None:
    got = _by_text(_actors(nlp, actor_kb, "Hezbollah fired rockets and the IDF responded."))
    assert got["Hezbollah"] == ("LBN", "REB")
    assert got["IDF"] == ("ISR", "MIL")


def test_pronouns(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Sweden said it would send its troops. Gen. Syrskyi said he agreed."
    got = _actors(nlp, actor_kb, text)
    it = [a for a in got if a.text == "it"]
    troops = [a for a in got if a.text == "its troops"]
    he = [a for a in got if a.text == "he"]
    assert it and it[0].country == "SWE"
    assert troops and (troops[0].country, troops[0].sector) == ("SWE", "MIL")
    assert he and he[0].name == "Oleksandr Syrskyi"


def test_localise_gives_unnamed_local_actors_the_event_country() -> None:
    from sitrep.model import Actor
    from sitrep.stages.actors import localise

    police = Actor(0, 6, "Police", "police", None, "COP")
    un = Actor(10, 16, "the UN", "United Nations", None, "IGO")
    russia = Actor(20, 26, "Russia", "Russia", "RUS", "GOV")
    they = Actor(30, 34, "they", "they", None, None)
    out = localise([police, un, russia, they], "NER")
    assert [a.country for a in out] == ["NER", None, "RUS", None]
    assert localise([police], None) == (police,)
