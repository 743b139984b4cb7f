"""Claims on the model input (../shared/seed/sudzha.txt) that tests/test_seed.py does not pin:
the sides behind each claim and response, the quotes' speakers and sides, and the modality of
what is only planned."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.model import Article, Mention, Modality, Stance, Status, content_hash
from sitrep.pipeline import analyse_one

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(seed_text: str, resources: Any):  # type: ignore[no-untyped-def]
    article = Article(content_hash(seed_text), seed_text, published=dt.date(2025, 3, 13))
    return analyse_one(article, resources)


def _one(analysis: Any, trigger: str, sentence_has: str) -> Mention:
    (m,) = [
        m
        for m in analysis.mentions
        if m.trigger.lower().startswith(trigger) and sentence_has in m.sentence.text
    ]
    return m


def test_recapture_claim_is_russias_and_the_neither_is_ukraines_military(seed: Any) -> None:
    m = _one(seed, "retaken", "the town of Sudzha")
    assert m.claim.source is not None and m.claim.source.country == "RUS"
    (response,) = m.responses
    assert response.stance is Stance.NEITHER
    assert response.source is not None and response.source.country == "UKR"
    assert "military" in response.source.text.lower()
    assert m.status is Status.CLAIMED  # a neither-nor confirms nothing


def test_strikes_confirmed_by_the_ukrainian_military_against_russia(seed: Any) -> None:
    m = _one(seed, "strikes", "Syrskyi")
    source = m.claim.source
    assert source is not None and "Syrskyi" in source.text
    assert (source.country, source.sector) == ("UKR", "MIL")
    assert m.claim.stance is Stance.CONFIRM
    assert m.status is Status.CONFIRMED


def test_free_is_putins_quote_and_future(seed: Any) -> None:
    (quote,) = [q for q in seed.quotes if q.text.strip('“”".,’ ') == "free"]
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"
    m = _one(seed, "free", "expected")
    assert m.modality is Modality.FUTURE


def test_quote_speakers_have_their_sides(seed: Any) -> None:
    by_text = {q.text.strip('“”".,’ '): q.speaker for q in seed.quotes}
    syrskyi = by_text["more advantageous lines"]
    ushakov = by_text["Moscow’s interest and concerns"]
    assert syrskyi is not None and syrskyi.country == "UKR"
    assert ushakov is not None and ushakov.country == "RUS"


def test_border_security_zone_is_not_asserted(seed: Any) -> None:
    zone = [m for m in seed.mentions if "border security zone" in m.sentence.text]
    for m in zone:
        assert m.modality in {Modality.FUTURE, Modality.HYPOTHETICAL}
    assert any(
        a.cue.text.endswith("added") and "border security zone" in a.content.text
        for a in seed.attributions
    )


def test_putins_argument_and_ushakovs_remark_are_attributions(seed: Any) -> None:
    cues = {a.cue.text for a in seed.attributions}
    assert "argue" in cues
    assert any(c.startswith("said") for c in cues)


def test_aid_resumption_is_reported_without_a_source(seed: Any) -> None:
    m = _one(seed, "lifted", "military aid")
    assert m.claim.source is None
    assert m.responses == ()
    assert m.status is Status.REPORTED
