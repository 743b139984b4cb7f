"""Golden tests over the bundled examples: the key facts written with each article
(tests/golden/examples_expected.json) and the cases the examples exist to show.

The floors below are the figures measured when this test was written, rounded down: they catch
regressions; the accuracy issues raise them. docs/benchmarks.md gives the current figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluation.examples import analyse_examples, score_examples
from sitrep.evaluation.facts import find_mention

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

FLOORS = {
    "found": 0.9,
    "event_type": 0.95,
    "actor_country": 0.7,
    "place": 0.75,
    "date": 0.6,
    "claim_source": 0.9,
    "stance": 0.95,
    "modality": 0.88,
}


@pytest.fixture(scope="module")
def docs(resources: Any) -> dict[str, dict[str, Any]]:
    return analyse_examples(ROOT, resources)


def test_every_example_is_analysed(docs: dict[str, dict[str, Any]]) -> None:
    assert len(docs) >= 18
    assert all(d["mentions"] for d in docs.values())


def test_key_facts_hold(resources: Any) -> None:
    scores, _ = score_examples(ROOT, resources)
    below = {k: round(scores[k], 3) for k, floor in FLOORS.items() if scores[k] < floor}
    assert not below, f"below floor: {below}"


def _mention(docs: dict[str, dict[str, Any]], file: str, trigger: str, sentence: str) -> Any:
    fact = {"trigger": trigger, "sentence_contains": sentence}
    m = find_mention(fact, docs[file])
    assert m is not None, f"{file}: no mention {trigger!r}"
    return m


def test_capture_claim_by_ministry_is_claimed(docs: dict[str, dict[str, Any]]) -> None:
    m = _mention(docs, "examples/mala_tokmachka_ru_claim.txt", "liberation", "liberation")
    assert m["event_type"] == "ASSAULT" and m["status"] == "claimed"
    assert m["claim"]["source"] is not None and m["claim"]["stance"] == "assert"
    assert m["place"]["name"] == "Mala Tokmachka" and m["when"]["start"] == "2025-06-09"


def test_defender_denial_is_denied(docs: dict[str, dict[str, Any]]) -> None:
    m = _mention(docs, "examples/mala_tokmachka_ua_denial.txt", "captured", "")
    assert m["claim"]["stance"] == "deny"
    assert m["status"] in {"denied", "disputed"}


def test_defender_admits_withdrawal_is_confirmed(docs: dict[str, dict[str, Any]]) -> None:
    m = _mention(docs, "examples/mala_tokmachka_ua_withdrawal.txt", "withdrawn", "")
    assert m["event_type"] == "RETREAT"
    assert {a["country"] for a in m["actors"]} == {"UKR"}
    assert m["claim"]["stance"] == "confirm" and m["status"] == "confirmed"


def test_two_similar_strikes_keep_their_own_places(docs: dict[str, dict[str, Any]]) -> None:
    shostka = _mention(docs, "examples/shostka_energy_strike.txt", "struck", "")
    hlukhiv = _mention(docs, "examples/hlukhiv_energy_strike.txt", "struck", "")
    assert shostka["place"]["name"] == "Shostka" and hlukhiv["place"]["name"] == "Hlukhiv"
    assert shostka["when"]["start"] != hlukhiv["when"]["start"]


def test_undated_article_leaves_dates_unresolved(docs: dict[str, dict[str, Any]]) -> None:
    doc = docs["examples/kramatorsk_undated.txt"]
    assert doc["published"] is None and doc["warnings"]
    relative = [m for m in doc["mentions"] if m["when"]["text"] and not m["when"]["resolved"]]
    assert all(m["when"]["start"] is None for m in relative)
    assert not any(
        m["when"]["resolved"] and m["when"]["how"] == "unresolved" for m in doc["mentions"]
    )
