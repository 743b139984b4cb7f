"""Tests for the actor knowledge base."""

from __future__ import annotations

import time

import pytest

from sitrep.knowledge.actors import ActorKB, load_actor_kb, normalise


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
