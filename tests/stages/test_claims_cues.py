"""Tests for the wider cue classes of the claims stage: object and preposition cues, attitude
verbs, parenthetical cues, punctuation, venues, hearsay, noun cues, quotes in '' marks, and the
filters that keep speakers' own thoughts and intentions out."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.model import Span, Stance
from sitrep.stages.claims import claim_for, find_attributions, quote_spans
from stages.claim_helpers import cues_in, source_of

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------- verbs by what they take


@pytest.mark.parametrize(
    ("text", "cue", "source", "content_has"),
    [
        (
            "The foreign minister condemned the shelling of the port.",
            "condemned",
            "The foreign minister",
            "the shelling of the port",
        ),
        (
            "Rebel commanders praised the truce brokered by Qatar.",
            "praised",
            "Rebel commanders",
            "the truce",
        ),
        (
            "The mayor called for an immediate evacuation of the district.",
            "called",
            "The mayor",
            "for an immediate evacuation",
        ),
        (
            "The envoy referred to the border incident twice.",
            "referred",
            "The envoy",
            "to the border incident",
        ),
    ],
)
def test_object_and_preposition_cues(
    nlp: Language, text: str, cue: str, source: str, content_has: str
) -> None:
    att = cues_in(nlp, text)[cue]
    assert source_of(att) == source
    assert content_has in att.content.text


@pytest.mark.parametrize(
    ("text", "cue", "source", "content_has"),
    [
        (
            "Western analysts believe the offensive has stalled.",
            "believe",
            "Western analysts",
            "the offensive has stalled",
        ),
        (
            "A survey by the institute found that most residents had fled.",
            "found",
            "A survey by the institute",
            "most residents had fled",
        ),
        (
            "Satellite images show the bridge was destroyed.",
            "show",
            "Satellite images",
            "the bridge was destroyed",
        ),
    ],
)
def test_attitude_verbs_with_a_clause(
    nlp: Language, text: str, cue: str, source: str, content_has: str
) -> None:
    att = cues_in(nlp, text)[cue]
    assert source_of(att) == source
    assert content_has in att.content.text


def test_attitude_verb_without_clause_is_no_cue(nlp: Language) -> None:
    assert "believe" not in cues_in(nlp, "Few people believe him anymore, the poll suggests.")
    assert "found" not in cues_in(nlp, "Divers found the wreck near the coast.")


def test_speakers_own_thoughts_inside_a_quote_are_not_cues(nlp: Language) -> None:
    atts = cues_in(nlp, '"I think we will hold the line," the colonel said.')
    assert "think" not in atts
    assert source_of(atts["said"]) == "the colonel"


def test_so_called_is_no_cue(nlp: Language) -> None:
    assert not any("called" in c for c in cues_in(nlp, "Troops entered the so-called buffer zone."))


def test_parenthetical_cue_takes_the_surrounding_clause(nlp: Language) -> None:
    att = cues_in(nlp, "The convoy, the spokesman said, reached the city before dawn.")["said"]
    assert source_of(att) == "the spokesman"
    assert "reached the city" in att.content.text


def test_passive_expectation_has_no_source(nlp: Language) -> None:
    att = cues_in(nlp, "The ceasefire is expected to hold through the weekend.")["is expected"]
    assert att.source is None
    assert "hold through the weekend" in att.content.text


# ---------------------------------------------------------------- punctuation, venues, hearsay


def test_headline_colon_names_the_source(nlp: Language) -> None:
    att = cues_in(nlp, "Pentagon: Drone strike killed two militant leaders\n\nMore follows.")[":"]
    assert source_of(att) == "Pentagon"
    assert att.content.text.startswith("Drone strike killed")


def test_field_labels_before_a_colon_are_no_source(nlp: Language) -> None:
    assert ":" not in cues_in(nlp, "Editor's note: This story was updated with new figures.")


def test_colon_before_a_quote(nlp: Language) -> None:
    text = "The governor was blunt: “We have no water left in the eastern districts.”"
    att = cues_in(nlp, text)[":"]
    assert att.content.text.startswith("We have no water")


def test_dash_signs_a_quote(nlp: Language) -> None:
    text = "“We lost everything in one night.” ― Amira Haddad\nOthers stayed."
    att = cues_in(nlp, text)["―"]
    assert source_of(att) == "Amira Haddad"
    assert att.content.text.startswith("We lost everything")


def test_in_a_poll_is_a_cue(nlp: Language) -> None:
    att = cues_in(nlp, "In a survey released Monday, most voters backed the peace plan.")["In"]
    assert att.source is not None and "survey" in att.source.text
    assert "most voters backed the peace plan" in att.content.text


def test_to_someone_is_a_cue(nlp: Language) -> None:
    att = cues_in(nlp, "To the villagers, the checkpoint is a daily humiliation.")["To"]
    assert source_of(att) == "the villagers"
    assert "daily humiliation" in att.content.text


def test_reportedly_is_an_unsourced_cue(nlp: Language) -> None:
    att = cues_in(nlp, "The militia has reportedly seized two oil fields.")["reportedly"]
    assert att.source is None
    assert "seized two oil fields" in att.content.text


def test_noun_cue_with_an_infinitive(nlp: Language) -> None:
    att = cues_in(nlp, "Ankara's refusal to extradite the suspects angered Stockholm.")["refusal"]
    assert source_of(att) == "Ankara"
    assert "extradite the suspects" in att.content.text


# ---------------------------------------------------------------- quotes and claims


def test_doubled_apostrophes_mark_a_quote() -> None:
    text = "''We will not retreat,'' the commander said. It's 'fine'."
    assert [text[s:e] for s, e in quote_spans(text)] == ["We will not retreat,"]


def test_quote_in_doubled_apostrophes_gets_its_speaker(nlp: Language) -> None:
    att = cues_in(nlp, "''The bridge is gone,'' the engineer said.")["said"]
    assert source_of(att) == "the engineer"
    assert "bridge is gone" in att.content.text


def test_intentions_do_not_vouch_for_an_event(nlp: Language) -> None:
    doc = nlp("Officials said the army plans to attack the port.")
    atts = find_attributions(doc, actors=())
    start = doc.text.index("attack")
    sent = Span(0, len(doc.text), doc.text)
    claim, _ = claim_for(start, start + 6, sentence=sent, attributions=atts)
    assert claim.source is not None and claim.source.text == "Officials"
    assert claim.stance is Stance.ASSERT
