"""Tests for the typing model: features, loading, and how it agrees with the lexicon."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from sitrep.knowledge.actors import ActorKB
from sitrep.stages.actors import find_actors
from sitrep.stages.codebook import mobilisation_refined, riot_refined, withdrawal_refined
from sitrep.stages.extract import EventCandidate, find_events
from sitrep.stages.typing_features import hash_features
from sitrep.stages.typing_model import Decision, load_typing_model


def _events(nlp: Language, kb: ActorKB, text: str) -> list[EventCandidate]:
    doc = nlp(text)
    return list(find_events(doc, actors=find_actors(doc, kb=kb), kb=kb))


def _main(events: list[EventCandidate]) -> EventCandidate:
    return max(events, key=lambda e: e.typing.confidence)


def test_hashing_is_stable() -> None:
    assert hash_features(["t=attack", "w=village"]) == hash_features(["t=attack", "w=village"])
    assert all(0 <= b < 1 << 20 for b in hash_features(["x", "y", "z"]))


def test_model_loads_and_sums_to_one() -> None:
    model = load_typing_model()
    assert "ASSAULT|AIR_STRIKE" in model.labels and "NONE|-" in model.labels
    p = model.probabilities(hash_features(["bias", "t=bomb"]))
    assert p.shape == (len(model.labels),)
    assert np.isclose(p.sum(), 1.0)


def test_lexicon_prior_keeps_plover_type_when_model_hesitates() -> None:
    model = load_typing_model()
    flat = np.full(len(model.labels), 1.0 / len(model.labels))
    d = model.decide(flat, ("AGREE", "ceasefire", 0.7))
    assert d.event_type == "AGREE" and d.mode == "ceasefire"


@pytest.mark.parametrize(
    ("text", "plover", "subtype"),
    [
        ("Warplanes bombed the village of Kafr Nabl on Monday, killing six civilians.",
         "ASSAULT", "Air/drone strike"),
        ("Rebels fired mortar shells at the presidential palace, killing two guards.",
         "ASSAULT", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a police checkpoint, killing nine people.",
         "ASSAULT", "Suicide bomb"),
        ("Gunmen abducted 40 schoolchildren from a boarding school overnight.",
         "ASSAULT", "Abduction/forced disappearance"),
        ("Thousands of teachers marched peacefully through the capital over unpaid wages.",
         "PROTEST", "Peaceful protest"),
        ("Police arrested the opposition leader at his home in the early hours.",
         "COERCE", "Arrests"),
        ("Soldiers defused a roadside bomb found near the bridge.",
         "ASSAULT", "Disrupted weapons use"),
    ],
)  # fmt: skip
def test_acled_subtypes(
    nlp: Language, actor_kb: ActorKB, text: str, plover: str, subtype: str
) -> None:
    e = _main(_events(nlp, actor_kb, text))
    assert (e.typing.event_type, e.typing.acled_subtype) == (plover, subtype)


def test_diplomacy_has_no_acled_subtype(nlp: Language, actor_kb: ActorKB) -> None:
    e = _main(_events(nlp, actor_kb, "The Chinese foreign minister visited Islamabad on Monday."))
    assert e.typing.event_type == "CONSULT" and e.typing.acled_subtype is None


def test_non_state_capture_by_sides(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Islamic State fighters recaptured the village from the Syrian army on Tuesday."
    e = _main(_events(nlp, actor_kb, text))
    assert e.typing.acled_subtype == "Non-state actor overtakes territory"


def test_matrix_event_outranks_nested_one(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Moscow rejected the Western demand for a withdrawal of its troops."
    assert _main(_events(nlp, actor_kb, text)).typing.event_type == "REJECT"


def test_lexicon_alone_still_available(nlp: Language, actor_kb: ActorKB) -> None:
    doc = nlp("Syrian troops recaptured the town from the rebels on Monday.")
    events = find_events(doc, actors=find_actors(doc, kb=actor_kb), kb=actor_kb, use_model=False)
    assert [e.typing.mode for e in events] == ["retake"]


def test_both_model_variants_share_labels() -> None:
    plain, joint = load_typing_model(), load_typing_model(True)
    assert plain.labels == joint.labels and not plain.uses_embeddings
    assert joint.dense is not None and joint.dense.shape[1] == len(joint.labels)


def test_sentence_embedding_moves_the_joint_model() -> None:
    from sitrep.nlp.embed import load_encoder

    joint = load_typing_model(True)
    feats = hash_features(["bias", "t=report"])
    strike, talks = load_encoder().encode(
        ["Warplanes bombed the market, killing twelve.", "The ministers held talks in Cairo."]
    )
    p_strike, p_talks = joint.probabilities(feats, strike), joint.probabilities(feats, talks)
    at = joint.labels.index("ASSAULT|AIR_STRIKE")
    assert p_strike[at] > p_talks[at]
    assert np.isclose(p_strike.sum(), 1.0)


def test_find_events_reads_the_sentence_embedding(nlp: Language, actor_kb: ActorKB) -> None:
    from sitrep.nlp.embed import load_encoder

    seen: list[str] = []
    encoder = load_encoder()

    def embed(texts):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return encoder.encode(texts)

    doc = nlp("Police fired tear gas at rioters who torched cars. Talks resumed in Doha.")
    events = find_events(doc, actors=find_actors(doc, kb=actor_kb), kb=actor_kb, embed=embed)
    assert events and seen == [s.text for s in doc.sents][: len(seen)]
    assert len(seen) == len(set(seen))  # each sentence encoded once


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Armenian forces had fired on Azerbaijani army positions overnight.", True),
        ("Soldiers fired at the car when it failed to stop.", True),
        ("The president fired his chief of staff on Monday.", False),
    ],
)
def test_fire_aimed_at_something_is_an_attack(
    nlp: Language, actor_kb: ActorKB, text: str, fires: bool
) -> None:
    events = _events(nlp, actor_kb, text)
    fired = [e for e in events if e.trigger.text == "fired" and e.typing.event_type == "ASSAULT"]
    assert bool(fired) is fires


@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("Protesters threw stones and petrol bombs at police during the march in the capital.",
         True),
        ("Hundreds of rioters torched cars as the protest spread through the city.", True),
        ("Thousands of teachers marched peacefully through the capital over unpaid wages.", False),
    ],
)  # fmt: skip
def test_demonstrators_violence_makes_a_violent_demonstration(
    nlp: Language, actor_kb: ActorKB, text: str, violent: bool
) -> None:
    protests = [e for e in _events(nlp, actor_kb, text) if e.typing.event_type == "PROTEST"]
    assert protests
    subtypes = {e.typing.acled_subtype for e in protests}
    assert ("Violent demonstration" in subtypes) is violent


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("PROTEST_WITH_INTER", "Demonstrators threw rocks at the police. Police fired tear gas "
         "to disperse the crowds.", "VIOL_DEMONSTR"),
        ("FORCE_AGAINST_PROTEST", "Demonstrators threw rocks at the police. Police fired tear "
         "gas to disperse the crowds.", "VIOL_DEMONSTR"),
        ("PROTEST_WITH_INTER", "Teachers marched peacefully to the ministry. Police fired tear "
         "gas to disperse the crowds.", "PROTEST_WITH_INTER"),
    ],
)  # fmt: skip
def test_response_to_a_riot_is_a_violent_demonstration(
    nlp: Language, code: str, text: str, expected: str
) -> None:
    doc = nlp(text)
    (tok,) = [t for t in doc if t.text == "disperse"]
    d = riot_refined(tok, Decision("COERCE", "restrict", code, 0.5, False))
    assert d.acled_code == expected


def test_clash_fought_by_protesters_is_a_violent_demonstration(
    nlp: Language, actor_kb: ActorKB
) -> None:
    text = "Heavy clashes broke out between police and protesters outside the parliament."
    clash = next(e for e in _events(nlp, actor_kb, text) if e.trigger.text == "clashes")
    assert (clash.typing.event_type, clash.typing.acled_subtype) == (
        "PROTEST",
        "Violent demonstration",
    )


def test_state_forces_capturing_ground_regain_it(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Syrian government forces captured a town held by rebels on Monday."
    e = next(e for e in _events(nlp, actor_kb, text) if e.trigger.text == "captured")
    assert e.typing.acled_subtype == "Government regains territory"


def test_standing_rule_type_is_kept_when_its_mass_is_spread() -> None:
    # the rule's type has the most mass, split over sub-types; one other label is the argmax
    model = load_typing_model()
    probs = np.zeros(len(model.labels))
    assault = [k for k, lab in enumerate(model.labels) if lab.startswith("ASSAULT|")][:4]
    probs[assault] = 0.15
    probs[model.labels.index("REJECT|-")] = 0.25
    probs[model.labels.index("NONE|-")] = 1.0 - probs.sum()
    d = model.decide(probs, ("ASSAULT", "attack", 0.7))
    assert d.event_type == "ASSAULT"


def test_nested_talks_do_not_outrank_the_agreement(nlp: Language, actor_kb: ActorKB) -> None:
    text = "The opposition agreed to join the national dialogue talks in Lusaka on Friday."
    events = _events(nlp, actor_kb, text)
    assert {e.trigger.text for e in events} >= {"agreed", "talks"}
    assert _main(events).typing.event_type == "AGREE"


def test_deployed_forces_are_a_change_to_group_activity(nlp: Language, actor_kb: ActorKB) -> None:
    from sitrep.stages.typing_model import Decision

    deploy = Decision("MOBILIZE", "troops", None, 0.6, False)
    drill = Decision("MOBILIZE", "exercise", None, 0.6, False)
    assert mobilisation_refined(deploy).acled_code == "CHANGE_TO_GROUP_ACT"
    assert mobilisation_refined(drill).acled_code is None


def test_protesters_clashing_is_a_violent_demonstration(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Thousands of protesters marched on the parliament and clashed with police."
    protests = [e for e in _events(nlp, actor_kb, text) if e.typing.event_type == "PROTEST"]
    assert protests and all(e.typing.acled_subtype == "Violent demonstration" for e in protests)


def test_riot_police_do_not_make_a_riot(nlp: Language, actor_kb: ActorKB) -> None:
    text = "Riot police dispersed the peaceful march of teachers with tear gas."
    events = _events(nlp, actor_kb, text)
    assert events
    assert all(e.typing.acled_subtype != "Violent demonstration" for e in events)


def test_dispersed_peaceful_march_is_a_protest_with_intervention(
    nlp: Language, actor_kb: ActorKB
) -> None:
    text = "Security forces fired tear gas as hundreds of teachers rallied outside the ministry."
    protests = [e for e in _events(nlp, actor_kb, text) if e.typing.event_type == "PROTEST"]
    assert protests
    assert {e.typing.acled_subtype for e in protests} == {"Protest with intervention"}


@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("Thousands marched through the city and some smashed shop windows.", True),
        ("Protesters marched against police violence in the capital on Sunday.", False),
    ],
)
def test_violence_by_or_against_demonstrators(
    nlp: Language, actor_kb: ActorKB, text: str, violent: bool
) -> None:
    protests = [e for e in _events(nlp, actor_kb, text) if e.typing.event_type == "PROTEST"]
    assert protests
    assert ("Violent demonstration" in {e.typing.acled_subtype for e in protests}) is violent


def test_lexicon_word_the_model_rejects_is_dropped(nlp: Language, actor_kb: ActorKB) -> None:
    text = (
        "EU ambassadors agreed on a package of sanctions against Russia, targeting the fleet "
        "of oil tankers that helps Moscow evade earlier measures."
    )
    triggers = {e.trigger.text for e in _events(nlp, actor_kb, text)}
    assert "agreed" in triggers and "targeting" not in triggers


@pytest.mark.parametrize(
    ("text", "trigger", "code"),
    [
        (
            "Government forces have withdrawn from the town of Gofgadud.",
            "withdrawn",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
        ("The army withdrew from Kirkuk on Monday.", "withdrew", "NON_VIOL_TERRIT_TRANSFER"),
        (
            "US forces have withdrawn from a key base in northern Syria.",
            "withdrawn",
            "CHANGE_TO_GROUP_ACT",
        ),
        ("The coalition withdrew two brigades.", "withdrew", "CHANGE_TO_GROUP_ACT"),
    ],
)
def test_withdrawal_subtype_when_the_model_gives_none(
    nlp: Language, text: str, trigger: str, code: str
) -> None:
    doc = nlp(text)
    (tok,) = [t for t in doc if t.text == trigger]
    d = withdrawal_refined(tok, Decision("RETREAT", "withdraw", None, 0.5, False))
    assert d.acled_code == code


def test_withdrawal_rule_leaves_the_model_subtype(nlp: Language) -> None:
    doc = nlp("The army withdrew from Kirkuk on Monday.")
    d = Decision("RETREAT", "withdraw", "CHANGE_TO_GROUP_ACT", 0.5, False)
    assert withdrawal_refined(doc[2], d) is d


@pytest.mark.parametrize(
    "text",
    [
        "Police seized a large amount of weapons and ammunition in a raid.",
        "Soldiers found a cache of explosives near the border.",
    ],
)
def test_arms_seized_or_found_are_disrupted_weapons_use(
    nlp: Language, actor_kb: ActorKB, text: str
) -> None:
    (e,) = [e for e in _events(nlp, actor_kb, text) if e.rule and e.rule[1] == "seize-arms"]
    assert e.typing.acled_subtype == "Disrupted weapons use"


def test_seizing_a_town_is_not_disrupted_weapons_use(nlp: Language, actor_kb: ActorKB) -> None:
    (e,) = [
        e
        for e in _events(nlp, actor_kb, "Rebels seized the town of Kidal.")
        if e.trigger.text == "seized"
    ]
    assert e.typing.event_type == "ASSAULT"


def test_weapons_destroyed_in_a_strike_stay_an_attack(nlp: Language, actor_kb: ActorKB) -> None:
    text = "A Russian drone destroyed an ammunition depot near Kharkiv on Monday."
    (e,) = [e for e in _events(nlp, actor_kb, text) if e.trigger.text == "destroyed"]
    assert e.rule is not None and e.rule[1] != "seize-arms"
    assert e.typing.event_type == "ASSAULT"
