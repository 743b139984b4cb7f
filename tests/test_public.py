"""The public JSON of `sitrep extract` (DESIGN.md §7, docs/schema.md) keeps its fields."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from sitrep.model import Article, content_hash
from sitrep.pipeline import analyse_one
from sitrep.public import analysis_json

pytestmark = pytest.mark.slow

TEXT = (
    "KHARKIV — Russian drones struck an energy facility in Kharkiv on Tuesday, killing two "
    "people, the regional governor said. Ukraine's air force said it had shot down 40 drones. "
    "Moscow's defence ministry denied that its forces had targeted civilians. “We will rebuild,” "
    "the mayor said."
)

DOC = {
    "id",
    "article_id",
    "published",
    "warnings",
    "places",
    "times",
    "quotes",
    "attributions",
    "mentions",
}
ACTOR = {"start", "end", "text", "name", "country", "sector"}
PLACE = {
    "start",
    "end",
    "text",
    "name",
    "geonameid",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature",
    "precision",
}
TIME = {
    "start",
    "end",
    "text",
    "type",
    "value",
    "start_date",
    "end_date",
    "granularity",
    "resolved",
}
SPAN = {"start", "end", "text"}
MENTION = {
    "mention_id",
    "start",
    "end",
    "trigger",
    "sentence",
    "event_type",
    "mode",
    "acled_type",
    "acled_subtype",
    "confidence",
    "actors",
    "recipients",
    "place",
    "when",
    "modality",
    "claim",
    "responses",
    "status",
    "figures",
}
WHEN = {"start", "end", "granularity", "text", "resolved"}
CLAIM = {"source", "cue", "stance"}
FIGURE = {"kind", "value", "text", "start", "end"}


@pytest.fixture(scope="module")
def doc(resources: Any) -> dict[str, Any]:
    article = Article(content_hash(TEXT), TEXT, published=dt.date(2025, 6, 18), input_id="t1")
    data = analysis_json(analyse_one(article, resources))
    return json.loads(json.dumps(data))  # must be plain JSON


def _has(obj: dict[str, Any], keys: set[str]) -> None:
    assert keys <= set(obj), f"missing {keys - set(obj)}"


def test_document_fields(doc: dict[str, Any]) -> None:
    _has(doc, DOC)
    assert doc["id"] == "t1" and doc["published"] == "2025-06-18"


def test_nested_objects_and_offsets(doc: dict[str, Any]) -> None:
    assert doc["places"] and doc["times"] and doc["mentions"] and doc["attributions"]
    for p in doc["places"]:
        _has(p, PLACE)
        assert TEXT[p["start"] : p["end"]] == p["text"]
    for t in doc["times"]:
        _has(t, TIME)
        assert TEXT[t["start"] : t["end"]] == t["text"]
    for q in doc["quotes"]:
        _has(q, SPAN | {"speaker"})
    for a in doc["attributions"]:
        _has(a, {"source", "cue", "content", "stance"})
        _has(a["cue"], SPAN)
        assert TEXT[a["cue"]["start"] : a["cue"]["end"]] == a["cue"]["text"]
    for m in doc["mentions"]:
        _has(m, MENTION)
        assert TEXT[m["start"] : m["end"]] == m["trigger"]
        _has(m["sentence"], {"start", "end"})
        _has(m["when"], WHEN)
        _has(m["claim"], CLAIM)
        for a in m["actors"] + m["recipients"]:
            _has(a, ACTOR)
            assert TEXT[a["start"] : a["end"]] == a["text"]
        for f in m["figures"]:
            _has(f, FIGURE)
        assert m["status"] in {"reported", "claimed", "confirmed", "denied", "disputed"}
        assert m["modality"] in {"asserted", "negated", "future", "hypothetical", "historical"}


def test_strike_mention_content(doc: dict[str, Any]) -> None:
    strikes = [m for m in doc["mentions"] if m["trigger"] == "struck"]
    assert len(strikes) == 1
    m = strikes[0]
    assert m["event_type"] == "ASSAULT"
    assert m["place"]["name"] == "Kharkiv" and m["place"]["country"] == "UKR"
    assert m["when"]["start"] == "2025-06-17" and m["when"]["resolved"] is True
    assert m["claim"]["source"] is not None and m["claim"]["stance"] == "assert"
    assert any(f["kind"] == "killed" and f["value"] == 2 for f in m["figures"])
