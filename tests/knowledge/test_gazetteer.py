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


def test_fold_unifies_endings_until_stable() -> None:
    assert fold("iĳ") == fold(fold("iĳ")) == "y"  # "iij" → "iy" → "y"


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


# ---------------------------------------------------------------- points, counties, abbreviations


def _km(a: gz.GazEntry, lat: float, lon: float) -> float:
    from sitrep.stages.places import distance_km

    return distance_km(a.lat, a.lon, lat, lon)


@pytest.mark.parametrize(
    ("iso3", "lat", "lon"),
    [("RUS", 60.0, 100.0), ("USA", 39.83, -98.58), ("CHN", 35.0, 105.0), ("EGY", 27.0, 30.0)],
)
def test_countries_sit_at_their_conventional_point(
    gazetteer: gz.Gazetteer, iso3: str, lat: float, lon: float
) -> None:
    country = gazetteer.country(iso3)
    assert country is not None and _km(country, lat, lon) < 50


def test_admin1_regions_sit_at_their_iso_point_not_their_cities_centre(
    gazetteer: gz.Gazetteer,
) -> None:
    kursk = gz.resolve_place_name("Kursk Oblast", gazetteer)
    manitoba = gz.resolve_place_name("Manitoba", gazetteer)
    assert kursk is not None and _km(kursk, 51.66, 36.49) < 30
    assert manitoba is not None and _km(manitoba, 55.0, -97.0) < 30  # not down by Winnipeg


def test_counties_are_admin2_entries_with_their_state(gazetteer: gz.Gazetteer) -> None:
    laurel = gz.resolve_place_name("Laurel County", gazetteer)
    assert laurel is not None and laurel.feature is Feature.ADMIN2
    assert laurel.country == "USA" and laurel.admin1 == "Kentucky"
    assert _km(laurel, 37.1, -84.1) < 40
    boones = {e.admin1 for e in gazetteer.candidates("Boone County")}
    assert {"Indiana", "Kentucky", "Missouri"} <= boones


def test_british_counties_are_admin2_entries(gazetteer: gz.Gazetteer) -> None:
    for name in ("Kent", "Hampshire", "Fife"):
        counties = [e for e in gazetteer.candidates(name) if e.feature is Feature.ADMIN2]
        assert [e.country for e in counties] == ["GBR"], name
    kent = next(e for e in gazetteer.candidates("Kent") if e.feature is Feature.ADMIN2)
    assert _km(kent, 51.2, 0.7) < 60
    # a district named after its town does not take the town's place
    doncaster = gz.resolve_place_name("Doncaster", gazetteer)
    assert doncaster is not None and doncaster.feature is Feature.CITY


def test_british_shire_counties_from_their_split_units(gazetteer: gz.Gazetteer) -> None:
    for name, lat, lon in (("Cheshire", 53.2, -2.5), ("Yorkshire", 54.0, -1.2)):
        county = next(e for e in gazetteer.candidates(name) if e.feature is Feature.ADMIN2)
        assert county.country == "GBR" and _km(county, lat, lon) < 80, name
    east = gz.resolve_place_name("East Yorkshire", gazetteer)
    assert east is not None and east.name == "East Riding of Yorkshire"


def test_shire_groups_gather_the_units_named_after_a_shire() -> None:
    units = [
        ("GB", "England", "Cheshire East"),
        ("GB", "England", "Cheshire West and Chester"),
        ("GB", "England", "Lincolnshire"),
        ("GB", "England", "North Lincolnshire"),
        ("US", "Texas", "Yorkshire County"),
    ]
    groups = gz._shire_groups(units)
    assert groups == {("GB", "England", "Cheshire"): units[:2]}  # Lincolnshire has its own


def test_counties_carry_the_population_of_their_towns(gazetteer: gz.Gazetteer) -> None:
    kent = next(e for e in gazetteer.candidates("Kent") if e.feature is Feature.ADMIN2)
    assert kent.population > 500_000
    fife = next(e for e in gazetteer.candidates("Fife") if e.feature is Feature.ADMIN2)
    assert fife.population > 100_000


def test_bare_county_name_is_not_the_county(gazetteer: gz.Gazetteer) -> None:
    assert all(e.feature is not Feature.ADMIN2 for e in gazetteer.candidates("Laurel"))
    assert gz.resolve_place_name("Laurel Co.", gazetteer) is not None


def test_state_abbreviations_are_indexed(gazetteer: gz.Gazetteer) -> None:
    for abbr, state in (("Ky.", "Kentucky"), ("Calif.", "California"), ("N.J.", "New Jersey")):
        names = {e.name for e in gazetteer.candidates(abbr) if e.feature is Feature.ADMIN1}
        assert state in names


def test_seas_and_wide_regions(gazetteer: gz.Gazetteer) -> None:
    for name in ("Atlantic", "the Pacific", "North Africa"):
        best = gz.resolve_place_name(name, gazetteer)
        assert best is not None and best.feature is Feature.REGION, name


# ---------------------------------------------------------------- short location strings


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("Okhtyrka, Sumy Oblast", 50.31, 34.90),
        ("near Bakhmut", 48.60, 38.00),
        ("Sudzha, Kursk region", 51.19, 35.27),
        ("Izium (Kharkiv oblast)", 49.21, 37.26),
        ("outskirts of Kharkiv", 50.0, 36.25),
    ],
)
def test_location_text_names_the_settlement(
    gazetteer: gz.Gazetteer, text: str, lat: float, lon: float
) -> None:
    best = gz.resolve_location_text(text, gazetteer, country="Ukraine")
    assert best is not None and best.feature is Feature.CITY
    assert _km(best, lat, lon) < 25


def test_location_text_uses_the_region_written_after_it(gazetteer: gz.Gazetteer) -> None:
    # Several villages share the name; the oblast picks the one inside it.
    best = gz.resolve_location_text("Novoselivka, Poltava oblast", gazetteer)
    assert best is not None and best.admin1 == "Poltava Oblast"


def test_location_text_without_a_settlement(gazetteer: gz.Gazetteer) -> None:
    region = gz.resolve_location_text("Kursk region", gazetteer)
    assert region is not None and region.feature is Feature.ADMIN1
    assert gz.resolve_location_text("somewhere unknown", gazetteer) is None
    assert gz.resolve_location_text("", gazetteer) is None


# ---------------------------------------------------------------- the file itself


def test_describe_names_size_and_sources(gazetteer: gz.Gazetteer) -> None:
    text = gazetteer.describe()
    assert "places under" in text
    for pkg in gz.SOURCE_PACKAGES:
        assert pkg in text


def test_corrupt_file_gives_a_resource_error_saying_how_to_rebuild(tmp_path: Path) -> None:
    from sitrep.errors import ResourceError

    path = tmp_path / gz.DB_NAME
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ResourceError, match="sitrep setup"):
        gz.Gazetteer(path)
    missing = tmp_path / "nothing" / gz.DB_NAME
    with pytest.raises(ResourceError, match="sitrep setup"):
        gz.Gazetteer(missing)


def test_ensure_rebuilds_a_corrupt_file(
    gazetteer: gz.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / gz.DB_NAME).write_bytes(b"garbage" * 100)
    built: list[Path] = []

    def fake_build(out_dir: Path) -> Path:
        built.append(out_dir)
        (out_dir / gz.DB_NAME).write_bytes(gazetteer.path.read_bytes())
        return out_dir / gz.DB_NAME

    monkeypatch.setattr(gz, "build_gazetteer", fake_build)
    gz.ensure_gazetteer(tmp_path).close()
    assert built == [tmp_path]
