"""Tests for the modality rules of the claims stage beyond the basics in test_claims.py: near
misses, prevented and delayed events, feared events, attempts and purposes, "would" in reported
speech, hearsay infinitives, and nouns that keep their own factuality under a modal verb."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import Modality
from sitrep.stages.claims import modality_of
from sitrep.stages.claims_modality import modality_at

pytestmark = pytest.mark.slow

N, F, H, A = Modality.NEGATED, Modality.FUTURE, Modality.HYPOTHETICAL, Modality.ASSERTED


def _token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "modality"),
    [
        # negation: near misses, prevented, delayed, cancelled events, ceasing
        ("The rebels nearly captured the airport on Friday.", "captured", N),
        ("The army almost lost the town.", "lost", N),
        ("Police foiled an attack on the embassy.", "attack", N),
        ("The delivery of the tanks was delayed until October.", "delivery", N),
        ("Kyiv complained about the delay in delivery of the jets.", "delivery", N),
        ("The lack of progress angered the envoys.", "progress", N),
        ("The guards prevented the prisoners from escaping.", "escaping", N),
        ("The unit would cease firing at dawn.", "firing", N),
        # a prevention that is itself negated or uncertain
        ("The sanctions did not prevent an offensive.", "offensive", A),
        ("Officials fear the talks might not prevent a war.", "war", H),
        # a subject noun is not under its verb's negation or modal
        ("The glitch was not reported to the authorities.", "glitch", A),
        ("The losses could swell further next year.", "losses", A),
        ("The attack did not happen.", "attack", N),
        # "would" in reported speech is the statement's future; elsewhere hypothetical
        ("The ministry announced that it would withdraw the troops.", "withdraw", F),
        ("The ministry said it would hold talks and would withdraw.", "withdraw", F),
        ("Without aid, the town would fall.", "fall", H),
        # fears, attempts, purposes and hearsay infinitives are not asserted
        ("Markets fell on fears of a recession.", "recession", H),
        ("Investors worried that the government will nationalize the banks.", "nationalize", H),
        ("The army launched an effort to retake the bridge.", "retake", H),
        ("Troops were sent to the border to secure the crossing.", "secure", H),
        ("The deal is believed to be worth $15 billion.", "worth", H),
        ("Analysts forecast losses to exceed $6 billion.", "exceed", H),
        # a result infinitive after a verb of change happened
        ("The index fell 3 percent to close at 8,962.", "close", A),
        # a plan noun keeps the future of "plans to"
        ("The company has plans to build a new plant.", "build", F),
        # the object of a verb under a modal exists unless the verb realises it
        ("The company said it could cut 13,000 jobs.", "jobs", A),
        ("The army will launch an offensive.", "offensive", F),
        # a that-clause under a demand noun is asked for, not done
        ("The ILO reiterated its demand that Israel ease the restrictions.", "ease", H),
        # stance adjectives frame what is to come
        ("He said he is prepared to lift the ban.", "lift", F),
        ("Russia said it is determined to retake the town.", "retake", F),
        # a finite past clause under a future-minded verb was done, not planned
        ("The union announced that it has called off the strike.", "called", A),
        ("The union announced that it will call off the strike.", "call", F),
    ],
)
def test_modality_rules(nlp: Language, text: str, word: str, modality: Modality) -> None:
    doc = nlp(text)
    assert modality_of(doc, _token(doc, word)) is modality


def test_modality_at_uses_the_span_head(nlp: Language) -> None:
    text = "The rebels nearly captured the airport."
    doc = nlp(text)
    start = text.index("captured")
    assert modality_at(doc, start, start + len("captured")) is N
    assert modality_at(doc, 0, 0) is A
