"""Tests for the actor knowledge base."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from spacy.language import Language

from sitrep.errors import ResourceError
from sitrep.knowledge.actors import ActorKB, load_actor_kb, normalise
from sitrep.stages.actors import find_actors


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Russia", "RUS", "GOV"),
        ("the U.S.", "USA", "GOV"),
        ("US", "USA", "GOV"),
        ("America", "USA", "GOV"),
        ("Britain", "GBR", "GOV"),
        ("the UK", "GBR", "GOV"),
        ("South Korea", "KOR", "GOV"),
        ("Iran", "IRN", "GOV"),
        ("Burkina Faso", "BFA", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("the White House", "USA", "GOV"),
        ("the IDF", "ISR", "MIL"),
        ("Hamas", "PSE", "REB"),
        ("the Houthis", "YEM", "REB"),
        ("RSF", "SDN", "REB"),
        ("NATO", "IGO", "IGO"),
        ("the ICRC", "NGO", "NGO"),
        ("Mr. Putin", "RUS", "GOV"),
        ("Gen. Syrskyi", "UKR", "MIL"),
        ("Erdoğan", "TUR", "GOV"),
        ("Xi Jinping", "CHN", "GOV"),
    ],
)
def test_lookup_names(actor_kb: ActorKB, text: str, country: str, sector: str) -> None:
    entry = actor_kb.lookup(text)
    assert entry is not None, text
    assert (entry.country, entry.sector) == (country, sector)


def test_demonyms_cover_countries(actor_kb: ActorKB) -> None:
    for word, code in [
        ("Sudanese", "SDN"),
        ("Malian", "MLI"),
        ("Israeli", "ISR"),
        ("Syrian", "SYR"),
    ]:
        entry = actor_kb.lookup(word)
        assert entry is not None and entry.country == code and entry.kind == "demonym"


def test_possessive_ministry_is_one_military_actor(actor_kb: ActorKB) -> None:
    for text in ("Russia\u2019s Ministry of Defense", "the Russian Defence Ministry"):
        entry = actor_kb.lookup(text)
        assert entry is not None and (entry.country, entry.sector) == ("RUS", "MIL")


def test_composite_country_and_sector_noun(actor_kb: ActorKB) -> None:
    entry = actor_kb.lookup("Ukraine's General Staff")
    assert entry is not None and (entry.country, entry.sector) == ("UKR", "MIL")


def test_acronyms_keep_their_case(actor_kb: ActorKB) -> None:
    assert actor_kb.lookup("us") is None
    assert actor_kb.lookup("Is") is None
    assert actor_kb.lookup("IS") is not None


def test_unknown_name(actor_kb: ActorKB) -> None:
    assert actor_kb.lookup("Bob's Bakery") is None
    assert actor_kb.lookup("") is None


def test_normalise() -> None:
    assert normalise("The Kremlin\u2019s") == "kremlin"
    assert normalise("U.S.") == "us"


def test_load_is_fast() -> None:
    load_actor_kb.cache_clear()
    t = time.perf_counter()
    load_actor_kb()
    assert time.perf_counter() - t < 0.5


def test_user_actor_file_extends_the_kb(tmp_path: Path) -> None:
    extra = tmp_path / "my_actors.json"
    extra.write_text(
        json.dumps(
            {
                "orgs": [
                    {"id": "KVB", "name": "Kivu Valley Brigade", "country": "COD",
                     "sector": "REB", "aliases": ["KVB", "the Valley Brigade"]}
                ],
                "persons": [{"name": "Amara Diallo-Kane", "country": "MLI", "sector": "MIL"}],
                "seats": {"MLI": ["Koulouba"]},
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    kb = load_actor_kb(extra)
    entry = kb.lookup("the Valley Brigade")
    assert entry is not None and (entry.country, entry.sector) == ("COD", "REB")
    person = kb.lookup("Amara Diallo-Kane")
    assert person is not None and person.country == "MLI"
    seat = kb.lookup("Koulouba")
    assert seat is not None and seat.country == "MLI"
    assert kb.lookup("Kremlin") is not None  # the bundled names are kept
    assert load_actor_kb().lookup("the Valley Brigade") is None


def test_user_actor_is_used_by_the_actor_stage(nlp: Language, tmp_path: Path) -> None:
    extra = tmp_path / "a.json"
    extra.write_text(
        json.dumps({"orgs": [{"id": "KVB", "name": "Kivu Valley Brigade", "country": "COD",
                              "sector": "REB", "aliases": []}]}),
        encoding="utf-8",
    )  # fmt: skip
    doc = nlp("The Kivu Valley Brigade attacked an army post on Monday.")
    actors = find_actors(doc, kb=load_actor_kb(extra))
    assert any((a.country, a.sector) == ("COD", "REB") for a in actors)


def test_bad_user_actor_file_is_a_resource_error(tmp_path: Path) -> None:
    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps({"orgs": [{"name": "X"}]}), encoding="utf-8")
    with pytest.raises(ResourceError, match="lacks"):
        load_actor_kb(extra)
    with pytest.raises(ResourceError, match="not found"):
        load_actor_kb(tmp_path / "missing.json")
