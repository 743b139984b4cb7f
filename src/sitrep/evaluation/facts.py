"""Score sitrep's analyses of the bundled examples against their hand-written key facts.

Input: the facts of `tests/golden/examples_expected.json` (one per event the examples state,
with type, actor country, place, date, claim source, stance, modality) and one public JSON
document per example. Output: how many facts were found (a mention whose sentence holds the
fact's sentence and whose trigger is the fact's trigger) and, among those, how often each field
agrees. Pure: reading files is the caller's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.evaluation.labels import plover_type
from sitrep.evaluation.metrics import haversine_km

FIELDS = ("event_type", "actor_country", "place", "date", "claim_source", "stance", "modality")
PLACE_KM = 25.0


@dataclass(frozen=True)
class FactResult:
    """One fact: the mention that matched it (or None) and which fields agreed."""

    fact: Mapping[str, Any]
    mention: Mapping[str, Any] | None
    agree: Mapping[str, bool]  # only the fields the fact specifies


def find_mention(fact: Mapping[str, Any], doc: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The mention stating the fact: same sentence, trigger starting with the fact's trigger."""
    trigger = str(fact["trigger"]).lower()
    needle = str(fact["sentence_contains"])
    for m in doc.get("mentions", []):
        sentence = (m.get("sentence") or {}).get("text", "")
        got = str(m.get("trigger", "")).lower()
        if needle in sentence and (got.startswith(trigger) or trigger.startswith(got)):
            return m
    return None


def _date_agrees(expected: str, when: Mapping[str, Any] | None) -> bool:
    if not when or not when.get("resolved") or not when.get("start"):
        return False
    day = dt.date.fromisoformat(expected)
    start = dt.date.fromisoformat(str(when["start"]))
    end = dt.date.fromisoformat(str(when.get("end") or when["start"]))
    return start <= day <= end


def _place_agrees(fact: Mapping[str, Any], place: Mapping[str, Any] | None) -> bool:
    if not place:
        return False
    if fact.get("lat") is not None and place.get("lat") is not None:
        km = haversine_km(fact["lat"], fact["lon"], place["lat"], place["lon"])
        return km <= PLACE_KM
    name = str(fact["place"]).lower()
    return name in str(place.get("text", "")).lower() or name in str(place.get("name", "")).lower()


def _source_agrees(expected: str | None, claim: Mapping[str, Any]) -> bool:
    source = claim.get("source")
    if expected is None:
        return source is None
    if source is None:
        return False
    text = str(source.get("text", "")).lower()
    want = expected.lower()
    return want in text or text in want


def judge(fact: Mapping[str, Any], mention: Mapping[str, Any]) -> dict[str, bool]:
    """Which of the fact's fields the mention gets right."""
    agree: dict[str, bool] = {
        "event_type": plover_type(mention.get("event_type")) == plover_type(fact["event_type"]),
        "claim_source": _source_agrees(fact.get("claim_source"), mention.get("claim") or {}),
        "stance": (mention.get("claim") or {}).get("stance") == fact["stance"],
        "modality": mention.get("modality") == fact["modality"],
    }
    if fact.get("actor_country"):
        countries = {a.get("country") for a in mention.get("actors", [])}
        agree["actor_country"] = fact["actor_country"] in countries
    if fact.get("place"):
        agree["place"] = _place_agrees(fact, mention.get("place"))
    if fact.get("date"):
        agree["date"] = _date_agrees(fact["date"], mention.get("when"))
    return agree


def score_facts(
    facts: Sequence[Mapping[str, Any]], docs: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, float], list[FactResult]]:
    """Found rate and per-field agreement; `docs` maps a fact's `file` key to its document."""
    results = []
    for fact in facts:
        doc = docs.get(str(fact["file"]))
        mention = find_mention(fact, doc) if doc else None
        results.append(FactResult(fact, mention, judge(fact, mention) if mention else {}))
    found = [r for r in results if r.mention is not None]
    scores: dict[str, float] = {"facts": float(len(results))}
    scores["found"] = len(found) / len(results) if results else 0.0
    for name in FIELDS:
        judged = [r.agree[name] for r in found if name in r.agree]
        scores[name] = sum(judged) / len(judged) if judged else 0.0
    return scores, results
