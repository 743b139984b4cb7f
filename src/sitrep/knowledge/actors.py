"""The actor knowledge base: names of states, organisations and office holders → country + sector.

Input → output: the bundled `data/actors.json` plus `pycountry` → an `ActorKB` whose `lookup`
maps a name as written ("the Kremlin", "Russia's Ministry of Defense", "Mr. Putin") to a
`KBEntry` (canonical name, ISO alpha-3 or IGO/NGO code, PLOVER sector). It does not find names
in running text (that is `sitrep.stages.actors`) and it never touches the network.

Sectors: a country name or a seat of government ("Moscow", "the White House") stands for the
government (GOV). A country or demonym followed by a sector noun ("Russian forces",
"Ukraine's General Staff") takes the noun's sector. A ministry of defence is coded MIL (it speaks
for the armed forces in battlefield claims); other ministries GOV.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from unidecode import unidecode

from sitrep.errors import ResourceError

_TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "president", "prime", "minister", "sir", "lt", "col", "adm"}
)
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"(?:'s|s')(?=\s|$)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One resolved actor: id, canonical name, country (ISO alpha-3 or IGO/NGO) and sector."""

    kb_id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # country | demonym | seat | org | person | composite


@dataclass(frozen=True, slots=True)
class ActorKB:
    """Normalised names → entries, plus the tables the actor stage composes with."""

    names: Mapping[str, KBEntry]
    acronyms: frozenset[str]  # keys that match only when written in capitals ("US", "IS")
    sector_nouns: Mapping[str, str]  # normalised noun phrase → sector ("forces" → MIL)
    titles: Mapping[str, str | None]  # normalised title → sector ("gen" → MIL, "mr" → None)
    first_words: frozenset[str]  # first word of every key, for fast scanning
    max_words: int
    noun_first_words: frozenset[str] = frozenset()  # first words of sector nouns and titles

    def describe(self) -> str:
        """One line for `sitrep doctor`: how many names and entries the KB holds."""
        entries = len({e.kb_id for e in self.names.values()})
        return (
            f"{len(self.names)} names for {entries} actors, {len(self.sector_nouns)} sector nouns"
        )

    def lookup(self, text: str) -> KBEntry | None:
        """The entry for a name as written, or None; tries composite "country + sector noun"."""
        key = normalise(text)
        if not key:
            return None
        entry = self.names.get(key)
        if entry is not None:
            if key in self.acronyms and not _is_caps(text):
                return None
            return entry
        stripped = strip_titles(key)
        if stripped != key and stripped in self.names:
            return self.names[stripped]
        return self.compose(key)

    def compose(self, key: str) -> KBEntry | None:
        """A country/demonym prefix followed by a sector noun ("russian defense ministry")."""
        words = key.split(" ")
        for cut in range(min(len(words) - 1, 4), 0, -1):
            prefix = self.names.get(" ".join(words[:cut]))
            rest = " ".join(words[cut:])
            if prefix is None or prefix.kind not in {"country", "demonym"}:
                continue
            sector = self.sector_nouns.get(rest)
            if sector is not None:
                return composite(prefix, rest, sector)
        return None


def composite(prefix: KBEntry, noun: str, sector: str) -> KBEntry:
    """The entry for "<country> <sector noun>", e.g. Russia + "ministry of defense" → RUS MIL."""
    country_name = prefix.name
    return KBEntry(
        kb_id=f"{prefix.country}:{noun.replace(' ', '_')}",
        name=f"{country_name} {noun}",
        country=prefix.country,
        sector=sector,
        kind="composite",
    )


def normalise(text: str) -> str:
    """Lower-case ASCII key: curly quotes, possessives, dots and a leading "the" removed."""
    s = unidecode(text.replace("\u2019", "'").replace("\u2018", "'")).lower().strip()
    s = _POSSESSIVE.sub("", s)
    s = s.replace(".", "").replace("'", "'")
    s = _SPACES.sub(" ", s).strip(" ,;:'\"")
    return _LEADING_THE.sub("", s)


def strip_titles(key: str) -> str:
    """A normalised key without leading courtesy or office titles ("mr putin" → "putin")."""
    words = key.split(" ")
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _is_caps(text: str) -> bool:
    """Whether the letters of `text` are all capitals ("US", "U.S.")."""
    bare = re.sub(r"^[Tt]he\s+|['\u2019]s?$", "", text.strip())
    letters = [c for c in bare if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _acronym(alias: str) -> bool:
    """Whether an alias is a short all-caps acronym that must keep its case to match."""
    bare = alias.replace(".", "")
    return bare.isupper() and len(bare) <= 5


def _country_entries(aliases: Mapping[str, list[str]]) -> Iterable[tuple[str, KBEntry]]:
    """(alias, entry) for every ISO country: pycountry names plus hand-written short names."""
    for c in pycountry.countries:
        code = c.alpha_3
        short = aliases.get(code, [])
        name = short[0] if short else getattr(c, "common_name", None) or c.name
        entry = KBEntry(f"country:{code}", name, code, "GOV", "country")
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        for alias in [*names, *short]:
            if alias:
                yield alias, entry
    for code, short in aliases.items():
        if pycountry.countries.get(alpha_3=code) is None:
            entry = KBEntry(f"country:{code}", short[0], code, "GOV", "country")
            yield from ((alias, entry) for alias in short)


def _country_name(code: str, aliases: Mapping[str, list[str]]) -> str:
    """Short English name of a country code."""
    if code in aliases:
        return aliases[code][0]
    c = pycountry.countries.get(alpha_3=code)
    return (getattr(c, "common_name", None) or c.name) if c else code


def _entries(data: Mapping[str, Any]) -> Iterable[tuple[str, KBEntry]]:
    """(alias, entry) for every name in the knowledge-base file and pycountry."""
    aliases: Mapping[str, list[str]] = data["country_aliases"]
    yield from _country_entries(aliases)
    for code, words in data["demonyms"].items():
        entry = KBEntry(f"country:{code}", _country_name(code, aliases), code, None, "demonym")
        yield from ((w, entry) for w in words)
    for code, seats in data["seats"].items():
        name = f"{_country_name(code, aliases)} government"
        entry = KBEntry(f"seat:{code}", name, code, "GOV", "seat")
        yield from ((s, entry) for s in seats)
    for org in data["orgs"]:
        entry = KBEntry(f"org:{org['id']}", org["name"], org["country"], org["sector"], "org")
        yield from ((a, entry) for a in [org["name"], *org["aliases"]])
    for person in data["persons"]:
        kb_id = "person:" + normalise(person["name"]).replace(" ", "_")
        entry = KBEntry(kb_id, person["name"], person["country"], person["sector"], "person")
        yield from ((a, entry) for a in [person["name"], *person["aliases"]])


def build_actor_kb(data: Mapping[str, Any]) -> ActorKB:
    """An `ActorKB` from the parsed knowledge-base document (see `data/actors.json`)."""
    names: dict[str, KBEntry] = {}
    acronyms: set[str] = set()
    for alias, entry in _entries(data):
        key = normalise(alias)
        if not key:
            continue
        # earlier kinds win: country names over demonyms that spell the same ("US").
        names.setdefault(key, entry)
        if _acronym(alias):
            acronyms.add(key)
    sector_nouns = {
        normalise(noun): sector for sector, nouns in data["sector_nouns"].items() for noun in nouns
    }
    titles: dict[str, str | None] = {
        normalise(t): (None if sector == "NONE" else sector)
        for sector, ts in data["titles"].items()
        for t in ts
    }
    return ActorKB(
        names=names,
        acronyms=frozenset(acronyms),
        sector_nouns=sector_nouns,
        titles=titles,
        first_words=frozenset(k.split(" ")[0] for k in names),
        max_words=max(len(k.split(" ")) for k in names),
        noun_first_words=frozenset(k.split(" ")[0] for k in [*sector_nouns, *titles]),
    )


DICT_SECTIONS = ("country_aliases", "demonyms", "seats", "sector_nouns", "titles")
LIST_SECTIONS = ("orgs", "persons")
_ORG_KEYS = frozenset({"id", "name", "country", "sector"})
_PERSON_KEYS = frozenset({"name", "country", "sector"})


def _check(data: Any, source: str) -> dict[str, Any]:
    """The parsed KB document, or a ResourceError saying what is wrong and where."""
    if not isinstance(data, dict):
        raise ResourceError(
            f"actor file {source}: expected a JSON object, found {type(data).__name__}"
        )
    for key in DICT_SECTIONS:
        section = data.get(key, {})
        if not isinstance(section, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in section.values()
        ):
            raise ResourceError(
                f"actor file {source}: {key!r} must map a code to a list of names (docs/actors.md)"
            )
    for key, required in (("orgs", _ORG_KEYS), ("persons", _PERSON_KEYS)):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise ResourceError(f"actor file {source}: {key!r} must be a list (docs/actors.md)")
        for n, item in enumerate(items):
            missing = required - set(item) if isinstance(item, dict) else required
            if missing:
                raise ResourceError(
                    f"actor file {source}: {key}[{n}] lacks {', '.join(sorted(missing))} "
                    "(docs/actors.md)"
                )
    return data


def merge_kb_data(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The bundled KB document extended by a user's: name lists are joined; the user's
    organisations and persons come first, so a name both define resolves to the user's entry
    (a country's own names still win over any organisation or person)."""
    out: dict[str, Any] = {}
    for key in DICT_SECTIONS:
        merged: dict[str, list[str]] = {k: list(v) for k, v in base.get(key, {}).items()}
        for code, names in extra.get(key, {}).items():
            merged[code] = [*merged.get(code, []), *names]
        out[key] = merged
    for key in LIST_SECTIONS:
        user = [{"aliases": [], **item} for item in extra.get(key, [])]
        out[key] = [*user, *base.get(key, [])]
    return out


def read_actor_file(path: Path) -> dict[str, Any]:
    """A user's actor file (the bundled format, every section optional), checked."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ResourceError(f"actor file {path} not found: check knowledge.actors_file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResourceError(f"actor file {path} is not readable JSON: {exc}") from None
    return _check(data, str(path))


@functools.lru_cache(maxsize=4)
def load_actor_kb(extra: Path | None = None) -> ActorKB:
    """The bundled actor knowledge base, extended by a user's file in the same format
    (docs/actors.md) when `extra` is given; built once per process and file."""
    raw = resources.files("sitrep.knowledge").joinpath("data/actors.json").read_text("utf-8")
    data = json.loads(raw)
    if extra is not None:
        data = merge_kb_data(data, read_actor_file(Path(extra)))
    return build_actor_kb(data)
