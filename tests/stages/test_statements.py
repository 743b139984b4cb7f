"""Tests for the statements unrealised events are reported through (promise, threat, demand,
refusal), on the frame alone and through the whole pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language

from sitrep.model import Actor, Article, Mention, Modality, content_hash
from sitrep.pipeline import analyse_one
from sitrep.stages.statements import Frame, frame_of, statement_type


def _frame(nlp: Language, text: str, trigger: str) -> Frame | None:
    doc = nlp(text)
    (tok,) = [t for t in doc if t.text == trigger]
    return frame_of(doc, tok.i)


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "first"),
    [
        ("Russia said Sudan must return the helicopter.", "return", "demand", "must"),
        ("Syria says it will not accept any more refugees.", "accept", "refusal", "will"),
        ("The rebels refused to attend the talks.", "attend", "refusal", "refused"),
        ("The two sides failed to reach agreement on Sunday.", "agreement", "refusal", "failed"),
        ("The minister will visit Albania in June.", "visit", "promise", "will"),
        ("France is ready to contribute troops to the force.", "contribute", "promise", "is"),
        ("He said the US must be ready to mediate.", "mediate", "demand", "must"),
    ],
)
def test_frames(nlp: Language, text: str, trigger: str, kind: str, first: str) -> None:
    frame = _frame(nlp, text, trigger)
    assert frame is not None
    assert frame.kind == kind
    assert nlp(text)[frame.first].text == first


def test_no_frame_for_what_happened(nlp: Language) -> None:
    assert _frame(nlp, "The minister visited Albania in June.", "visited") is None


def test_condition_is_read(nlp: Language) -> None:
    text = "Nigeria will withdraw its force from Chad unless the president arranges a ceasefire."
    frame = _frame(nlp, text, "withdraw")
    assert frame is not None and frame.condition == "unless"


RUSSIA = Actor(0, 6, "Russia", "Russia", "RUS", "GOV")
UKRAINE = Actor(0, 7, "Ukraine", "Ukraine", "UKR", "GOV")
ANALYST = Actor(0, 10, "an analyst", "analyst", None, "MED")


@pytest.mark.parametrize(
    ("frame", "event_type", "speaker", "expected"),
    [
        (Frame("promise", 0), "CONSULT", None, "AGREE"),
        (Frame("promise", 0), "ASSAULT", RUSSIA, "THREATEN"),
        (Frame("promise", 0), "ASSAULT", ANALYST, None),  # a forecast, not a threat
        (Frame("promise", 0), "ASSAULT", None, None),
        (Frame("promise", 0, "if"), "ASSAULT", None, "THREATEN"),
        (Frame("promise", 0, "unless"), "RETREAT", None, "THREATEN"),  # an ultimatum
        (Frame("refusal", 0), "AID", None, "REJECT"),
        (Frame("refusal", 0), "ASSAULT", None, None),  # "will not attack" is no rejection
        (Frame("demand", 0), "CONCEDE", UKRAINE, "REQUEST"),
        (Frame("demand", 0), "CONCEDE", None, None),  # nobody makes the demand
    ],
)
def test_statement_types(
    frame: Frame, event_type: str, speaker: Actor | None, expected: str | None
) -> None:
    got = statement_type(frame, event_type, actors=(RUSSIA,), recipients=(), speaker=speaker)
    assert (got.event_type if got else None) == expected


def test_demand_is_made_by_the_speaker_to_the_one_asked() -> None:
    got = statement_type(
        Frame("demand", 0), "CONCEDE", actors=(RUSSIA,), recipients=(), speaker=UKRAINE
    )
    assert got is not None
    assert (got.actors, got.recipients) == ((UKRAINE,), (RUSSIA,))


def _analyse(resources: Any, text: str) -> list[Mention]:
    article = Article(content_hash(text), text, published=dt.date(2024, 5, 2))
    return list(analyse_one(article, resources).mentions)


@pytest.mark.slow
def test_pipeline_adds_the_statement_and_keeps_the_event(resources: Any) -> None:
    text = "Palestinian leaders said on Monday they would boycott all contact with Washington."
    mentions = _analyse(resources, text)
    by_type = {m.event_type: m for m in mentions}
    assert "THREATEN" in by_type and "SANCTION" in by_type
    threat, boycott = by_type["THREATEN"], by_type["SANCTION"]
    assert threat.trigger == "would boycott" and threat.modality is Modality.ASSERTED
    assert boycott.trigger == "boycott" and boycott.modality is Modality.FUTURE
    assert threat.mention_id != boycott.mention_id
    assert mentions.index(threat) < mentions.index(boycott)


@pytest.mark.slow
def test_pipeline_adds_nothing_when_the_frame_word_is_a_trigger(resources: Any) -> None:
    text = "The rebels threatened to storm the capital on Friday."
    types = [m.event_type for m in _analyse(resources, text)]
    assert types.count("THREATEN") == 1


@pytest.mark.slow
def test_unrealised_event_yields_main_place_to_its_statement(resources: Any) -> None:
    text = "Palestinian leaders said on Monday they would boycott all contact with Washington."
    by_trigger = {m.trigger: m for m in _analyse(resources, text)}
    statement, event = by_trigger["would boycott"], by_trigger["boycott"]
    assert event.confidence == pytest.approx(statement.confidence * 0.7, abs=1e-3)
