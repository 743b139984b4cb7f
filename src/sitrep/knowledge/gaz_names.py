"""Name normalisation and hand-kept name lists for the gazetteer.

Input → output: strings → lookup keys; constant tables of common English country names and of a
few well-known regions that the GeoNames city/admin1 data does not hold. No I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’‘`ʼʹ]")
_DOTS = re.compile(r"\.")
_SEPARATORS = re.compile(r"[-‐‑–—_/,()]+")
_SPACES = re.compile(r"\s+")
# Transliteration endings that vary between sources (Syrskyi/Syrskyy/Syrskiy, Kryvyi/Kryvyy).
_ENDINGS = re.compile(r"(?:iy|yy|yi|ij|ii)\b")

# Words naming a first-level administrative division, as used after a region's name.
ADMIN_SUFFIXES: frozenset[str] = frozenset(
    {
        "oblast",
        "oblast'",
        "region",
        "province",
        "governorate",
        "state",
        "krai",
        "kray",
        "republic",
        "prefecture",
        "territory",
        "voivodeship",
        "canton",
        "department",
        "wilayah",
        "muhafazah",
    }
)

_STRIP_WORDS: frozenset[str] = frozenset(
    {
        "oblast",
        "oblast'",
        "region",
        "province",
        "governorate",
        "state",
        "krai",
        "kray",
        "respublika",
        "republic",
        "prefecture",
        "territory",
        "avtonomnyy",
        "avtonomnaya",
        "okrug",
        "of",
        "the",
    }
)

# Common English (and press) names of countries, keyed by ISO 3166-1 alpha-3.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": (
        "United States",
        "United States of America",
        "U.S.",
        "U.S.A.",
        "US",
        "USA",
        "America",
        "the U.S.",
        "the US",
        "the United States",
    ),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "the UK", "the U.K."),
    "RUS": ("Russia", "Russian Federation"),
    "CIV": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "COD": (
        "DRC",
        "D.R.C.",
        "DR Congo",
        "D.R. Congo",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ),
    "COG": ("Republic of the Congo", "Congo-Brazzaville", "Congo Republic", "Congo"),
    "PRK": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    "KOR": ("South Korea", "Republic of Korea", "ROK"),
    "IRN": ("Iran", "Islamic Republic of Iran"),
    "SYR": ("Syria", "Syrian Arab Republic"),
    "PSE": ("Palestine", "Palestinian territories", "State of Palestine"),
    "CZE": ("Czechia", "Czech Republic"),
    "MMR": ("Myanmar", "Burma"),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "NLD": ("Netherlands", "the Netherlands", "Holland"),
    "ARE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "VAT": ("Vatican", "Vatican City", "Holy See"),
    "MKD": ("North Macedonia", "Macedonia"),
    "SWZ": ("Eswatini", "Swaziland"),
    "CPV": ("Cabo Verde", "Cape Verde"),
    "TLS": ("East Timor", "Timor-Leste"),
    "LAO": ("Laos",),
    "VNM": ("Vietnam", "Viet Nam"),
    "TZA": ("Tanzania",),
    "MDA": ("Moldova",),
    "TWN": ("Taiwan",),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "XKX": ("Kosovo",),
    "BIH": ("Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"),
    "SAU": ("Saudi Arabia", "KSA", "Kingdom of Saudi Arabia"),
    "CAF": ("Central African Republic", "CAR"),
    "GMB": ("Gambia", "The Gambia"),
    "BHS": ("Bahamas", "The Bahamas"),
    "PHL": ("Philippines", "the Philippines"),
    "FSM": ("Micronesia",),
    "BRN": ("Brunei",),
    "IRL": ("Ireland", "Republic of Ireland", "Eire"),
}

# Regions that have no first-level administrative unit of their own:
# (name, aliases, lat, lon, ISO alpha-3 or None when it spans several countries).
REGIONS: tuple[tuple[str, tuple[str, ...], float, float, str | None], ...] = (
    ("Donbas", ("Donbass", "the Donbas", "Donets Basin"), 48.0, 38.0, "UKR"),
    ("Gaza Strip", ("the Gaza Strip",), 31.42, 34.36, "PSE"),
    ("West Bank", ("the West Bank",), 31.95, 35.25, "PSE"),
    ("Golan Heights", ("the Golan Heights", "Golan"), 33.0, 35.75, None),
    ("Sinai", ("Sinai Peninsula", "the Sinai"), 29.5, 33.8, "EGY"),
    ("Nagorno-Karabakh", ("Karabakh", "Nagorno Karabakh"), 39.9, 46.7, "AZE"),
    ("Middle East", ("the Middle East", "Mideast"), 29.0, 41.0, None),
    ("Sahel", ("the Sahel",), 15.0, 5.0, None),
    ("Balkans", ("the Balkans",), 43.0, 20.0, None),
    ("Caucasus", ("the Caucasus", "South Caucasus", "North Caucasus"), 42.5, 44.5, None),
    ("Kashmir", (), 34.5, 76.0, None),
    ("Black Sea", ("the Black Sea",), 43.0, 34.0, None),
    ("Red Sea", ("the Red Sea",), 20.0, 38.5, None),
    ("Sea of Azov", ("Azov Sea",), 46.0, 36.5, None),
    ("Strait of Hormuz", ("Hormuz",), 26.57, 56.25, None),
    ("Persian Gulf", ("the Persian Gulf", "Arabian Gulf", "the Gulf", "Gulf"), 27.0, 51.0, None),
    ("Horn of Africa", ("the Horn of Africa",), 8.0, 45.0, None),
    ("Darfur", (), 13.5, 24.0, "SDN"),
    ("Tigray", (), 14.0, 39.0, "ETH"),
    ("Kurdistan", ("Iraqi Kurdistan",), 36.5, 44.0, "IRQ"),
    ("Baltic Sea", ("the Baltic Sea",), 58.0, 20.0, None),
    ("South China Sea", ("the South China Sea",), 12.0, 113.0, None),
    ("Taiwan Strait", ("the Taiwan Strait",), 24.5, 119.5, None),
    ("Korean Peninsula", ("the Korean Peninsula",), 38.0, 127.5, None),
    ("Atlantic Ocean", ("Atlantic", "the Atlantic", "North Atlantic"), 0.0, -30.0, None),
    ("Pacific Ocean", ("Pacific", "the Pacific"), 0.0, -160.0, None),
    ("Indian Ocean", ("the Indian Ocean",), -20.0, 80.0, None),
    ("Arctic Ocean", ("the Arctic Ocean", "Arctic", "the Arctic"), 80.0, 0.0, None),
    ("Mediterranean Sea", ("Mediterranean", "the Mediterranean"), 35.0, 18.0, None),
    ("Caribbean Sea", ("Caribbean", "the Caribbean"), 15.0, -75.0, None),
    ("Gulf of Mexico", ("the Gulf of Mexico",), 25.0, -90.0, None),
    ("North Africa", ("northern Africa",), 27.0, 12.0, None),
    ("West Africa", ("western Africa",), 12.0, -3.0, None),
    ("East Africa", ("eastern Africa",), 0.0, 37.0, None),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), 10.0, 106.0, None),
    ("Central Asia", (), 45.0, 65.0, None),
    ("Latin America", (), -5.0, -65.0, None),
    ("Scandinavia", (), 63.0, 15.0, None),
)

# Conventional country points that `countryinfo` places poorly: the United States is given
# the geographic centre of the 48 contiguous states (near Lebanon, Kansas) rather than a point
# pulled south-east by the Factbook's rounding.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"USA": (39.83, -98.58)}

# Associated Press abbreviations of US states ("Richmond, Ky."), keyed by USPS code. They are
# only read as states when written with their full stop after a comma (see stages/places.py).
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",),
    "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}  # fmt: skip


def is_indexable_script(text: str) -> bool:
    """True when the name is written in Latin, Greek or Cyrillic letters (foldable to ASCII)."""
    return all(ord(c) < 0x0530 or not c.isalpha() for c in text)


@functools.lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower-cased, punctuation and spacing unified."""
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHES.sub("", text)
    text = unidecode(text).lower()
    text = _DOTS.sub("", _APOSTROPHES.sub("", text))
    text = _SEPARATORS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    # Until stable: unifying one ending can leave another ("iij" → "iy" → "y").
    while (unified := _ENDINGS.sub("y", text)) != text:
        text = unified
    return text


def county_keys(name: str) -> Iterator[str]:
    """Lookup keys of a county ("Laurel County" → "laurel county", "laurel co")."""
    key = fold(name)
    if not key:
        return
    yield key
    if key.endswith(" county"):
        yield key[: -len(" county")] + " co"
    part, riding, rest = key.partition(" riding of ")
    if riding and part and rest:
        yield f"{part} {rest}"  # "East Riding of Yorkshire" is East Yorkshire


def strip_admin_words(key: str) -> str:
    """A folded admin1 name without its type words ("kurskaya oblast" → "kurskaya")."""
    words = [w for w in key.split(" ") if w not in _STRIP_WORDS]
    return " ".join(words)


def adjectival_stems(word: str) -> set[str]:
    """Noun stems of a Slavic adjectival region name ("kurskaya" → kursk, "tverskaya" → tver)."""
    for ending in ("skaya", "skoye", "skay", "sky", "skij", "ska", "ckaya"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            return {base, base + "sk"}
    if word.endswith("aya") and len(word) >= 7:
        return {word[:-3]}
    return set()


def admin1_keys(name: str) -> Iterator[str]:
    """Lookup keys for an admin1 name: bare, stemmed and with the usual type words."""
    key = fold(name)
    if not key:
        return
    yield key
    core = strip_admin_words(key)
    if not core:
        return
    cores = {core}
    if " " not in core:
        cores |= {stem for stem in adjectival_stems(core) if len(stem) >= 4}
    for c in cores:
        if len(c) < 3:
            continue
        yield c
        for suffix in ADMIN_SUFFIXES:
            yield f"{c} {fold(suffix)}"
        yield f"region of {c}"
        yield f"province of {c}"
        if c.endswith("sk"):
            yield f"{c}aya oblast"
            yield f"{c}a oblast"


# Folded keys of the abbreviations above ("ky", "w va").
US_ABBREVIATION_KEYS: frozenset[str] = frozenset(
    fold(n) for names in US_STATE_ABBREVIATIONS.values() for n in names
)
