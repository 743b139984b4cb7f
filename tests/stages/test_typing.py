"""Tests for the typing model: features, loading, and how it agrees with the lexicon."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from sitrep.knowledge.actors import ActorKB
from sitrep.stages.actors import find_actors
from sitrep.stages.extract import EventCandidate, find_events
from sitrep.stages.typing_features import hash_features
from sitrep.stages.typing_model import load_typing_model


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
