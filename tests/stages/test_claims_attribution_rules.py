"""Tests for attribution rules added after the PolNeAR error analysis: reported speech inside
quotes, data sources ("in the latest poll"), appearance verbs, participle sources, reduced
passives, unsourced accusations, negated cues, bare "X said." lines, "as X reported", light-verb
and adjective cues, transcript speaker labels, and the filters that keep non-cues out."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.model import Stance
from sitrep.stages.claims import find_attributions
from stages.claim_helpers import cues_in, source_of

pytestmark = pytest.mark.slow


def test_reported_speech_inside_a_quote_is_not_a_separate_cue(nlp: Language) -> None:
    atts = cues_in(nlp, '"The mayor said the water was safe," Jones told reporters.')
    assert "told" in atts
    assert "said" not in atts


def test_a_claim_inside_a_quote_still_counts(nlp: Language) -> None:
    atts = cues_in(nlp, '"Moscow claims it took the town, which is a lie," Zelensky said.')
    assert "claims" in atts and source_of(atts["claims"]) == "Moscow"


def test_a_poll_is_the_source_of_what_is_in_it(nlp: Language) -> None:
    atts = cues_in(nlp, "Trump entered the debate with a growing lead in the latest NBC poll.")
    att = atts["in"]
    assert source_of(att) is not None and "poll" in source_of(att)  # type: ignore[operator]
    assert "growing lead" in att.content.text


def test_in_a_statement_leaves_the_cue_to_the_speakers_verb(nlp: Language) -> None:
    atts = cues_in(nlp, "In a statement released Thursday, the ministry said the strike failed.")
    assert "In" not in atts
    assert source_of(atts["said"]) == "the ministry"


def test_appearance_verbs_attribute_to_no_one(nlp: Language) -> None:
    att = cues_in(nlp, "Support for the government appears to have plummeted.")["appears"]
    assert att.source is None
    assert "Support for the government" in att.content.text


def test_appeared_in_court_is_not_a_cue(nlp: Language) -> None:
    assert "appeared" not in cues_in(nlp, "The suspect appeared in court on Monday.")


def test_a_participle_takes_the_subject_of_its_clause(nlp: Language) -> None:
    text = "Trump landed himself in hot water last week by saying that the judge was biased."
    assert source_of(cues_in(nlp, text)["saying"]) == "Trump"


def test_a_reduced_passive_has_no_source(nlp: Language) -> None:
    att = cues_in(nlp, "Asked whether the town had fallen, 72 percent of respondents said yes.")
    assert att["Asked"].source is None  # the asker is not named; the respondents answer
    assert source_of(att["said"]) == "72 percent of respondents"
    assert "called" not in cues_in(nlp, "A group called the Legacy Fund will own the property.")


def test_an_unsourced_accusation_is_a_cue(nlp: Language) -> None:
    att = cues_in(nlp, "The commander was accused of ordering the shelling.")["was accused"]
    assert att.source is None
    assert "ordering the shelling" in att.content.text


def test_a_negated_cue_is_neither(nlp: Language) -> None:
    att = cues_in(nlp, "The administration has never publicly blamed Russia for the hack.")
    (cue,) = [a for a in att.values() if "blamed" in a.cue.text]
    assert cue.stance is Stance.NEITHER
    assert cue.source is not None and "administration" in cue.source.text


def test_a_bare_said_line_takes_the_quote_before_it(nlp: Language) -> None:
    text = '"We will not leave the city."\n\nBush said.'
    att = cues_in(nlp, text)["said"]
    assert source_of(att) == "Bush"
    assert "We will not leave the city" in att.content.text


def test_as_x_reported_attributes_the_main_clause(nlp: Language) -> None:
    text = "As the newspaper reported, the inspector general issued subpoenas to the charity."
    att = cues_in(nlp, text)["reported"]
    assert source_of(att) == "the newspaper"
    assert "issued subpoenas" in att.content.text


def test_a_speech_verb_with_an_unparsed_complement_still_cues(nlp: Language) -> None:
    att = cues_in(nlp, "Ivanka Trump noted the rule in the interview last week.")["noted"]
    assert source_of(att) == "Ivanka Trump"
    assert "the rule" in att.content.text


def test_light_verb_cues(nlp: Language) -> None:
    atts = cues_in(nlp, "Democrats took aim at the Republicans before the vote.")
    (att,) = [a for a in atts.values() if a.cue.text.startswith("took aim")]
    assert source_of(att) == "Democrats" and "the Republicans" in att.content.text
    faced = cues_in(nlp, "The minister has faced criticism over the deal.")
    (crit,) = [a for a in faced.values() if "criticism" in a.cue.text]
    assert crit.source is None


def test_adjective_cues(nlp: Language) -> None:
    att = cues_in(nlp, "Some Democrats are concerned that the senator could lose.")["concerned"]
    assert source_of(att) == "Some Democrats"
    assert "the senator could lose" in att.content.text


def test_transcript_speaker_labels(nlp: Language) -> None:
    text = 'Partial transcript:\n\n"WALLACE: Let us start with the debate story tonight.'
    atts = [a for a in find_attributions(nlp(text), actors=()) if a.cue.text == ":"]
    assert any(source_of(a) == "WALLACE" and "debate story" in a.content.text for a in atts)


def test_calling_for_with_an_infinitive_clause(nlp: Language) -> None:
    att = cues_in(nlp, "Clinton is calling for the United States to take a stronger role.")
    (cue,) = [a for a in att.values() if "calling" in a.cue.text]
    assert "the United States to take a stronger role" in cue.content.text


def test_aspect_verbs_keep_the_speech_infinitive(nlp: Language) -> None:
    att = cues_in(nlp, "He continues to insist that he will fight on to the convention.")
    (cue,) = [a for a in att.values() if "insist" in a.cue.text]
    assert source_of(cue) == "He"


@pytest.mark.parametrize(
    ("text", "not_cue"),
    [
        ("Do you support Donald Trump?", "support"),
        ("The two firms called off a $54 billion deal.", "called"),
        ("Protesters kept going until 2 a.m.", "going"),
    ],
)
def test_not_cues(nlp: Language, text: str, not_cue: str) -> None:
    assert not any(not_cue in cue for cue in cues_in(nlp, text))


def test_dateline_is_not_the_source(nlp: Language) -> None:
    text = (
        "KABUL — Afghanistan's Taliban administration on Friday denied that its forces had "
        "fired into the town."
    )
    atts = find_attributions(nlp(text), actors=())
    assert atts and atts[0].source is not None
    assert "administration" in atts[0].source.text and "KABUL" not in atts[0].source.text


def test_trailing_speaker_the_parser_missed(nlp: Language) -> None:
    text = (
        "A Russian drone struck a municipal bus in Kherson on Monday morning, killing two "
        "passengers and wounding nine others, the head of the regional military administration "
        "said."
    )
    atts = find_attributions(nlp(text), actors=())
    assert atts and atts[0].source is not None
    assert atts[0].source.text == "the head of the regional military administration"
