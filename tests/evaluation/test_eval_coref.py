"""sitrep's clustering as the ECB+ cluster function: within a topic only."""

from __future__ import annotations

from typing import Any

from sitrep.evaluation.coref import sitrep_clusters


def _mention(mid: str, start: int, place: tuple[float, float]) -> dict[str, Any]:
    return {
        "mention_id": mid,
        "start": start,
        "end": start + 6,
        "trigger": "struck",
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
    cases = [{"id": "a", "topic": "1"}, {"id": "b", "topic": "1"}, {"id": "c", "topic": "2"}]
    preds = [
        {"mentions": [_mention("m1", 0, town)]},
        {"mentions": [_mention("m2", 10, town), _mention("m3", 40, far)]},
        {"mentions": [_mention("m4", 0, town)]},
    ]
    out = sitrep_clusters(cases, preds)
    assert out[("a", 0, 6)] == out[("b", 10, 16)]
    assert out[("b", 40, 46)] != out[("a", 0, 6)]
    assert out[("c", 0, 6)] != out[("a", 0, 6)]
