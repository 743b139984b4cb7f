"""The offline gazetteer: build stamp, lookups, aliases, admin1 variants, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.gaz_names import fold
from sitrep.model import Feature


def test_fold_unifies_scripts_spelling_and_punctuation() -> None:
    assert fold("Суджа") == fold("Sudzha") == "sudzha"
    assert fold("the U.S.") == fold("US") == "us"
    assert fold("Kurskaya oblast'") == "kurskaya oblast"
    assert fold("Kryvyi Rih") == fold("Kryvyy Rih")


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_lookups_by_id_and_country(gazetteer: gz.Gazetteer) -> None:
    kyiv = gazetteer.get(703448)
    assert kyiv is not None and kyiv.name == "Kyiv" and kyiv.country == "UKR"
    russia = gazetteer.country("RUS")
    assert russia is not None and russia.feature is Feature.COUNTRY
    capital = gazetteer.capital("UKR")
    assert capital is not None and capital.geonameid == 703448
    assert gazetteer.get(-1) is None and gazetteer.country("XXX") is None


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "Київ", "Киев"])
def test_kyiv_spellings(gazetteer: gz.Gazetteer, name: str) -> None:
    best = gz.resolve_place_name(name, gazetteer)
    assert best is not None and best.geonameid == 703448


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Russia", "RUS"),
        ("the U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Ivory Coast", "CIV"),
        ("DRC", "COD"),
        ("Saudi Arabia", "SAU"),
        ("Georgia", "GEO"),
    ],
)
def test_country_names(gazetteer: gz.Gazetteer, name: str, iso3: str) -> None:
    best = gz.resolve_place_name(name, gazetteer)
    assert best is not None and best.feature is Feature.COUNTRY and best.country == iso3


@pytest.mark.parametrize(
    "name", ["Kursk region", "Kursk Oblast", "Kurskaya oblast'", "region of Kursk"]
)
def test_admin1_variants(gazetteer: gz.Gazetteer, name: str) -> None:
    best = gz.resolve_place_name(name, gazetteer)
    assert best is not None and best.feature is Feature.ADMIN1
    assert best.country == "RUS" and "Kursk" in best.name


def test_bare_name_prefers_the_city_over_its_region(gazetteer: gz.Gazetteer) -> None:
    best = gz.resolve_place_name("Kursk", gazetteer)
    assert best is not None and best.feature is Feature.CITY and best.country == "RUS"
    assert {e.feature for e in gazetteer.candidates("Kursk")} >= {Feature.CITY, Feature.ADMIN1}


def test_cities_carry_their_admin1(gazetteer: gz.Gazetteer) -> None:
    sudzha = gz.resolve_place_name("Суджа", gazetteer)
    assert sudzha is not None and sudzha.admin1 == "Kursk Oblast"
    assert abs(sudzha.lat - 51.19) < 0.05 and abs(sudzha.lon - 35.27) < 0.05


def test_unknown_names(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.candidates("Qwzxv Nowhere") == []
    assert gz.resolve_place_name("", gazetteer) is None


def test_lookups_are_fast(gazetteer: gz.Gazetteer) -> None:
    gazetteer.candidates("Kharkiv")
    started = time.perf_counter()
    for _ in range(1000):
        gazetteer.candidates("Kharkiv")
        gazetteer.has_key("no such place here")
    assert (time.perf_counter() - started) / 1000 < 0.0005


def test_opens_fast(gazetteer: gz.Gazetteer) -> None:
    started = time.perf_counter()
    again = gz.Gazetteer(gazetteer.path)
    again.has_key("kyiv")
    assert time.perf_counter() - started < 1.0
    again.close()


def test_stale_or_missing_build_is_rebuilt(
    gazetteer: gz.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Path] = []

    def fake_build(out_dir: Path) -> Path:
        built.append(out_dir)
        (out_dir / gz.DB_NAME).write_bytes(gazetteer.path.read_bytes())
        return out_dir / gz.DB_NAME

    monkeypatch.setattr(gz, "build_gazetteer", fake_build)
    gz.ensure_gazetteer(tmp_path).close()  # missing → built
    gz.ensure_gazetteer(tmp_path).close()  # current → kept
    assert built == [tmp_path]
    monkeypatch.setattr(gz, "_source_versions", lambda: "another version")
    gz.ensure_gazetteer(tmp_path).close()  # stale → rebuilt
    assert built == [tmp_path, tmp_path]
