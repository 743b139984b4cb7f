"""Tests for the claims stage: attributions, stance, responses, quotes, modality, figures."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import Actor, Attribution, Modality, Span, Stance
from sitrep.stages.claims import (
    claim_for,
    figures_for,
    find_attributions,
    find_figures,
    find_quotes,
    modality_of,
    number_value,
    quote_spans,
)

pytestmark = pytest.mark.slow


def _sentence_of(doc: Doc, char: int) -> Span:
    """The sentence holding character `char`, as a Span."""
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return Span(sent.start_char, sent.end_char, sent.text)
    raise AssertionError(f"no sentence at {char}")


def _claim_at(doc: Doc, word: str, atts: tuple[Attribution, ...], nth: int = 0):  # type: ignore[no-untyped-def]
    """claim_for on the `nth` occurrence of `word`."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    end = start + len(word)
    return claim_for(start, end, sentence=_sentence_of(doc, start), attributions=atts)


def _token(doc: Doc, word: str) -> int:
    """Index of the first token whose text is `word`."""
    return next(t.i for t in doc if t.text == word)


# ---------------------------------------------------------------- attributions


@pytest.mark.parametrize(
    ("text", "cue", "stance", "source", "content_has"),
    [
        (
            "Russia's defense ministry said its forces had captured the village.",
            "said",
            Stance.ASSERT,
            "Russia's defense ministry",
            "captured the village",
        ),
        (
            "The army claimed that it shot down 20 drones.",
            "claimed",
            Stance.ASSERT,
            "The army",
            "shot",
        ),
        (
            "The rebels announced that they had taken the airport.",
            "announced",
            Stance.ASSERT,
            "The rebels",
            "airport",
        ),
        (
            "Officials confirmed that the bridge was destroyed.",
            "confirmed",
            Stance.CONFIRM,
            "Officials",
            "bridge was destroyed",
        ),
        (
            "The general acknowledged that the troops had retreated.",
            "acknowledged",
            Stance.CONFIRM,
            "The general",
            "retreated",
        ),
        ("Kyiv denied that its troops had withdrawn.", "denied", Stance.DENY, "Kyiv", "withdrawn"),
        (
            "The ministry rejected the claim that its jets struck the hospital.",
            "rejected",
            Stance.DENY,
            "The ministry",
            "claim",
        ),
        (
            "Ukrainian officials have not denied or verified Russia's claim.",
            "have not denied or verified",
            Stance.NEITHER,
            "Ukrainian officials",
            "Russia's claim",
        ),
        (
            "The Pentagon neither confirmed nor denied the reports.",
            "neither confirmed nor denied",
            Stance.NEITHER,
            "The Pentagon",
            "reports",
        ),
        (
            "The Kremlin declined to comment on the report.",
            "declined to comment",
            Stance.NO_COMMENT,
            "The Kremlin",
            "report",
        ),
        (
            "The ministry did not respond to a request for comment.",
            "did not respond to a request for comment",
            Stance.NO_COMMENT,
            "The ministry",
            "",
        ),
        (
            "According to local officials, the strike killed three people.",
            "According to",
            Stance.ASSERT,
            "local officials",
            "the strike killed three people",
        ),
        (
            "The governor warned that more strikes would follow.",
            "warned",
            Stance.ASSERT,
            "The governor",
            "more strikes would follow",
        ),
    ],
)
def test_cue_classes(
    nlp: Language, text: str, cue: str, stance: Stance, source: str, content_has: str
) -> None:
    doc = nlp(text)
    atts = find_attributions(doc, actors=())
    assert len(atts) == 1, atts
    att = atts[0]
    assert att.cue.text == cue
    assert att.stance is stance
    assert att.source is not None and att.source.text == source
    assert content_has in att.content.text
    assert text[att.cue.start : att.cue.end] == att.cue.text
    assert text[att.content.start : att.content.end] == att.content.text


def test_citing_gives_the_cited_source(nlp: Language) -> None:
    doc = nlp("Two people were killed, officials said, citing the regional governor.")
    atts = find_attributions(doc, actors=())
    by_cue = {a.cue.text: a for a in atts}
    assert by_cue["citing"].source is not None
    assert by_cue["citing"].source.text == "the regional governor"
    assert "killed" in by_cue["citing"].content.text
    assert by_cue["said"].source is not None and by_cue["said"].source.text == "officials"


def test_noun_cue_with_possessive_source(nlp: Language) -> None:
    doc = nlp("Moscow's claim that its troops took the town was repeated on television.")
    (att,) = find_attributions(doc, actors=())
    assert att.cue.text == "claim"
    assert att.source is not None and att.source.text == "Moscow"
    assert "took the town" in att.content.text


def test_outlet_could_not_verify(nlp: Language) -> None:
    doc = nlp("The claim could not be independently verified.")
    (att,) = find_attributions(doc, actors=())
    assert att.stance is Stance.NEITHER
    assert att.source is None
    assert att.content.text == "The claim"


def test_non_speech_uses_are_not_cues(nlp: Language) -> None:
    doc = nlp("The president dismissed the defense minister and added two brigades to the front.")
    assert find_attributions(doc, actors=()) == ()


def test_source_maps_to_given_actor(nlp: Language) -> None:
    text = "Russia's Ministry of Defense said its troops had retaken the town."
    doc = nlp(text)
    mod = Actor(0, 28, text[:28], "Russian Ministry of Defense", "RUS", "MIL", "kb:rus-mod")
    (att,) = find_attributions(doc, actors=(mod,))
    assert att.source == mod


def test_source_without_actor_is_built_from_text(nlp: Language) -> None:
    doc = nlp("A village elder said the shelling lasted all night.")
    (att,) = find_attributions(doc, actors=())
    assert att.source == Actor(0, 15, "A village elder", "A village elder")


def test_pronoun_resolves_to_last_person_source(nlp: Language) -> None:
    text = (
        "Gen. Ivan Petrov said the line held. The ministry said it would send reserves. "
        "He added that reinforcements had arrived."
    )
    doc = nlp(text)
    atts = find_attributions(doc, actors=())
    last = atts[-1]
    assert last.cue.text == "added"
    assert last.source is not None
    assert last.source.text == "He"
    assert last.source.name == "Gen. Ivan Petrov"
    assert text[last.source.start : last.source.end] == "He"


# ---------------------------------------------------------------- claims and responses


def test_outlet_voice_when_no_attribution(nlp: Language) -> None:
    doc = nlp("Russian troops shelled the town on Monday.")
    atts = find_attributions(doc, actors=())
    claim, responses = _claim_at(doc, "shelled", atts)
    assert claim.source is None and claim.cue is None and claim.stance is Stance.ASSERT
    assert responses == ()


def test_nested_attribution_innermost_speaker(nlp: Language) -> None:
    doc = nlp("Officials said the governor claimed that the militia burned the village.")
    atts = find_attributions(doc, actors=())
    claim, _ = _claim_at(doc, "burned", atts)
    assert claim.source is not None and claim.source.text == "the governor"
    assert claim.cue is not None and claim.cue.text == "claimed"


def test_neither_response_names_the_claim(nlp: Language) -> None:
    doc = nlp(
        "Russia's Ministry of Defense asserted that its troops had retaken the town. "
        "Separately, shelling continued in the south. "
        "Ukrainian officials have not denied or verified Russia's claim."
    )
    atts = find_attributions(doc, actors=())
    claim, responses = _claim_at(doc, "retaken", atts)
    assert claim.stance is Stance.ASSERT
    assert claim.source is not None and claim.source.text == "Russia's Ministry of Defense"
    assert [(r.source.text if r.source else None, r.stance) for r in responses] == [
        ("Ukrainian officials", Stance.NEITHER)
    ]


def test_response_about_another_party_is_not_linked(nlp: Language) -> None:
    doc = nlp(
        "Russia's Ministry of Defense asserted that its troops had retaken the town. "
        "Moscow denied Kyiv's claim."
    )
    atts = find_attributions(doc, actors=())
    _, responses = _claim_at(doc, "retaken", atts)
    assert responses == ()


def test_denial_wrapping_the_claim(nlp: Language) -> None:
    doc = nlp("Kyiv denied Moscow's claim that its troops had retaken Sudzha.")
    atts = find_attributions(doc, actors=())
    claim, responses = _claim_at(doc, "retaken", atts)
    assert claim.source is not None and claim.source.text == "Moscow"
    assert claim.stance is Stance.ASSERT
    assert [(r.source.text if r.source else None, r.stance) for r in responses] == [
        ("Kyiv", Stance.DENY)
    ]


def test_adverse_confirmation_in_own_words(nlp: Language) -> None:
    doc = nlp(
        "Russia said its planes struck depots in Kursk. "
        "A Ukrainian general confirmed that Russian planes struck the depots."
    )
    atts = find_attributions(doc, actors=())
    claim, responses = _claim_at(doc, "struck", atts)
    assert claim.source is not None and claim.source.text == "Russia"
    assert [(r.source.text if r.source else None, r.stance) for r in responses] == [
        ("A Ukrainian general", Stance.CONFIRM)
    ]
    claim2, _ = _claim_at(doc, "struck", atts, nth=1)
    assert claim2.stance is Stance.CONFIRM


def test_outlet_could_not_verify_is_a_neither_response(nlp: Language) -> None:
    doc = nlp("Russia said it seized the village. The claim could not be independently verified.")
    atts = find_attributions(doc, actors=())
    claim, responses = _claim_at(doc, "seized", atts)
    assert claim.stance is Stance.ASSERT
    assert [(r.source, r.stance) for r in responses] == [(None, Stance.NEITHER)]


def test_no_comment_response(nlp: Language) -> None:
    doc = nlp("Israel's army said it struck a weapons depot. Hamas declined to comment.")
    atts = find_attributions(doc, actors=())
    _, responses = _claim_at(doc, "struck", atts)
    assert [r.stance for r in responses] == [Stance.NO_COMMENT]


# ---------------------------------------------------------------- quotes


def test_quote_spans_straight_curly_and_open_paragraph() -> None:
    text = 'He said "one" and “two”.\n“Three is open\n“Four.”'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["one", "two", "Three is open", "Four."]


def test_quotes_with_speakers(nlp: Language) -> None:
    text = (
        '"We will hold the line," Gen. Ivan Petrov said on Monday. '
        "The minister said the army would move “to free” the region. "
        "Anna Kovalenko, a nurse, said: “We have no power. We have no water.”"
    )
    doc = nlp(text)
    atts = find_attributions(doc, actors=())
    quotes = find_quotes(doc, attributions=atts, actors=())
    got = [(q.text, q.speaker.text if q.speaker else None) for q in quotes]
    assert got == [
        ("We will hold the line,", "Gen. Ivan Petrov"),
        ("to free", "The minister"),
        ("We have no power. We have no water.", "Anna Kovalenko"),
    ]
    for q in quotes:
        assert text[q.start : q.end] == q.text


def test_multi_paragraph_quote_keeps_speaker(nlp: Language) -> None:
    text = (
        "“The city is surrounded,” the mayor said. “We are running out of food.\n\n"
        "“Nobody can get in or out,” he continued."
    )
    doc = nlp(text)
    atts = find_attributions(doc, actors=())
    quotes = find_quotes(doc, attributions=atts, actors=())
    assert len(quotes) == 3
    assert all(q.speaker is not None and q.speaker.name == "the mayor" for q in quotes)


# ---------------------------------------------------------------- modality


@pytest.mark.parametrize(
    ("text", "word", "modality"),
    [
        ("Russian troops attacked the town.", "attacked", Modality.ASSERTED),
        ("Russian troops did not attack the town.", "attack", Modality.NEGATED),
        ("Russian troops never attacked the town.", "attacked", Modality.NEGATED),
        ("There were no attacks on the town.", "attacks", Modality.NEGATED),
        ("The army failed to capture the town.", "capture", Modality.NEGATED),
        ("Kyiv denied that its forces attacked the town.", "attacked", Modality.NEGATED),
        ("Russia will attack the town.", "attack", Modality.FUTURE),
        ("Russia is to withdraw its troops.", "withdraw", Modality.FUTURE),
        ("Russia plans to attack the town.", "attack", Modality.FUTURE),
        ("The army intends to retake the town.", "retake", Modality.FUTURE),
        ("The president vowed to retake the town.", "retake", Modality.FUTURE),
        ("Russia is considering building a security zone.", "building", Modality.FUTURE),
        (
            "Mr. Putin said he expected the Russian military to “free” the Kursk region soon.",
            "free",
            Modality.FUTURE,
        ),
        ("Russia could attack the town.", "attack", Modality.HYPOTHETICAL),
        ("The strikes might resume next week.", "resume", Modality.HYPOTHETICAL),
        ("If Russia attacks the town, Kyiv will respond.", "attacks", Modality.HYPOTHETICAL),
        ("The rebels threatened to attack the capital.", "attack", Modality.HYPOTHETICAL),
        ("The army launched an offensive.", "offensive", Modality.ASSERTED),
        ("The army will launch an offensive.", "offensive", Modality.FUTURE),
        ("A planned offensive was delayed.", "offensive", Modality.FUTURE),
    ],
)
def test_modality(nlp: Language, text: str, word: str, modality: Modality) -> None:
    doc = nlp(text)
    assert modality_of(doc, _token(doc, word)) is modality


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["12"], 12),
        (["1,200"], 1200),
        (["two"], 2),
        (["twenty-five"], 25),
        (["two", "hundred"], 200),
        (["3", "million"], 3_000_000),
        (["dozens"], None),
    ],
)
def test_number_value(words: list[str], value: int | None) -> None:
    assert number_value(words) == value


@pytest.mark.parametrize(
    ("text", "kind", "value", "span"),
    [
        ("The strike killed 12 civilians.", "killed", 12, "12 civilians"),
        ("At least 5 people were injured in the attack.", "injured", 5, "At least 5 people"),
        ("The shelling left two dead.", "killed", 2, "two dead"),
        ("Ukrainian forces captured 40 soldiers.", "captured", 40, "40 soldiers"),
        ("The two sides exchanged 175 prisoners.", "exchanged", 175, "175 prisoners"),
        ("Russia launched 120 drones overnight.", "drones", 120, "120 drones"),
        ("The death toll rose to 30.", "killed", 30, "30"),
        ("Three hundred people fled the town.", "displaced", 300, "Three hundred people"),
    ],
)
def test_figures(nlp: Language, text: str, kind: str, value: int, span: str) -> None:
    doc = nlp(text)
    figs = find_figures(doc, attributions=(), actors=())
    assert [(f.kind, f.value, f.text) for f in figs] == [(kind, value, span)]
    assert text[figs[0].start : figs[0].end] == span


def test_no_figures_from_dates_or_other_numbers(nlp: Language) -> None:
    doc = nlp("On 12 March 2024 the 3 ministers met for 2 hours in Geneva.")
    assert find_figures(doc, attributions=(), actors=()) == ()


def test_figures_carry_their_source_and_sentence(nlp: Language) -> None:
    doc = nlp("The governor said the strike killed 7 people. Separately, 3 soldiers were wounded.")
    atts = find_attributions(doc, actors=())
    figs = find_figures(doc, attributions=atts, actors=())
    assert [(f.kind, f.value) for f in figs] == [("killed", 7), ("injured", 3)]
    assert figs[0].source is not None and figs[0].source.text == "The governor"
    assert figs[1].source is None
    start = doc.text.index("killed")
    mine = figures_for(start, start + 6, sentence=_sentence_of(doc, start), figures=figs)
    assert mine == (figs[0],)


# ---------------------------------------------------------------- the reference article


def test_seed_article(nlp: Language, seed_text: str) -> None:
    doc = nlp(seed_text)
    atts = find_attributions(doc, actors=())

    claim, responses = _claim_at(doc, "retaken", atts, nth=1)
    assert claim.stance is Stance.ASSERT
    assert claim.source is not None and "Ministry of Defense" in claim.source.text
    assert claim.cue is not None and claim.cue.text == "asserted"
    assert any(
        r.stance is Stance.NEITHER and r.source is not None and "Ukrainian" in r.source.text
        for r in responses
    )

    strikes, _ = _claim_at(doc, "strikes", atts)
    assert strikes.stance is Stance.CONFIRM
    assert strikes.source is not None and "Syrskyi" in strikes.source.text

    free, _ = _claim_at(doc, "free", atts)
    assert free.source is not None and "Putin" in free.source.name
    assert modality_of(doc, _token(doc, "free")) is Modality.FUTURE
    assert modality_of(doc, _token(doc, "building")) in {Modality.FUTURE, Modality.HYPOTHETICAL}

    holding, _ = _claim_at(doc, "holding", atts)
    assert holding.source is not None and "Ushakov" in holding.source.text

    landed, _ = _claim_at(doc, "landed", atts)
    assert landed.stance is Stance.CONFIRM
    assert landed.source is not None and landed.source.text == "the White House"

    quotes = find_quotes(doc, attributions=atts, actors=())
    speakers = {q.text.rstrip("."): q.speaker.name if q.speaker else None for q in quotes}
    assert "Syrskyi" in (speakers["more advantageous lines"] or "")
    assert "Putin" in (speakers["free"] or "")
    assert "Ushakov" in (speakers["Moscow’s interest and concerns"] or "")
