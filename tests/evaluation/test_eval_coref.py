"""sitrep's clustering as the ECB+ cluster function: within a topic only."""

from __future__ import annotations

from typing import Any

from sitrep.evaluation.coref import sitrep_clusters

STORY = "Drones struck a fuel depot in Kupiansk overnight, the regional governor said."
OTHER = "A court in Lisbon sentenced two bankers to prison for fraud on Tuesday."


def _mention(
    mid: str, start: int, place: tuple[float, float], trigger: str = "struck"
) -> dict[str, Any]:
    return {
        "mention_id": mid,
        "start": start,
        "end": start + 6,
        "trigger": trigger,
        "event_type": "ASSAULT",
        "mode": "drone",
        "sentence": {"text": "Drones struck a depot in the town overnight."},
        "when": {"start": None, "end": None, "resolved": False},
        "place": {
            "lat": place[0],
            "lon": place[1],
            "precision": "place",
            "geonameid": None,
            "country": "UKR",
            "admin1": None,
        },
        "actors": [{"name": "Russia", "country": "RUS"}],
        "recipients": [],
    }


def test_same_place_same_topic_clusters_other_topic_does_not() -> None:
    town, far = (50.0, 36.2), (46.5, 30.7)
    cases = [
        {"id": "a", "topic": "1", "text": STORY},
        {"id": "b", "topic": "1", "text": STORY + " Fires burned."},
        {"id": "c", "topic": "2", "text": STORY},
    ]
    preds = [
        {"mentions": [_mention("m1", 0, town)]},
        {"mentions": [_mention("m2", 10, town), _mention("m3", 40, far)]},
        {"mentions": [_mention("m4", 0, town)]},
    ]
    out = sitrep_clusters(cases, preds)
    assert out[("a", 0, 6)] == out[("b", 10, 16)]
    assert out[("b", 40, 46)] != out[("a", 0, 6)]
    assert out[("c", 0, 6)] != out[("a", 0, 6)]


def test_undated_pair_needs_articles_of_one_story() -> None:
    """Same trigger, same place, same side, but the articles share no words: apart."""
    town = (50.0, 36.2)
    cases = [
        {"id": "a", "topic": "1", "text": STORY},
        {"id": "b", "topic": "1", "text": OTHER},
        {"id": "c", "topic": "1", "text": ""},
    ]
    preds = [
        {"mentions": [_mention("m1", 0, town)]},
        {"mentions": [_mention("m2", 0, town)]},
        {"mentions": [_mention("m3", 0, town)]},
    ]
    out = sitrep_clusters(cases, preds)
    assert len({out[("a", 0, 6)], out[("b", 0, 6)], out[("c", 0, 6)]}) == 3


def test_undated_pair_needs_the_same_trigger_stem() -> None:
    """Inflections of one word meet ("strikes" ~ "struck"); another word does not."""
    town = (50.0, 36.2)
    cases = [
        {"id": "a", "topic": "1", "text": STORY},
        {"id": "b", "topic": "1", "text": STORY},
        {"id": "c", "topic": "1", "text": STORY},
    ]
    preds = [
        {"mentions": [_mention("m1", 0, town, "struck")]},
        {"mentions": [_mention("m2", 0, town, "strikes")]},
        {"mentions": [_mention("m3", 0, town, "bombed")]},
    ]
    out = sitrep_clusters(cases, preds)
    assert out[("a", 0, 6)] == out[("b", 0, 6)]
    assert out[("c", 0, 6)] != out[("a", 0, 6)]
