"""Each scorer on tiny hand-built gold cases and predictions; expected figures by hand."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.evaluation.scorers import (
    score_attribution,
    score_coreference,
    score_event_record,
    score_event_type,
    score_factuality,
    score_timex,
    score_toponyms,
    score_unlabelled,
)


def at(text: str, word: str, **extra: Any) -> dict[str, Any]:
    """A span object for the first occurrence of word in text."""
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word, **extra}


def mention(start: int = 0, end: int = 1, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "confidence": 0.5, **extra}


# --- event_type ---


def test_case2021_acled_subtypes_and_extra_labels() -> None:
    cases = [
        {"set": "case2021", "id": "1", "text": "t", "label": "AIR_STRIKE"},
        {"set": "case2021", "id": "2", "text": "t", "label": "ARMED_CLASH"},
        {"set": "case2021", "id": "3", "text": "t", "label": "ARMED_CLASH"},
        {"set": "case2021", "id": "4", "text": "t", "label": "DIPLO"},
        {"set": "case2021", "id": "5", "text": "t", "label": "NATURAL_DISASTER"},
    ]
    preds = [
        {"mentions": [mention(acled_subtype="Air/drone strike")]},
        {
            "mentions": [
                mention(acled_subtype="Armed clash", confidence=0.3),
                mention(acled_subtype="Attack", confidence=0.8),  # the main mention
            ]
        },
        {"mentions": []},
        {"mentions": [mention(acled_subtype=None)]},
        {"mentions": [mention(acled_subtype="Attack")]},
    ]
    got = score_event_type(cases, preds).metrics
    assert got["n_acled"] == 3
    assert got["accuracy"] == pytest.approx(1 / 3)
    # classes AIR_STRIKE (F1 1), ARMED_CLASH (0), ATTACK (predicted only, 0)
    assert got["macro_f1"] == pytest.approx(1 / 3)
    assert got["weighted_f1"] == pytest.approx(1 / 3)
    assert got["no_prediction_rate"] == pytest.approx(1 / 3)
    assert got["n_extra"] == 2
    assert got["extra_none_rate"] == pytest.approx(0.5)
    assert got["extra_none_rate.DIPLO"] == 1.0
    assert got["extra_none_rate.NATURAL_DISASTER"] == 0.0
    assert "extra_none_rate.ATTRIB" not in got
    assert got["per_class_f1.AIR_STRIKE"] == 1.0 and got["per_class_f1.ARMED_CLASH"] == 0.0
    notes = score_event_type(cases, preds).notes
    assert any("ARMED_CLASH→ATTACK 1" in n for n in notes)


def test_plover_labels_mapped_and_actors_scored() -> None:
    text = "Israel demanded that Hamas release hostages."
    cases = [
        {
            "set": "plover_gsr",
            "id": "a",
            "text": text,
            "label": "DEMAND",
            "actors": [{"text": "Israel", "country": "ISR", "sector": "GOV"}],
        },
        {
            "set": "plover_gsr",
            "id": "b",
            "text": "The rebels fought the army.",
            "label": "FIGHT",
            "actors": [{"text": "rebels", "sector": "REB"}],
        },
        {
            "set": "plover_gsr",
            "id": "c",
            "text": "They agreed.",
            "label": "AGREE",
            "actors": [{"text": "Hungarian ... officials", "country": "HUN"}],
        },
    ]
    israel = {"start": 0, "end": 6, "text": "Israel", "country": "ISR", "sector": "MIL"}
    preds = [
        {"mentions": [mention(event_type="REQUEST", actors=[israel])]},
        {"mentions": [mention(event_type="ASSAULT")]},
        {"mentions": [mention(event_type="CONSULT")]},
    ]
    got = score_event_type(cases, preds).metrics
    assert got["accuracy"] == pytest.approx(2 / 3)
    assert got["macro_f1"] == pytest.approx(0.5)  # REQUEST 1, ASSAULT 1, AGREE 0, CONSULT 0
    assert got["weighted_f1"] == pytest.approx(2 / 3)
    assert got["actor_n"] == 2  # the third actor's text is not in the sentence
    assert got["actor_match_rate"] == pytest.approx(0.5)
    assert got["actor_country_acc"] == 1.0
    assert got["actor_sector_acc"] == 0.0
    assert got["per_class_f1.REQUEST"] == 1.0 and got["per_class_f1.AGREE"] == 0.0


# --- toponyms ---

TOPO_TEXT = "Shelling hit Kharkiv and Kyiv, as in Paris."


def test_toponyms_spans_and_distances() -> None:
    t = TOPO_TEXT
    case = {
        "id": "1",
        "text": t,
        "toponyms": [
            at(t, "Kharkiv", lat=50.0, lon=36.25),
            at(t, "Kyiv", lat=50.45, lon=30.52),
        ],
        "other_spans": [at(t, "Paris")],
    }
    pred = {
        "places": [
            at(t, "Kharkiv", lat=50.0, lon=36.25),  # 0 km
            at(t, "Kyiv", lat=52.45, lon=30.52),  # 2° north: 222.39 km
            at(t, "Paris", lat=48.85, lon=2.35),  # unscored gold span: not a false positive
            at(t, "Shelling", lat=1.0, lon=1.0),  # false positive
        ]
    }
    got = score_toponyms([case], [pred]).metrics
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == 1.0
    assert got["f1"] == pytest.approx(0.8)
    assert got["acc_161km"] == pytest.approx(0.5)
    assert got["mean_km"] == pytest.approx(111.195, abs=1e-2)
    assert got["median_km"] == pytest.approx(111.195, abs=1e-2)
    assert "literal_recall" not in got  # no gold toponym is typed


def test_toponyms_literal_recall_when_typed() -> None:
    t = TOPO_TEXT
    case = {
        "id": "1",
        "text": t,
        "toponyms": [
            at(t, "Kharkiv", lat=50.0, lon=36.25, type="Literal"),
            at(t, "Kyiv", lat=50.45, lon=30.52, type="Embedded_Literal"),
            at(t, "Paris", lat=48.85, lon=2.35, type="Metonymic"),
        ],
    }
    pred = {"places": [at(t, "Kharkiv"), at(t, "Paris")]}
    got = score_toponyms([case], [pred]).metrics
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["literal_recall"] == pytest.approx(0.5)


def test_toponyms_malformed_gold_is_a_miss_not_a_crash() -> None:
    t = TOPO_TEXT
    broken = {"id": "b", "text": t, "toponyms": [at(t, "Kyiv")]}  # no coordinates
    pred = {"places": [at(t, "Kyiv", lat=50.45, lon=30.52)]}
    scored = score_toponyms([broken], [pred])
    assert scored.metrics["recall"] == 0.0
    assert any("unreadable prediction" in n for n in scored.notes)
    skipped = score_toponyms([{"id": "x", "toponyms": [{"end": 3}]}], [None])
    assert skipped.skipped == 1


# --- timex ---


def test_timex_relaxed_strict_and_values() -> None:
    t = "They met yesterday, two weeks ago, and again on Monday."
    case = {
        "id": "1",
        "text": t,
        "published": "2024-03-13",
        "timexes": [
            at(t, "yesterday", type="DATE", value="2024-03-12"),
            at(t, "two weeks", type="DURATION", value="P2W"),
        ],
    }
    pred = {
        "times": [
            at(t, "yesterday", value="2024-03-12"),
            at(t, "two weeks ago", value="2024-02-28"),
            at(t, "Monday", value="2024-03-11"),
        ]
    }
    got = score_timex([case], [pred]).metrics
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == 1.0
    assert got["f1"] == pytest.approx(0.8)
    assert got["strict_f1"] == pytest.approx(0.4)  # P 1/3, R 1/2
    assert got["date_value_acc"] == 1.0
    assert got["value_acc"] == pytest.approx(0.5)
    assert got["value_f1"] == pytest.approx(0.4)


# --- factuality ---


def test_factuality_against_majority_baseline() -> None:
    t = "Troops attacked; they did not strike the town. Talks may follow a visit next week."
    case = {
        "id": "1",
        "text": t,
        "events": [
            at(t, "attacked", certainty="CERTAIN", polarity="POS", time="NON_FUTURE"),
            at(t, "strike", certainty="CERTAIN", polarity="NEG", time="NON_FUTURE"),
            at(t, "Talks", certainty="POSSIBLE", polarity="POS", time="FUTURE"),
            at(t, "visit", certainty="CERTAIN", polarity="POS", time="FUTURE"),
        ],
    }
    pred = {
        "mentions": [
            {**at(t, "attacked"), "modality": "asserted"},
            {**at(t, "strike"), "modality": "asserted"},
            {**at(t, "Talks"), "modality": "hypothetical"},
        ]
    }
    got = score_factuality([case], [pred]).metrics
    assert got["coverage"] == pytest.approx(0.75)
    assert got["certainty_acc"] == 1.0
    assert got["polarity_acc"] == pytest.approx(2 / 3)
    assert got["both_acc"] == pytest.approx(2 / 3)
    assert got["time_acc"] == 1.0
    assert got["certainty_macro_f1"] == 1.0
    assert got["baseline_both_acc_matched"] == pytest.approx(1 / 3)
    assert got["baseline_certainty_macro_f1"] == pytest.approx(0.4)  # CERTAIN .8, POSSIBLE 0
    assert got["baseline_certainty_acc_all"] == pytest.approx(0.75)
    assert got["baseline_polarity_acc_all"] == pytest.approx(0.75)
    assert got["baseline_both_acc_all"] == pytest.approx(0.5)


def test_factuality_negation_and_uncertainty_figures() -> None:
    t = "Guards did not fire. Rebels may attack the base. Police arrested two men."
    case = {
        "id": "1",
        "text": t,
        "events": [
            at(t, "fire", certainty="CERTAIN", polarity="NEG"),
            at(t, "attack", certainty="POSSIBLE", polarity="POS"),
            at(t, "arrested", certainty="CERTAIN", polarity="POS"),
        ],
    }
    pred = {
        "mentions": [
            {**at(t, "fire"), "modality": "negated"},
            {**at(t, "attack"), "modality": "asserted"},
            {**at(t, "arrested"), "modality": "hypothetical"},
        ]
    }

    def on_tokens(text: str, spans: object) -> list[str]:
        assert text == t
        return ["negated", "hypothetical", "asserted"]

    got = score_factuality([case], [pred], modality_at=on_tokens).metrics
    assert got["found.neg_precision"] == 1.0 and got["found.neg_recall"] == 1.0
    assert got["found.non_asserted_precision"] == 0.0  # the hypothetical one is CERTAIN
    assert got["found.non_asserted_recall"] == 0.0  # the POSSIBLE one came out asserted
    assert got["found.neg_or_uncertain_as_asserted"] == 1.0
    assert got["found.confusion.UNCERTAIN.asserted"] == 1.0
    assert got["found.confusion.CERTAIN.hypothetical"] == 1.0
    assert got["gold_tokens.non_asserted_f1"] == 1.0
    assert got["gold_tokens.neg_f1"] == 1.0


def test_factuality_without_token_hook_has_no_gold_token_figures() -> None:
    t = "Nobody was hurt."
    case = {"id": "1", "text": t, "events": [at(t, "hurt", certainty="CERTAIN", polarity="NEG")]}
    got = score_factuality([case], [None]).metrics
    assert not any(k.startswith("gold_tokens.") for k in got)
    assert got["found.n"] == 0.0 and got["coverage"] == 0.0


# --- attribution ---


def test_attribution_cue_source_content() -> None:
    t = (
        'Officials said the town fell. "We hold it," the mayor insisted. '
        "It is believed talks failed."
    )
    case = {
        "id": "1",
        "text": t,
        "attributions": [
            {"source": at(t, "Officials"), "cue": at(t, "said"), "content": at(t, "the town fell")},
            {
                "source": at(t, "the mayor"),
                "cue": at(t, "insisted"),
                "content": at(t, "We hold it,"),
            },
            {"source": None, "cue": at(t, "is believed"), "content": at(t, "talks failed")},
        ],
    }
    pred = {
        "attributions": [
            {"source": at(t, "Officials"), "cue": at(t, "said"), "content": at(t, "the town fell")},
            {"source": None, "cue": at(t, "mayor insisted"), "content": at(t, "We hold it")},
            {"source": None, "cue": at(t, "failed"), "content": at(t, "talks")},
        ]
    }
    got = score_attribution([case], [pred]).metrics
    assert got["cue_precision"] == pytest.approx(2 / 3)
    assert got["cue_recall"] == pytest.approx(2 / 3)
    assert got["source_f1"] == pytest.approx(1 / 3)
    assert got["content_f1"] == pytest.approx(2 / 3)
    assert got["cue_exact_f1"] == pytest.approx(1 / 3)


# --- event_record ---


def test_event_record_place_date_deaths_with_coverage() -> None:
    cases = [
        {
            "id": "1",
            "text": "t",
            "published": "2024-03-10",
            "date_start": "2024-03-08",
            "date_end": "2024-03-09",
            "lat": 50.0,
            "lon": 36.0,
            "deaths": 3,
        },
        {"id": "2", "text": "t", "date_start": "2024-03-08", "lat": 10.0, "lon": 10.0, "deaths": 5},
        {
            "id": "3",
            "text": "t",
            "published": "2024-02-01",
            "date_start": "2024-01-01",
            "date_end": "2024-01-31",
            "lat": 0.0,
            "lon": 0.0,
            "deaths": 0,
        },
    ]
    day = {"start": "2024-03-09", "end": "2024-03-09", "resolved": True}
    preds = [
        {
            "mentions": [
                mention(figures=[{"kind": "killed", "value": 10}], confidence=0.2),
                mention(
                    confidence=0.9,
                    place={"lat": 50.5, "lon": 36.0},  # 55.6 km
                    when=day,
                    figures=[{"kind": "killed", "value": 3}, {"kind": "injured", "value": 7}],
                ),
            ]
        },
        {"mentions": [], "places": [{"lat": 20.0, "lon": 10.0}, {"lat": 10.5, "lon": 10.0}]},
        {
            "mentions": [
                mention(place=None, when={"start": "2023-12-30", "end": "2024-01-02"}),
            ]
        },
    ]
    scored = score_event_record(cases, preds)
    got = scored.metrics
    assert got["place_161km"] == pytest.approx(2 / 3)
    assert got["place_coverage"] == pytest.approx(2 / 3)
    assert got["place_161km_covered"] == 1.0
    assert got["median_km"] == pytest.approx(55.6, abs=0.1)
    assert got["date_n"] == 2
    assert got["date_in_range"] == pytest.approx(0.5)
    assert got["date_overlap"] == 1.0
    assert got["date_coverage"] == 1.0
    assert got["deaths_n"] == 2
    assert got["deaths_exact"] == pytest.approx(0.5)
    assert got["deaths_coverage"] == pytest.approx(0.5)
    assert any("no published date" in n for n in scored.notes)


# --- coreference ---

COREF_CASES = [
    {
        "id": "d1",
        "topic": "1",
        "text": "Blast killed two at the bank.",
        "mentions": [
            {"start": 0, "end": 5, "text": "Blast", "cluster": "1/X"},
            {"start": 6, "end": 12, "text": "killed", "cluster": "1/Y"},
        ],
    },
    {
        "id": "d2",
        "topic": "1",
        "text": "Bomb hits bank.",
        "mentions": [{"start": 0, "end": 4, "text": "Bomb", "cluster": "1/X"}],
    },
]


def test_coreference_singletons() -> None:
    preds = [{"mentions": [mention(1, 4), mention(20, 25)]}, {"mentions": []}]
    scored = score_coreference(COREF_CASES, preds)
    got = scored.metrics
    assert got["mention_recall"] == pytest.approx(1 / 3)
    assert got["mention_precision"] == pytest.approx(0.5)
    assert got["muc_f1"] == 0.0
    assert got["b3_recall"] == pytest.approx(1 / 6)
    assert got["b3_precision"] == pytest.approx(0.5)
    assert got["ceafe_recall"] == pytest.approx(1 / 3)
    assert got["ceafe_precision"] == pytest.approx(1 / 3)
    assert any("singletons" in n for n in scored.notes)


def test_coreference_with_a_cluster_function() -> None:
    preds = [{"mentions": [mention(1, 4), mention(20, 25)]}, {"mentions": [mention(0, 4)]}]

    def one_cluster(cases: Any, preds: Any) -> dict[tuple[str, int, int], str]:
        return {("d1", 1, 4): "c", ("d1", 20, 25): "c", ("d2", 0, 4): "c"}

    got = score_coreference(COREF_CASES, preds, clusters=one_cluster).metrics
    assert got["mention_recall"] == pytest.approx(2 / 3)
    assert got["muc_recall"] == 1.0
    assert got["muc_precision"] == pytest.approx(0.5)


# --- unlabelled ---


def test_unlabelled_volumes() -> None:
    cases = [{"id": str(i), "text": "t"} for i in range(3)]
    preds = [
        {"mentions": [mention(), mention()], "places": [{}, {}, {}], "times": [{}]},
        {"mentions": [], "places": [], "times": []},
        None,
    ]
    got = score_unlabelled(cases, preds).metrics
    assert got["docs"] == 2
    assert got["docs_with_mention"] == 1
    assert got["mentions_per_doc"] == 1.0
    assert got["places_per_doc"] == 1.5
    assert got["times_per_doc"] == 0.5
    assert got["failures"] == 1


def test_garbage_predictions_score_as_nothing() -> None:
    t = TOPO_TEXT
    case = {"id": "1", "text": t, "toponyms": [at(t, "Kyiv", lat=50.45, lon=30.52)]}
    for junk in (None, {}, {"places": "Kyiv"}, {"places": [1, "x", {"start": "a"}]}):
        assert score_toponyms([case], [junk]).metrics["recall"] == 0.0


def test_coreference_found_scores_judge_clustering_alone() -> None:
    from sitrep.evaluation.scorers import score_coreference

    text = "A bomb exploded. The blast killed two. A second bomb exploded later."
    case = {
        "set": "t",
        "id": "d1",
        "topic": "1",
        "text": text,
        "mentions": [
            {"start": 7, "end": 15, "text": "exploded", "cluster": "A"},
            {"start": 21, "end": 26, "text": "blast", "cluster": "A"},
            {"start": 55, "end": 63, "text": "exploded", "cluster": "B"},
        ],
    }
    pred = {
        "mentions": [
            {"mention_id": "m1", "start": 7, "end": 15, "trigger": "exploded"},
            {"mention_id": "m2", "start": 21, "end": 26, "trigger": "blast"},
        ]
    }

    def together(cases: Any, preds: Any) -> dict[Any, Any]:
        return {("d1", 7, 15): "x", ("d1", 21, 26): "x"}

    scored = score_coreference([case], [pred], clusters=together)
    # on the two gold mentions found, the clustering is perfect
    assert scored.metrics["found_b3_f1"] == 1.0 and scored.metrics["found_muc_f1"] == 1.0
    assert scored.metrics["found_mentions"] == 2.0
    # overall, the missed third mention costs recall
    assert scored.metrics["b3_recall"] < 1.0


def test_event_record_where_figures_use_the_locator() -> None:
    from sitrep.evaluation.scorers import score_event_record

    cases = [
        {"set": "t", "id": "1", "text": "Shelling hit Kharkiv.", "where": "Kharkiv",
         "lat": 49.99, "lon": 36.23},
        {"set": "t", "id": "2", "text": "Explosions in the region.", "where": "Sumy Oblast",
         "lat": 50.9, "lon": 34.8},
        {"set": "t", "id": "3", "text": "A strike.", "where": "somewhere", "lat": 1.0,
         "lon": 1.0},
    ]  # fmt: skip
    table = {"Kharkiv": (50.0, 36.25, True), "Sumy Oblast": (51.5, 34.0, False)}
    scored = score_event_record(cases, [None, None, None],
                                locate=lambda text, country: table.get(text))  # fmt: skip
    assert scored.metrics["where_n"] == 3.0
    assert scored.metrics["where_25km"] == 1 / 3  # only Kharkiv is within 25 km
    assert scored.metrics["where_town_n"] == 1.0 and scored.metrics["where_25km_town"] == 1.0


def test_future_counts_as_certain_and_only_hypothetical_as_non_asserted() -> None:
    # MEANTIME codes an event presented as to come as CERTAIN (time FUTURE): sitrep's
    # `future` is not a non-asserted modality; `hypothetical` is.
    t = "Kyiv will hold talks. Rebels may attack. Troops plan to withdraw."
    case = {
        "id": "1",
        "text": t,
        "events": [
            at(t, "hold", certainty="CERTAIN", polarity="POS"),
            at(t, "attack", certainty="POSSIBLE", polarity="POS"),
            at(t, "withdraw", certainty="PROBABLE", polarity="POS"),
        ],
    }

    def on_tokens(text: str, spans: object) -> list[str]:
        return ["future", "hypothetical", "future"]

    got = score_factuality([case], [None], modality_at=on_tokens).metrics
    assert got["gold_tokens.non_asserted_precision"] == 1.0  # the CERTAIN future is not counted
    assert got["gold_tokens.non_asserted_recall"] == 0.5  # the PROBABLE one came out future
    assert got["gold_tokens.neg_or_uncertain_as_asserted"] == 1.0
    assert got["gold_tokens.confusion.CERTAIN.future"] == 1.0
