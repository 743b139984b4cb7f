"""Tests for event triggers, typing and sides."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.knowledge.actors import ActorKB
from sitrep.stages.actors import find_actors
from sitrep.stages.extract import EventCandidate, find_events


def _events(nlp: Language, kb: ActorKB, text: str) -> list[EventCandidate]:
    doc = nlp(text)
    return list(find_events(doc, actors=find_actors(doc, kb=kb), kb=kb))


def _one(events: list[EventCandidate], trigger: str) -> EventCandidate:
    hits = [e for e in events if e.trigger.text == trigger]
    assert len(hits) == 1, [e.trigger.text for e in events]
    return hits[0]


def _sides(e: EventCandidate) -> tuple[list[tuple[str | None, str | None]], ...]:
    return (
        [(a.country, a.sector) for a in e.actors],
        [(a.country, a.sector) for a in e.recipients],
    )


def test_government_retakes_town(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Syrian troops recaptured the town of Maarat from the rebels on Monday."
    e = _one(_events(nlp, actor_kb, text), "recaptured")
    assert (e.typing.event_type, e.typing.mode) == ("ASSAULT", "retake")
    assert (e.typing.acled_type, e.typing.acled_subtype) == (
        "Battles",
        "Government regains territory",
    )
    assert _sides(e) == ([("SYR", "MIL")], [(None, "REB")])


def test_non_state_capture(nlp: Language, actor_kb: ActorKB) -> None:
    e = _one(_events(nlp, actor_kb, "Hamas fighters seized the border crossing."), "seized")
    assert e.typing.acled_subtype == "Non-state actor overtakes territory"


def test_driving_out_is_a_retreat_by_the_loser(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Malian forces retook the village, driving the rebels out of the area."
    events = _events(nlp, actor_kb, text)
    retreat = _one(events, "driving")
    assert retreat.typing.event_type == "RETREAT"
    assert _sides(retreat) == ([(None, "REB")], [("MLI", "MIL")])
    assert _sides(_one(events, "retook"))[1] == [(None, "REB")]


def test_air_strike_light_verb(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Israeli jets carried out strikes on Hezbollah positions overnight."
    e = _one(_events(nlp, actor_kb, text), "strikes")
    assert (e.typing.event_type, e.typing.mode) == ("ASSAULT", "aerial")
    assert e.typing.acled_subtype == "Air/drone strike"
    assert _sides(e)[0] == [("ISR", "MIL")]


def test_shelling_and_drone(nlp: Language, actor_kb: ActorKB) -> None:
    events = _events(nlp, actor_kb, "Russian artillery shelled Kherson while drones attacked Sumy.")
    assert _one(events, "shelled").typing.acled_subtype == "Shelling/artillery/missile attack"
    assert _one(events, "attacked").typing.event_type == "ASSAULT"


def test_passive_voice(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Two journalists were detained by Iranian police in Tehran."
    e = _one(_events(nlp, actor_kb, text), "detained")
    assert (e.typing.event_type, e.typing.acled_subtype) == ("COERCE", "Arrests")
    assert _sides(e) == ([("IRN", "COP")], [(None, "MED")])


def test_visit_and_talks(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Erdogan visited Kyiv and held talks with Zelensky."
    events = _events(nlp, actor_kb, text)
    visit = _one(events, "visited")
    talks = _one(events, "talks")
    assert (visit.typing.event_type, visit.typing.mode, visit.typing.acled_type) == (
        "CONSULT",
        "visit",
        None,
    )
    assert talks.typing.mode == "talks"
    assert _sides(talks) == ([("TUR", "GOV")], [("UKR", "GOV")])


def test_aid_resumption_and_suspension(nlp: Language, actor_kb: ActorKB) -> None:
    resumed = _events(nlp, actor_kb, "Washington lifted its freeze on military aid to Ukraine.")
    e = _one(resumed, "lifted")
    assert (e.typing.event_type, e.typing.mode) == ("AID", "resume")
    assert _sides(e) == ([("USA", "GOV")], [("UKR", "GOV")])
    assert not [x for x in resumed if x.trigger.text == "aid"]
    halted = _one(_events(nlp, actor_kb, "Germany suspended aid to Niger."), "suspended")
    assert halted.typing.event_type == "SANCTION"


@pytest.mark.parametrize(
    ("text", "trigger", "etype", "acled"),
    [
        ("The EU imposed new sanctions on Belarus.", "sanctions", "SANCTION", None),
        ("Iran threatened Israel with retaliation.", "threatened", "THREATEN", None),
        ("China demanded that Japan withdraw the statement.", "demanded", "REQUEST", None),
        ("Thousands of protesters marched in Tbilisi.", "marched", "PROTEST", "Peaceful protest"),
        (
            "Rioters looted shops in the capital.",
            "looted",
            "COERCE",
            "Looting/property destruction",
        ),
        ("Armenia and Azerbaijan signed a ceasefire.", "ceasefire", "AGREE", "Agreement"),
        ("France condemned the coup.", "condemned", "ACCUSE", None),
        ("Police arrested the opposition leader.", "arrested", "COERCE", "Arrests"),
    ],
)
def test_types(
    nlp: Language, actor_kb: ActorKB, text: str, trigger: str, etype: str, acled: str | None
) -> None:
    e = _one(_events(nlp, actor_kb, text), trigger)
    assert e.typing.event_type == etype
    assert e.typing.acled_subtype == acled


def test_several_events_in_one_sentence(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Sudanese troops shelled the city, arrested dozens and looted the market."
    types = [e.typing.event_type for e in _events(nlp, actor_kb, text)]
    assert types == ["ASSAULT", "COERCE", "COERCE"]


def test_reporting_verbs_are_not_events(nlp: Language, actor_kb: ActorKB) -> None:
    assert _events(nlp, actor_kb, "The minister said and confirmed and denied it.") == []


def test_negated_event_is_kept(nlp: Language, actor_kb: ActorKB) -> None:
    events = _events(nlp, actor_kb, "Russia did not attack the convoy.")
    assert [e.typing.event_type for e in events] == ["ASSAULT"]


def test_compound_nouns_are_not_separate_triggers(nlp: Language, actor_kb: ActorKB) -> None:
    events = _events(nlp, actor_kb, "Ceasefire talks resumed in Doha.")
    assert [e.trigger.text for e in events] == ["talks"]


def test_reference_article(nlp: Language, actor_kb: ActorKB, seed_text: str) -> None:
    events = _events(nlp, actor_kb, seed_text)

    def has(trigger: str, etype: str, **want: object) -> EventCandidate:
        for e in events:
            same = e.trigger.text == trigger and e.typing.event_type == etype
            if same and all(getattr(e.typing, k) == v for k, v in want.items()):
                return e
        raise AssertionError(f"{trigger} {etype} {want}")

    retake = [e for e in events if e.typing.mode == "retake" and e.trigger.text == "retaken"]
    assert any(_sides(e) == ([("RUS", "MIL")], [("UKR", "MIL")]) for e in retake)
    assert retake[0].typing.acled_subtype == "Government regains territory"
    has("strikes", "ASSAULT", mode="aerial", acled_subtype="Air/drone strike")
    has("visited", "CONSULT", mode="visit")
    has("lifted", "AID", mode="resume")
    seized = has("seized", "ASSAULT", mode="capture")
    assert seized.actors[0].country == "UKR"
    talks = [e for e in events if e.trigger.text == "talks"]
    assert any({a.country for a in e.actors} == {"USA", "UKR"} for e in talks)
    assert any([a.name for a in e.actors] == ["Steve Witkoff"] for e in talks)


@pytest.mark.parametrize(
    ("text", "trigger", "etype", "mode"),
    [
        ("Militants fired four rockets at the border town overnight.", "fired", "ASSAULT", None),
        ("The ministry fired its spokesman on Monday.", "fired", None, None),
        ("Russia launched 40 drones at Odesa.", "launched", "ASSAULT", "drone"),
        ("The company launched a new phone.", "launched", None, None),
        ("Separatists had taken the village by dawn.", "taken", "ASSAULT", "capture"),
        ("The minister has taken a new job.", "taken", None, None),
        ("Drones hit a substation in the city.", "hit", "ASSAULT", "drone"),
        ("The brigade repelled three assaults near the river.", "repelled", "ASSAULT", None),
    ],
)
def test_object_dependent_attack_verbs(
    nlp: Language,
    actor_kb: ActorKB,
    text: str,
    trigger: str,
    etype: str | None,
    mode: str | None,
) -> None:
    doc = nlp(text)
    found = {
        c.trigger.text: c.typing for c in find_events(doc, actors=find_actors(doc, kb=actor_kb))
    }
    if etype is None:
        assert trigger not in found
    else:
        assert found[trigger].event_type == etype
        if mode is not None:
            assert found[trigger].mode == mode


@pytest.mark.parametrize(
    ("text", "trigger", "countries"),
    [
        ("Russian shelling of the town killed two people.", "shelling", {"RUS"}),
        ("An Israeli air strike on a house killed five people.", "strike", {"ISR"}),
        ("A Ukrainian drone attack damaged a warehouse.", "attack", {"UKR"}),
        ("Russian glide bombs struck the city on Tuesday.", "struck", {"RUS"}),
        ("Russian and Ukrainian delegations met in Istanbul.", "met", {"RUS", "UKR"}),
    ],
)
def test_demonym_gives_the_side(
    nlp: Language, actor_kb: ActorKB, text: str, trigger: str, countries: set[str]
) -> None:
    doc = nlp(text)
    cands = find_events(doc, actors=find_actors(doc, kb=actor_kb), kb=actor_kb)
    (c,) = [c for c in cands if c.trigger.text == trigger]
    assert {a.country for a in c.actors} == countries
    for a in c.actors:
        assert doc.text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Serbia lifted the night curfew in Montenegro on Sunday.", "lifted", "CONCEDE"),
        ("The teachers' union called off its four-day strike on Thursday.", "called", "CONCEDE"),
        ("The government accepted the rebels' demands for reform.", "accepted", "CONCEDE"),
        ("The government accepted the peace plan on Monday.", "accepted", "AGREE"),
        ("The French minister cancelled his visit to Haiti.", "cancelled", "SANCTION"),
        ("Italy announced a suspension of air links with Serbia.", "suspension", "SANCTION"),
        ("The United States will prohibit all aid to the rebels.", "prohibit", "SANCTION"),
        ("Uganda granted political asylum to 18 Rwandan rebels.", "granted", "AID"),
        ("The president granted an amnesty to 300 prisoners.", "granted", "CONCEDE"),
        ("Police confiscated weapons from the armed groups.", "confiscated", "COERCE"),
        ("Hundreds of supporters blocked roads in the capital.", "blocked", "PROTEST"),
        ("The rebels handed over the bodies of two soldiers.", "handed", "CONCEDE"),
        ("Five hundred rebels surrendered to the army last week.", "surrendered", "RETREAT"),
        ("Hundreds of locals went on a looting spree near Durban.", "looting", "COERCE"),
        ("Thousands took to the streets of the capital on Sunday.", "took", "PROTEST"),
        ("Protesters poured into the main square on Friday night.", "poured", "PROTEST"),
        ("A woman was subjected to a brutal rape on a bus.", "rape", "ASSAULT"),
        ("The army wrested control of the camp from the militia.", "wrested", "ASSAULT"),
        ("Army units established control over the village on Monday.", "established", "ASSAULT"),
        ("Serbia protested to Albania, charging it with arming the rebels.", "charging", "ACCUSE"),
    ],
)
def test_relation_changes_read_from_verb_and_object(
    nlp: Language, actor_kb: ActorKB, text: str, trigger: str, expected: str
) -> None:
    e = _one(_events(nlp, actor_kb, text), trigger)
    assert e.rule is not None and e.rule[0] == expected


def test_returning_home_is_no_concession(nlp: Language, actor_kb: ActorKB) -> None:
    events = _events(nlp, actor_kb, "The refugees returned home after the war.")
    assert all(e.trigger.text != "returned" or e.rule is None for e in events)


def test_stance_participle_takes_its_subject_as_actor(nlp: Language, actor_kb: ActorKB) -> None:
    e = _one(
        _events(nlp, actor_kb, "Israel is opposed to French mediation, an aide said."), "opposed"
    )
    assert e.typing.event_type == "REJECT"
    assert [a.country for a in e.actors] == ["ISR"] and not e.recipients


def test_taking_a_road_is_no_protest(nlp: Language, actor_kb: ActorKB) -> None:
    events = _events(nlp, actor_kb, "The convoy took the main road to the airport.")
    assert all(e.rule is None or e.rule[0] != "PROTEST" for e in events)
