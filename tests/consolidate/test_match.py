"""Matching mentions across articles: blocking, scoring, order-independent clustering."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sitrep.consolidate.match import (
    MatchSettings,
    cluster,
    content_words,
    family,
    key_from_json,
    key_json,
    key_of,
    matches,
    score,
    stem,
)

SHOSTKA = (51.86, 33.47)
HLUKHIV = (51.68, 33.91)  # about 37 km from Shostka


def mention(
    mid: str,
    *,
    etype: str = "ASSAULT",
    mode: str | None = "drone",
    day: str | None = "2025-06-17",
    place: tuple[float, float] | None = SHOSTKA,
    geonameid: int | None = 1,
    actors: tuple[str, ...] = ("RUS",),
    recipients: tuple[str, ...] = (),
    trigger: str = "struck",
    sentence: str = "Russian drones struck an energy facility in Shostka overnight.",
) -> dict[str, Any]:
    return {
        "mention_id": mid,
        "article_id": "a" + mid,
        "event_type": etype,
        "mode": mode,
        "trigger": trigger,
        "sentence": {"text": sentence},
        "when": {"start": day, "end": day, "resolved": day is not None},
        "place": None
        if place is None
        else {
            "lat": place[0],
            "lon": place[1],
            "precision": "place",
            "geonameid": geonameid,
            "country": "UKR",
            "admin1": "Sumy",
        },
        "actors": [{"name": c, "country": c} for c in actors],
        "recipients": [{"name": c, "country": c} for c in recipients],
    }


PUB = dt.date(2025, 6, 18)


def test_families() -> None:
    assert family("ASSAULT", "capture") == family("RETREAT", "withdraw") == "TERRITORY"
    assert family("ASSAULT", "drone") == family("ASSAULT", "shelling") == "STRIKE"
    assert family("CONSULT", "visit") == "CONSULT"


def test_same_strike_reported_twice_matches() -> None:
    a = key_of(mention("1"), PUB)
    b = key_of(mention("2", trigger="hit", sentence="Drones hit a Shostka substation."), PUB)
    assert matches(a, b)


def test_towns_37_km_apart_stay_apart() -> None:
    a = key_of(mention("1"), PUB)
    b = key_of(mention("2", place=HLUKHIV, geonameid=2), PUB)
    assert score(a, b) is None


def test_different_days_or_families_stay_apart() -> None:
    a = key_of(mention("1"), PUB)
    assert score(a, key_of(mention("2", day="2025-06-20"), PUB)) is None
    assert score(a, key_of(mention("3", etype="CONSULT", mode="visit"), PUB)) is None


def test_undated_reports_never_merge_on_place_alone() -> None:
    a = key_of(mention("1", day=None), None)
    b = key_of(mention("2", day=None), None)
    assert score(a, b) is None


def test_withdrawal_meets_capture_days_later() -> None:
    capture = key_of(
        mention(
            "1",
            mode="capture",
            day="2025-06-09",
            recipients=("UKR",),
            trigger="captured",
            sentence="Russian forces captured the village.",
        ),
        dt.date(2025, 6, 10),
    )
    withdrawal = key_of(
        mention(
            "2",
            etype="RETREAT",
            mode="withdraw",
            day="2025-06-15",
            actors=("UKR",),
            trigger="withdrawn",
            sentence="Ukrainian troops have withdrawn from the village.",
        ),
        dt.date(2025, 6, 15),
    )
    assert matches(capture, withdrawal)


def test_clustering_does_not_depend_on_order() -> None:
    ms = [
        mention("1"),
        mention("2", trigger="hit", sentence="Drones hit a Shostka substation."),
        mention("3", place=HLUKHIV, geonameid=2),
        mention("4", place=HLUKHIV, geonameid=2, trigger="attacked"),
        mention("5", etype="CONSULT", mode="visit"),
    ]
    keys = [key_of(m, PUB) for m in ms]

    def groups(ks: list[Any]) -> set[frozenset[str]]:
        found: dict[str, set[str]] = {}
        for mid, root in cluster(ks, MatchSettings()).items():
            found.setdefault(root, set()).add(mid)
        return {frozenset(g) for g in found.values()}

    expected = {frozenset({"1", "2"}), frozenset({"3", "4"}), frozenset({"5"})}
    rng = random.Random(7)
    for _ in range(10):
        rng.shuffle(keys)
        assert groups(keys) == expected


def test_trigger_stems_meet_across_inflections() -> None:
    assert stem("killed") == stem("killing") == stem("kills") == stem("Killed")
    assert stem("struck") == stem("strikes") == stem("strike")
    assert stem("shot") == stem("shooting")
    assert stem("arrested") == stem("arrest")
    assert stem("bombed") != stem("struck")
    assert stem("killed") != stem("kidnapped")


def test_same_trigger_stem_scores_like_the_same_word() -> None:
    a = key_of(mention("1", trigger="killed", sentence="A drone killed two people."), PUB)
    b = key_of(mention("2", trigger="killing", sentence="Shelling of Shostka, A and B."), PUB)
    c = key_of(mention("3", trigger="wounded", sentence="Shelling of Shostka, A and B."), PUB)
    ab, ac = score(a, b), score(a, c)
    assert ab is not None and ac is not None and ab == ac + 1.0


def test_stored_keys_keep_the_stem() -> None:
    k = key_of(mention("1", trigger="Striking"), PUB)
    back = key_from_json(key_json(k), PUB)
    assert back.stem == k.stem == stem("struck")
    # keys stored before stems held the first five letters of the trigger
    old = key_json(k).replace('"tr":"striking"', '"tr":"strik"')
    assert key_from_json(old, PUB).stem == k.stem


STORY = "Russian drones struck an energy facility in Shostka overnight, the governor said."
OTHER = "A court in Lisbon sentenced two bankers to prison for fraud on Tuesday."
UNDATED = MatchSettings(allow_undated=True)


def test_undated_reports_merge_only_where_allowed_with_one_story_and_trigger() -> None:
    story, other = content_words(STORY), content_words(OTHER + " drones")
    a = key_of(mention("1", day=None), None, context=story)
    b = key_of(mention("2", day=None, trigger="strikes"), None, context=story)
    assert score(a, b) is None  # the store never merges undated reports
    assert matches(a, b, UNDATED)
    # the articles tell different stories: blocked, whatever else agrees
    assert score(a, key_of(mention("3", day=None), None, context=other), UNDATED) is None
    # no article text at all: blocked
    assert score(a, key_of(mention("4", day=None), None), UNDATED) is None
    # one story, another event word: blocked
    c = key_of(mention("5", day=None, trigger="bombed"), None, context=story)
    assert score(a, c, UNDATED) is None


def test_articles_of_one_story_add_evidence() -> None:
    story = content_words(STORY)
    a = key_of(mention("1"), PUB, context=story)
    b = key_of(mention("2"), PUB, context=story)
    c = key_of(mention("3"), PUB, context=content_words(OTHER))
    ab, ac = score(a, b), score(a, c)
    assert ab is not None and ac is not None and ab == ac + 1.0
    assert score(key_of(mention("1"), PUB), key_of(mention("2"), PUB)) == ac
