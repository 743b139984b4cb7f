"""Places stage: spaCy Doc → every place name in it, resolved against the gazetteer.

Input → output: a parsed `Doc` and a `Gazetteer` → `Place`s (char offsets into `doc.text`), each
with its entry, `precision` and a short `reason`; `event_place` then picks the place of one event
trigger. Candidates are spaCy GPE/LOC/FAC entities plus capitalised spans the gazetteer knows;
persons, demonyms, months and days are left out. Ranking uses the name itself, the admin
hierarchy written next to it, the other places in the article and the actors' countries.
It does not touch the database or the network, and does not decide which event a place belongs to
beyond `event_place`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from sitrep.knowledge.gaz_names import US_ABBREVIATION_KEYS, fold
from sitrep.knowledge.gazetteer import GazEntry, Gazetteer, name_prior
from sitrep.model import Actor, Feature, Place, Precision
from sitrep.stages.places_facility import NATURAL_WORDS, facility_extent, is_generic_word

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NON_PLACE_LABELS = frozenset(
    {"NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
)
_CONNECTORS = frozenset(
    {"of", "on", "de", "del", "la", "le", "al", "el", "upon", "-", "du", "da", "di", "sur", "am"}
)
# Words that join the parts of one name ("Trinidad and Tobago", "People's Republic").
_NAME_JOINERS = _CONNECTORS | {"and", "&", "'s", "’s"}
_MAX_TOKENS = 6
_TITLES = frozenset(
    {
        "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain",
        "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "mr", "mrs", "ms", "dr", "prof",
        "president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
        "sheikh", "pope", "father", "rev", "sen", "senator", "rep", "gov", "governor", "mayor",
        "secretary", "ambassador", "spokesman", "spokeswoman", "spokesperson", "envoy", "chief",
        "judge", "justice", "saint", "st", "emir", "ayatollah", "marshal", "pvt", "private", "miss",
        "mister", "madam", "sir", "lady", "lord",
    }
)  # fmt: skip
_CALENDAR = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "christmas", "easter", "ramadan",
    }
)  # fmt: skip
_DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "an", "ans", "i", "is")
_ADMIN_WORDS = frozenset(
    {"region", "oblast", "province", "governorate", "state", "krai", "kray", "republic",
     "prefecture", "regions", "provinces"}
)  # fmt: skip
_REGION_MODIFIERS = frozenset(
    {"border", "frontier", "western", "eastern", "southern", "northern", "central", "north",
     "south", "east", "west", "southwestern", "southeastern", "northwestern", "northeastern",
     "occupied", "annexed", "breakaway", "autonomous", "neighbouring", "neighboring", "separatist",
     "embattled", "restive", "coastal", "mountainous", "contested", "disputed", "home", "native"}
)  # fmt: skip
_SETTLEMENT_WORDS = frozenset(
    {"town", "city", "village", "settlement", "hamlet", "capital", "port", "suburb", "towns",
     "villages", "cities"}
)  # fmt: skip
_LOCATIVE_PREPS = frozenset(
    {"in", "near", "at", "on", "outside", "inside", "into", "across", "around", "toward",
     "towards", "to", "from", "over", "of", "within", "throughout", "along", "off", "by", "behind",
     "beyond", "between", "onto", "upon", "against", "through", "via", "past"}
)  # fmt: skip
_PATH_DEPS = frozenset(
    {"pobj", "prep", "dobj", "nsubjpass", "compound", "appos", "conj", "pcomp", "npadvmod", "obj",
     "oprd", "attr", "advmod", "nmod"}
)  # fmt: skip
_PRECISION: dict[Feature, Precision] = {
    Feature.CITY: Precision.PLACE,
    Feature.ADMIN2: Precision.ADMIN2,
    Feature.ADMIN1: Precision.ADMIN1,
    Feature.COUNTRY: Precision.COUNTRY,
    Feature.CONTINENT: Precision.COUNTRY,
}
_SPECIFICITY: dict[Precision | None, int] = {
    Precision.PLACE: 0,
    Precision.ADMIN2: 1,
    Precision.ADMIN1: 2,
    Precision.COUNTRY: 3,
    None: 4,
}


@dataclass(frozen=True, slots=True)
class _Mention:
    """A candidate place name in the text with its gazetteer candidates."""

    first: int  # first token index
    last: int  # last token index (inclusive) of the name itself
    start: int  # char offsets of the place span (suffix words such as "region" included)
    end: int
    key: str
    candidates: tuple[GazEntry, ...]
    want: Feature | None  # ADMIN1 after "region"/"oblast", CITY after "the town of"
    weak: bool  # evidence is thin (the tagger called it a person): needs context support
    sentence: int
    exact: frozenset[Feature] = frozenset()  # features of the candidates called exactly so
    # population of the biggest town among the candidates, per country
    town_peaks: tuple[tuple[str | None, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rest of the article says about where it is."""

    countries: Counter[str]
    admin1: Counter[tuple[str | None, str]]
    sentence_countries: dict[int, Counter[str]]
    actor_countries: frozenset[str]
    points: tuple[tuple[float, float], ...] = ()  # other local places (towns, counties) picked
    home: str | None = None  # the country nearly all other places are in (local news)
    home_admin1: tuple[str, str] | None = None  # the region most of the other names fit in
    main: str | None = None  # like `home`, even when the article names that country


@dataclass(frozen=True, slots=True)
class _View:
    """A doc with its text and each token's sentence start, computed once (spaCy recomputes)."""

    doc: Doc
    text: str
    sentence_of: tuple[int, ...]


def _view(doc: Doc) -> _View:
    """The doc's text and per-token sentence starts."""
    flags = doc.to_array([SENT_START]).tolist() if len(doc) else []
    starts: list[int] = []
    current = 0
    for i, flag in enumerate(flags):
        if flag == 1 or i == 0:
            current = i
        starts.append(current)
    return _View(doc, doc.text, tuple(starts))


# ---------------------------------------------------------------- candidate spans


def _is_capitalised(token: Token) -> bool:
    """True for a token that starts with an upper-case letter."""
    return bool(token.text) and token.text[0].isupper()


def _is_calendar(token: Token) -> bool:
    """True for month and day names."""
    return token.lower_.rstrip(".") in _CALENDAR


def _looks_like_demonym(span: Span) -> bool:
    """True for nationality adjectives and nouns ("Ukrainian", "Russians")."""
    if any(t.ent_type_ == "NORP" for t in span):
        return True
    last = span[-1]
    return last.pos_ == "ADJ" and last.lower_.endswith(_DEMONYM_ENDINGS)


def _titled(doc: Doc, first: int) -> bool:
    """True when a personal title stands right before the name (or a run of names before it)."""
    i = first - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].lower_.rstrip(".") not in _TITLES:
        if first - i > 3:
            return False
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip(".") in _TITLES


def _in_person_name(doc: Doc, first: int, last: int) -> bool:
    """True when the span is part of a longer name tagged PERSON, or sits next to one."""
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    for t in (before, after):
        if t is not None and t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
            return True
    inside = [t.ent_type_ == "PERSON" for t in doc[first : last + 1]]
    if any(inside):
        ent_start = doc[first].ent_iob_ == "B" or first == 0
        ent_end = last + 1 >= len(doc) or doc[last + 1].ent_iob_ != "I"
        return not (all(inside) and ent_start and ent_end and last == first)
    return False


def _suffix(doc: Doc, last: int) -> tuple[int, bool]:
    """Index of a trailing admin word ("region", "oblast") after modifiers, and whether found."""
    i = last + 1
    while i < len(doc) and i <= last + 3:
        t = doc[i]
        if t.lower_ in _ADMIN_WORDS:
            return i, True
        if t.lower_ in _REGION_MODIFIERS or (t.pos_ == "ADJ" and t.is_lower):
            i += 1
            continue
        break
    return last, False


def _prefix_want(doc: Doc, first: int) -> Feature | None:
    """What the words before the name ask for: "the town of X" → CITY, "region of X" → ADMIN1."""
    if first >= 2 and doc[first - 1].lower_ == "of":
        word = doc[first - 2].lower_
        if word in _SETTLEMENT_WORDS:
            return Feature.CITY
        if word in _ADMIN_WORDS:
            return Feature.ADMIN1
    if first >= 1 and doc[first - 1].lower_ in _SETTLEMENT_WORDS:
        return Feature.CITY
    return None


def _char_end(doc: Doc, last: int) -> int:
    """Char offset just after token `last`."""
    t = doc[last]
    return t.idx + len(t.text)


_PARTY_LETTERS = frozenset({"D", "R", "I"})


def _party_tag(doc: Doc, first: int) -> bool:
    """True when tokens before `first` are a party letter and a hyphen written close up
    ("Rep. Jim Clyburn, D-S.C.", "Sen. Bernie Sanders (I-Vt.)")."""
    if first < 2:
        return False
    letter, hyphen = doc[first - 2], doc[first - 1]
    return (
        letter.text in _PARTY_LETTERS
        and hyphen.text == "-"
        and not letter.whitespace_
        and not hyphen.whitespace_
    )


def _route_number(doc: Doc, last: int) -> bool:
    """True when a dotted abbreviation is followed by a road number ("S.C. 5 Bypass")."""
    nxt = last + 1
    return doc[last].text.endswith(".") and nxt < len(doc) and doc[nxt].text.isdigit()


def _state_tag(doc: Doc, first: int, last: int) -> bool:
    """True for a state abbreviation in a party tag or before a road number."""
    return _party_tag(doc, first) or _route_number(doc, last)


def _written_abbreviation(doc: Doc, first: int, last: int) -> bool:
    """True for a state abbreviation written as one after a place ("Richmond, Ky.",
    "Walker County (Ga.)"), in a party tag ("D-S.C.") or before a road number ("S.C. 161")."""
    if _state_tag(doc, first, last):
        return True
    ends_with_stop = doc[last].text.endswith(".") or (
        last + 1 < len(doc) and doc[last + 1].text == "."
    )
    if not (ends_with_stop and first >= 2 and doc[first - 1].text in (",", "(")):
        return False
    if doc[first - 1].text == "(" and (last + 1 >= len(doc) or doc[last + 1].text != ")"):
        return False  # "Walker County (Ga.)" but not "(Ga. officials say"
    town = doc[first - 2]
    return town.is_title or (town.is_upper and town.is_alpha)  # "OAKLAND, Calif." in a dateline


_DEMONYM_STEMS = (("n", ""), ("an", ""), ("ian", ""), ("ian", "a"), ("ian", "y"), ("ian", "e"),
                  ("ean", "e"), ("ese", ""), ("ese", "a"))  # fmt: skip
_NATION_FEATURES = frozenset({Feature.COUNTRY, Feature.CONTINENT, Feature.REGION})


def _is_demonym_of(key: str, gazetteer: Gazetteer) -> bool:
    """True for a nationality word formed from a country or continent name the gazetteer
    knows ("sri lankan" → Sri Lanka, "canadian" → Canada, "north american")."""
    for ending, stem_end in _DEMONYM_STEMS:
        if not key.endswith(ending):
            continue
        stem = key[: len(key) - len(ending)] + stem_end
        if len(stem) < 4 or not gazetteer.has_key(stem):
            continue
        if any(c.feature in _NATION_FEATURES for c in gazetteer.lookup_key(stem)):
            return True
    return False


def _make_mention(
    view: _View, gazetteer: Gazetteer, first: int, last: int, *, weak: bool, gpe: bool = False
) -> _Mention | None:
    """A mention for tokens first..last when the gazetteer knows the name, else None. `gpe`
    says the tagger called exactly these tokens a GPE: a state abbreviation with its stop is
    then the state ("Major Mich. utilities")."""
    doc = view.doc
    start, end = doc[first].idx, _char_end(doc, last)
    key = fold(view.text[start:end])
    candidates = gazetteer.lookup_key(key)
    abbreviation: Feature | None = None
    if key in US_ABBREVIATION_KEYS:
        if (gpe and doc[last].text.endswith(".")) or _written_abbreviation(doc, first, last):
            abbreviation = Feature.ADMIN1
            candidates = tuple(c for c in candidates if c.feature is Feature.ADMIN1) or candidates
        else:
            candidates = tuple(c for c in candidates if c.feature is not Feature.ADMIN1)
    if not candidates or _is_demonym_of(key, gazetteer):
        return None
    suffix_end, has_suffix = _suffix(doc, last)
    want = Feature.ADMIN1 if has_suffix else abbreviation or _prefix_want(doc, first)
    if has_suffix:
        admin = tuple(c for c in candidates if c.feature is Feature.ADMIN1)
        if admin:
            candidates, end = admin, _char_end(doc, suffix_end)
    exact = frozenset(c.feature for c in candidates if fold(c.name) == key)
    peaks: dict[str | None, int] = {}
    for c in candidates:
        if c.feature is Feature.CITY:
            peaks[c.country] = max(peaks.get(c.country, 0), c.population)
    return _Mention(
        first,
        last,
        start,
        end,
        key,
        candidates,
        want,
        weak,
        view.sentence_of[first],
        exact,
        tuple(peaks.items()),
    )


def _biggest_town(m: _Mention) -> int:
    """Population of the biggest town among the mention's candidates (0: none)."""
    return max((population for _country, population in m.town_peaks), default=0)


def _biggest_town_abroad(m: _Mention, country: str | None) -> int:
    """Population of the biggest town among the candidates outside `country` (0: none)."""
    return max((p for c, p in m.town_peaks if c != country), default=0)


def _is_article_word(token: Token) -> bool:
    """True for a stop word leading an entity ("the", "of"), but not for a capitalised
    abbreviation spelled like one ("US")."""
    return token.is_stop and not token.text.isupper()


def _ner_mentions(view: _View, gazetteer: Gazetteer) -> list[_Mention]:
    """Mentions for the spaCy GPE/LOC/FAC entities the gazetteer knows."""
    doc = view.doc
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        first, last = ent.start, ent.end - 1
        while first <= last and (_is_article_word(doc[first]) or doc[first].is_punct):
            first += 1
        while last >= first and (doc[last].is_punct or doc[last].text in ("'s", "’s")):
            last -= 1
        if first > last or _titled(doc, first) or _looks_like_demonym(doc[first : last + 1]):
            continue
        if not any(_is_capitalised(doc[k]) for k in range(first, last + 1)):
            continue  # "the gulf in graduation rates": a common noun the tagger took for a place
        whole = ent.label_ == "GPE" and (first, last) == (ent.start, ent.end - 1)
        last = _longest_name(view, gazetteer, first, last)
        m = _make_mention(view, gazetteer, first, last, weak=False, gpe=whole)
        if m is not None:
            out.append(m)
    return out


def _longest_name(view: _View, gazetteer: Gazetteer, first: int, last: int) -> int:
    """The last token of the longest name the gazetteer knows that starts at `first` and runs
    on past the entity's end through capitalised words and joiners, called exactly so (see
    `_names_exactly`): the tagger often cuts "Trinidad and Tobago" after "Trinidad" and
    "U.S. Virgin Islands" after "U.S."."""
    doc = view.doc
    best, k = last, last + 1
    while k < len(doc) and k - first < _MAX_TOKENS and not doc[k].is_sent_start:
        if not (_is_capitalised(doc[k]) or doc[k].lower_ in _NAME_JOINERS):
            break
        if _is_capitalised(doc[k]):
            key = fold(view.text[doc[first].idx : _char_end(doc, k)])
            if gazetteer.has_key(key) and _names_exactly(gazetteer.lookup_key(key), key):
                best = k
        k += 1
    return _comma_name(view, gazetteer, first, best)


def _comma_name(view: _View, gazetteer: Gazetteer, first: int, last: int) -> int:
    """The last token of a name written with a comma inside ("Washington, D.C."): the name
    runs on across the comma through one or two capitalised words when the gazetteer knows
    the joined form as a name of one of the shorter name's own places, else `last`."""
    doc = view.doc
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return last
    short = gazetteer.lookup_key(fold(view.text[doc[first].idx : _char_end(doc, last)]))
    for k in (last + 2, last + 3):
        if k >= len(doc) or doc[k].is_sent_start or not _is_capitalised(doc[k]):
            break
        key = fold(view.text[doc[first].idx : _char_end(doc, k)])
        if not gazetteer.has_key(key):
            continue
        joined = gazetteer.lookup_key(key)
        if joined and all(c in short for c in joined):
            return k
    return last


def _names_exactly(candidates: Sequence[GazEntry], key: str) -> bool:
    """True when some candidate is called exactly `key`, or is a country or wider region
    (whose hand-kept aliases are as good as its name)."""
    return any(fold(c.name) == key or c.feature in _WIDE_FEATURES for c in candidates)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with connectors inside) within a sentence."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_capitalised(doc[i]):
            i += 1
            continue
        j = i
        k = i + 1
        while k < n and not doc[k].is_sent_start:
            if _is_capitalised(doc[k]):
                j = k
            elif doc[k].lower_ not in _NAME_JOINERS:
                break
            k += 1
        runs.append((i, j))
        i = j + 1
    return runs


def _acceptable_scan(
    doc: Doc, first: int, last: int, *, big_place: bool = False, country_code: bool = False
) -> tuple[bool, bool]:
    """Whether a gazetteer match outside NER places can be a place, and whether it is weak.
    A `big_place` (a city of 100,000 or more, or a wider region, called exactly so) may be
    one the tagger took for a nationality ("authorities in Tunis"); a `country_code` (see
    `_country_code`) is a place whatever the tagger called it."""
    span = doc[first : last + 1]
    if country_code:
        return True, False
    toks = [t for t in span if t.is_alpha]
    if not toks or any(_is_calendar(t) for t in toks):
        return False, False
    norp = all(t.ent_type_ == "NORP" for t in span) and big_place
    if not norp and (
        any(t.ent_type_ in _NON_PLACE_LABELS for t in span) or _looks_like_demonym(span)
    ):
        return False, False
    if any(t.pos_ != "PROPN" for t in toks if t.lower_ not in _NAME_JOINERS):
        return False, False
    if span.text.isupper() and len(span.text) <= 4:
        return False, False
    if _titled(doc, first) or (
        _in_person_name(doc, first, last) and not _region_follows(doc, last)
    ):
        return False, False
    ents = {t.ent_type_ for t in span} - {""}
    weak = bool(ents & {"PERSON", "ORG"})
    return True, weak


_CODE_LETTERS = re.compile(r"[A-Z](?:\.?[A-Z]){1,3}\.?")


def _country_code(text: str, candidates: Sequence[GazEntry]) -> bool:
    """True for a capitals abbreviation the gazetteer knows first of all as a country
    ("DPRK", "UAE", "U.S."): the tagger often calls it an organisation ("the DPRK's
    concerns", "the U.S. Department of Transportation"), but it names the country all the
    same. "UN" or "NATO", which the gazetteer knows only as small towns, stay out, and so
    do the name in capitals ("BY CHAD KLIMACK") and three-letter ISO codes, which news
    writes for other things ("GTM Research", "the ATF", "8 a.m. EST")."""
    if not candidates or _CODE_LETTERS.fullmatch(text) is None:
        return False
    top, letters = candidates[0], text.replace(".", "")
    return (
        top.feature is Feature.COUNTRY and fold(top.name) != fold(text) and letters != top.country
    )


def _region_follows(doc: Doc, last: int) -> bool:
    """True when a comma and a place the tagger found follow token `last` ("Klamath Falls,
    Oregon"): a name so written is a town even when the tagger took it for a person."""
    i = last + 2
    return (
        i < len(doc)
        and doc[last + 1].text == ","
        and doc[i].ent_type_ == "GPE"
        and doc[i].ent_iob_ == "B"
    )


_BIG_PLACE = 100_000


def _big_place(candidates: Sequence[GazEntry], key: str) -> bool:
    """True when some candidate called exactly `key` is a city of 100,000 or more, or an
    admin1 region or country."""
    return any(
        fold(c.name) == key
        and (
            c.population >= _BIG_PLACE
            if c.feature is Feature.CITY
            else c.feature in (Feature.ADMIN1, Feature.COUNTRY)
        )
        for c in candidates
    )


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the full names the tagger found ("Dave Jones"): alone later in the article
    ("Jones said") they are the person, not Jones, Okla."""
    return frozenset(
        t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
    )


def _scan_mentions(view: _View, gazetteer: Gazetteer, taken: set[int]) -> list[_Mention]:
    """Mentions for capitalised spans the gazetteer knows that NER did not call places."""
    doc = view.doc
    out: list[_Mention] = []
    people = _person_words(doc)
    for run_first, run_last in _runs(doc):
        i = run_first
        while i <= run_last:
            found: _Mention | None = None
            if i not in taken and doc[i].lower_ not in _NAME_JOINERS:
                for last in range(min(run_last, i + _MAX_TOKENS - 1), i - 1, -1):
                    if doc[last].lower_ in _NAME_JOINERS or any(
                        k in taken for k in range(i, last + 1)
                    ):
                        continue
                    key = fold(view.text[doc[i].idx : _char_end(doc, last)])
                    if not gazetteer.has_key(key):
                        continue
                    big = not doc[last].lower_.endswith(("ern", "ian", "ese", "ans"))
                    candidates = gazetteer.lookup_key(key)
                    big = big and _big_place(candidates, key)
                    code = i == last and _country_code(doc[i].text, candidates)
                    ok, weak = _acceptable_scan(doc, i, last, big_place=big, country_code=code)
                    if not ok or (i == last and doc[i].lower_ in people):
                        continue
                    found = _make_mention(view, gazetteer, i, last, weak=weak)
                    if found is not None:
                        break
            if found is not None:
                out.append(found)
                i = found.last + 1
            else:
                i += 1
    return out


def _discourse_mentions(
    view: _View, gazetteer: Gazetteer, taken: set[int], keys: set[str]
) -> list[_Mention]:
    """Other occurrences of names already taken as places in this article (one sense per
    discourse): the small model may tag "Mala Tokmachka" PERSON once and GPE later."""
    doc = view.doc
    out: list[_Mention] = []
    for run_first, run_last in _runs(doc):
        for i in range(run_first, run_last + 1):
            if i in taken or _titled(doc, i):
                continue
            for last in range(min(run_last, i + _MAX_TOKENS - 1), i - 1, -1):
                if any(k in taken for k in range(i, last + 1)):
                    continue
                if fold(view.text[doc[i].idx : _char_end(doc, last)]) not in keys:
                    continue
                found = _make_mention(view, gazetteer, i, last, weak=False)
                if found is not None:
                    out.append(found)
                    taken.update(range(found.first, found.last + 1))
                    break
    return out


def _tag_mentions(view: _View, gazetteer: Gazetteer, taken: set[int]) -> list[_Mention]:
    """State abbreviations in party tags and road numbers ("D-S.C.", "S.C. 6") that the
    tagger left out or called a date or organisation."""
    doc = view.doc
    out: list[_Mention] = []
    i = 0
    while i < len(doc):
        found: _Mention | None = None
        for last in (i + 1, i):
            if (
                last >= len(doc)
                or doc[last].is_punct
                or any(k in taken for k in range(i, last + 1))
            ):
                continue  # "S.C.," would fold to the same key as "S.C."
            if not _state_tag(doc, i, last):  # cheap token test first: this runs per token
                continue
            key = fold(view.text[doc[i].idx : _char_end(doc, last)])
            if key in US_ABBREVIATION_KEYS:
                found = _make_mention(view, gazetteer, i, last, weak=False)
                if found is not None:
                    break
        if found is not None:
            out.append(found)
            taken.update(range(found.first, found.last + 1))
            i = found.last + 1
        else:
            i += 1
    return out


def _mentions(view: _View, gazetteer: Gazetteer) -> list[_Mention]:
    """All candidate place mentions in the doc, in text order, without overlaps."""
    ner = _ner_mentions(view, gazetteer)
    taken = {i for m in ner for i in range(m.first, m.last + 1)}
    tagged = _tag_mentions(view, gazetteer, taken)
    scanned = _scan_mentions(view, gazetteer, taken)
    scanned = tagged + scanned
    taken.update(i for m in scanned for i in range(m.first, m.last + 1))
    keys = {m.key for m in ner if not m.weak}  # names the tagger itself called places
    again = _discourse_mentions(view, gazetteer, taken, keys)
    return sorted(ner + scanned + again, key=lambda m: m.start)


# ---------------------------------------------------------------- ranking


def _container(doc: Doc, m: _Mention, mentions: Sequence[_Mention]) -> _Mention | None:
    """The mention written right after `m` and a comma ("Sudzha, Kursk oblast"), if any."""
    nxt = m.last + 1
    if nxt >= len(doc) or doc[nxt].text != ",":
        return None
    for other in mentions:
        if other.first == nxt + 1:
            return other
    return None


def _score(
    e: GazEntry,
    m: _Mention,
    ctx: _Context | None,
    container: _Mention | None,
) -> tuple[float, str]:
    """Score of entry `e` for mention `m`, with the main reason it got it."""
    score = name_prior(e, m.key) + _name_adjustment(e, m)
    reason = "exact name" if fold(e.name) == m.key else "alternate name"
    if m.want is Feature.ADMIN1:
        score += 6.0 if e.feature is Feature.ADMIN1 else -3.0
    elif m.want is Feature.CITY:
        score += 3.0 if e.feature is Feature.CITY else -3.0
    if container is not None:
        for c in container.candidates:
            if c.feature is Feature.ADMIN1 and c.country == e.country and c.name == e.admin1:
                score += 8.0
                reason += f"; in {c.name} (written after it)"
                break
            if c.feature is Feature.COUNTRY and c.country == e.country:
                score += 6.0
                reason += f"; in {c.name} (written after it)"
                break
    if ctx is not None and _region_namesake(e, m, ctx):
        score -= _FOREIGN_NAMESAKE_PENALTY
        reason += f"; no other sign of {e.country}, named like a region of {ctx.main}"
    elif ctx is not None and _foreign_country(e, m, ctx):
        score -= _FOREIGN_NAMESAKE_PENALTY
        reason += f"; no other sign of {e.country} in a {ctx.home} story"
    if ctx is not None and e.country and not _shadowed(e, m, ctx):
        n = ctx.countries.get(e.country, 0)
        in_admin1 = ctx.admin1.get((e.country, e.admin1), 0) if e.admin1 else 0
        if in_admin1:
            score += (3.0 if in_admin1 > 1 else 1.5) * _local_weight(e, m)
            what = "places in it" if e.feature is Feature.ADMIN1 else f"same admin1 as {e.admin1}"
            reason += f"; {what} in article"
        abroad = _abroad_namesake(e, m) and not in_admin1 and container is None
        if abroad:
            n = 0
            reason += "; a far bigger namesake abroad"
        if n:
            score += 2.0 + min(n, 4)
            if "admin1" not in reason:
                reason += f"; country {e.country} in article"
        if ctx.sentence_countries.get(m.sentence, Counter()).get(e.country) and not abroad:
            score += 1.0
        if e.country in ctx.actor_countries and not abroad:
            score += 2.5
            if "article" not in reason:
                reason += f"; country {e.country} of an actor"
    if ctx is not None and _in_home_admin1(e, m, ctx):
        score += _HOME_ADMIN1_BONUS
        reason += f"; {e.admin1}, where most other names of the article fit"
    if ctx is not None and ctx.points and e.feature in _LOCAL_FEATURES:
        near = min(_rough_km(e.lat, e.lon, lat, lon) for lat, lon in ctx.points)
        for limit, bonus in _NEARBY_BONUS:
            if near <= limit:
                score += bonus * _local_weight(e, m)
                reason += f"; within {limit:.0f} km of other places in article"
                break
    return score, reason


_WIDE_FEATURES = frozenset({Feature.COUNTRY, Feature.CONTINENT, Feature.REGION, Feature.ADMIN1})
# An entry found only under an alternate name while another is called exactly that name
# ("Trenton" as an old name of West Monroe, La., against Trenton itself).
_ALTERNATE_PENALTY = 3.0
_WELL_KNOWN_POPULATION = 100_000
# A region called by its bare name with no town of that name in its country ("Virginia") is
# not the namesake-city case that `name_prior` discounts ("Kursk", "Moscow").
_NO_NAMESAKE_BONUS = 1.5


def _name_adjustment(e: GazEntry, m: _Mention) -> float:
    """Correction to the name prior from the other candidates of the same name."""
    if fold(e.name) != m.key:
        # A big city's other names are well attested ("Kiev"); a small town's often are not.
        small = e.population < _WELL_KNOWN_POPULATION
        return -_ALTERNATE_PENALTY if small and e.feature in m.exact else 0.0
    if e.feature is Feature.ADMIN1:
        # "Oregon" is the state, not Oregon, Ohio; "Washington" or "Quebec" may be the city.
        if _biggest_town(m) < _WELL_KNOWN_POPULATION:
            return _NO_NAMESAKE_BONUS
        if " " not in m.key and not _has_town_inside(e, m):
            return _NO_NAMESAKE_BONUS
    return 0.0


def _has_town_inside(region: GazEntry, m: _Mention) -> bool:
    """True when a town among the candidates may lie in `region` itself ("Kursk" in Kursk
    Oblast; Kyiv, whose admin1 is unknown, in Kyiv Oblast), unlike Virginia, Minn. for the
    state of Virginia."""
    return any(
        c.feature is Feature.CITY
        and c.country == region.country
        and c.admin1 in (region.admin1, None)
        for c in m.candidates
    )


def _shadowed(e: GazEntry, m: _Mention, ctx: _Context) -> bool:
    """True for a small town named like a country, sea or region among the candidates
    ("Atlantic, Iowa" vs "the Atlantic"): the article's country does not tell them apart, only
    local evidence (its admin1, nearby places, a written container) does, unless the article
    is local news of the town's country and says nothing else of the namesake country."""
    if e.feature is not Feature.CITY or e.population >= 20_000:
        return False
    wide = [c for c in m.candidates if c.feature in _WIDE_FEATURES]
    if wide and e.country == ctx.home and all(_foreign_country(c, m, ctx) for c in wide):
        return False
    return bool(wide)


_LOCAL_FEATURES = frozenset({Feature.CITY, Feature.ADMIN2, Feature.ADMIN1})
# Bonus for a candidate close to the article's other local places (distance limit in km).
_NEARBY_BONUS = ((40.0, 5.0), (120.0, 4.0), (300.0, 2.5), (600.0, 1.0))


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km: cheap and close enough for a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _best(
    m: _Mention, ctx: _Context | None, container: _Mention | None
) -> tuple[GazEntry, float, str]:
    """The best entry for `m` with its score and reason."""
    scored = [(*_score(e, m, ctx, container), e) for e in m.candidates]
    score, reason, entry = max(scored, key=lambda s: s[0])
    if len(m.candidates) > 1 and "article" not in reason and "written" not in reason:
        reason += f"; most plausible of {len(m.candidates)}"
    return entry, score, reason


def _obscure(e: GazEntry, m: _Mention) -> bool:
    """True for a small town found only under an alternate name ("Minister" → Minster,
    Ohio): too likely a false match to vouch for the other places of the article."""
    return e.feature is Feature.CITY and e.population < 20_000 and fold(e.name) != m.key


def _evidence(picks: Sequence[tuple[_Mention, GazEntry]]) -> list[tuple[_Mention, GazEntry]]:
    """The picks that may vouch for other places: placed in a country, neither weak nor
    obscure."""
    return [
        (m, e)
        for m, e in picks
        if e.country and not m.weak and not _obscure(e, m) and not _overshadowed(e, m)
    ]


# A town picked over a namesake this many times bigger ("Oakland, Ore." over Oakland, Calif.)
# owes the pick to context, so it may not vouch for other places in turn.
_OVERSHADOW_RATIO = 10
# A town this many times smaller than a namesake abroad ("Rome, Ga." against Rome) is not
# made the town meant by its country's mere mention ("the U.S.").
_ABROAD_RATIO = 20


def _overshadowed(e: GazEntry, m: _Mention) -> bool:
    """True for a town with a far bigger namesake among the candidates."""
    if e.feature is not Feature.CITY:
        return False
    biggest = _biggest_town(m)
    return biggest >= _WELL_KNOWN_POPULATION and biggest >= _OVERSHADOW_RATIO * e.population


# Share of the local evidence (same admin1, nearby places) that an overshadowed town gets:
# Louisville, Ohio needs more than "Ohio State" in a story to beat Louisville, Ky.
_OVERSHADOWED_LOCAL_WEIGHT = 0.5


def _local_weight(e: GazEntry, m: _Mention) -> float:
    """How much local evidence counts for entry `e` (less for an overshadowed town)."""
    return _OVERSHADOWED_LOCAL_WEIGHT if _overshadowed(e, m) else 1.0


def _abroad_namesake(e: GazEntry, m: _Mention) -> bool:
    """True for a town with a far bigger namesake in another country ("Rome, Ga." against
    Rome): that the article names the town's country does not make it the town meant."""
    if e.feature is not Feature.CITY:
        return False
    biggest = _biggest_town_abroad(m, e.country)
    return biggest >= _WELL_KNOWN_POPULATION and biggest >= _ABROAD_RATIO * e.population


def _contexts(
    mentions: Sequence[_Mention],
    evidence: Sequence[tuple[_Mention, GazEntry]],
    actor_countries: frozenset[str],
    picks: Sequence[tuple[_Mention, GazEntry]] = (),
) -> dict[str, _Context]:
    """The context of each name in `mentions` (one per name: see `_context`), with the
    region that the article's other names fit best (see `_fits`)."""
    fits = _fits(picks)
    out: dict[str, _Context] = {}
    for key, candidates in {m.key: m.candidates for m in mentions}.items():
        ctx = _context(evidence, key, actor_countries, frozenset(candidates))
        home_admin1 = _home_admin1(fits, key)
        out[key] = dataclasses.replace(ctx, home_admin1=home_admin1) if home_admin1 else ctx
    return out


# The home region needs this much support from the other names, and this lead over the next.
_HOME_ADMIN1_MIN = 3.0
_HOME_ADMIN1_LEAD = 1.0
_HOME_ADMIN1_BONUS = 5.0


def _in_home_admin1(e: GazEntry, m: _Mention, ctx: _Context) -> bool:
    """True for a town, county or region in the article's home region (see `_home_admin1`)."""
    return (
        ctx.home_admin1 is not None
        and (e.country, e.admin1) == ctx.home_admin1
        and e.feature in _LOCAL_FEATURES
        and not _names_region(m, e.country)
    )


def _names_region(m: _Mention, country: str | None) -> bool:
    """True for a name that is exactly a region's name in `country` ("Kansas", "New York"):
    whether the region or a namesake town in it is meant is not the home region's to say."""
    return any(
        c.feature is Feature.ADMIN1 and c.country == country and fold(c.name) == m.key
        for c in m.candidates
    )


def _fits(
    picks: Sequence[tuple[_Mention, GazEntry]],
) -> dict[tuple[str, str], dict[str, float]]:
    """For each admin1 region, the names of the article that fit in it, with a weight: a
    name resolved in the region's country with a town or county of that exact name there (1),
    or that fits no other region of the country, as a region named outright does (2, unless
    the tagger called it a person or organisation).
    "Seymour", "Rogersville", "Webster County" and "Christian County" all fit Missouri, while
    each alone fits several states."""
    fits: dict[tuple[str, str], dict[str, float]] = {}
    seen: set[str] = set()
    for m, e in picks:
        if m.key in seen or e.country is None:
            continue
        seen.add(m.key)
        regions = {
            (c.country, c.name if c.feature is Feature.ADMIN1 else c.admin1)
            for c in m.candidates
            if c.country == e.country and c.feature in _LOCAL_FEATURES and fold(c.name) == m.key
        }
        if e.feature is Feature.ADMIN1 and fold(e.name) == m.key:
            regions = {(e.country, e.name)}
        for country, region in regions:
            if country and region:
                unique = len(regions) == 1 and not m.weak
                fits.setdefault((country, region), {})[m.key] = 2.0 if unique else 1.0
    return fits


def _home_admin1(fits: dict[tuple[str, str], dict[str, float]], own: str) -> tuple[str, str] | None:
    """The admin1 region that the article's names other than `own` fit clearly best, if any:
    a strong prior for a name found in many states ("Springfield", "Boone County")."""
    totals = sorted(
        ((sum(w for k, w in named.items() if k != own), region) for region, named in fits.items()),
        reverse=True,
    )
    if not totals or totals[0][0] < _HOME_ADMIN1_MIN:
        return None
    if len(totals) > 1 and totals[0][0] - totals[1][0] < _HOME_ADMIN1_LEAD:
        return None
    return totals[0][1]


def _context(
    picks: Sequence[tuple[_Mention, GazEntry]],
    own: str,
    actor_countries: frozenset[str],
    candidates: frozenset[GazEntry] = frozenset(),
) -> _Context:
    """Countries and admin1 regions of the evidence `picks` (see `_evidence`) named other
    than `own`: other mentions of the same name, or of one of its own `candidates` by a
    longer name ("Washington, D.C." for "Washington"), are no evidence for it."""
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str | None, str]] = Counter()
    sentences: dict[int, Counter[str]] = {}
    points: set[tuple[float, float]] = set()
    for m, e in picks:
        if m.key == own or e.country is None or (e in candidates and m.key.startswith(own)):
            continue
        if e.feature in (Feature.CITY, Feature.ADMIN2):
            points.add((e.lat, e.lon))
        countries[e.country] += 1
        sentences.setdefault(m.sentence, Counter())[e.country] += 1
        if e.admin1:
            # A region named outright ("Texas", "Ky.") says more than a town placed in it.
            admin1[(e.country, e.admin1)] += 2 if e.feature is Feature.ADMIN1 else 1
    total = sum(countries.values())
    top = countries.most_common(1)
    home = (
        top[0][0] if top and top[0][1] >= _HOME_MIN and top[0][1] >= _HOME_SHARE * total else None
    )
    main = home
    if any(e.feature is Feature.COUNTRY and e.country == home for _m, e in picks):
        home = None  # a story that names its own country ("the United States") looks abroad
    return _Context(
        countries, admin1, sentences, actor_countries, tuple(sorted(points)), home, main=main
    )


# An article whose other places are nearly all in one country (at least this many, this share)
# and that does not name that country is local news there: "Jordan" in a Minnesota paper is
# Jordan, Minn., unless the article says something else about the country Jordan.
_HOME_MIN = 2
_HOME_SHARE = 0.75
_FOREIGN_NAMESAKE_PENALTY = 8.0


def _foreign_country(e: GazEntry, m: _Mention, ctx: _Context) -> bool:
    """True for a country the article gives no other sign of, named like a place in the
    article's home country ("Georgia" in an Atlanta story, "Lebanon" in an Indiana one)."""
    return (
        e.feature is Feature.COUNTRY
        and ctx.home is not None
        and e.country != ctx.home
        and not ctx.countries.get(e.country or "")
        and e.country not in ctx.actor_countries
        and any(_local_namesake(c, ctx) for c in m.candidates)
    )


def _region_namesake(e: GazEntry, m: _Mention, ctx: _Context) -> bool:
    """True for a country named exactly like a first-level region of the country that the
    article's other places are nearly all in, when no other place of the article is in that
    foreign country: "Georgia" beside Alabama and Florida, even if the story says "America"."""
    return (
        e.feature is Feature.COUNTRY
        and ctx.main is not None
        and e.country != ctx.main
        and not ctx.countries.get(e.country or "")
        and any(
            c.feature is Feature.ADMIN1 and c.country == ctx.main and fold(c.name) == m.key
            for c in m.candidates
        )
    )


def _local_namesake(c: GazEntry, ctx: _Context) -> bool:
    """True for a town or region of the article's home country that the article's other
    places surround: in its admin1 region (named, or two places) and near them, or named."""
    if c.country != ctx.home or c.feature is Feature.COUNTRY:
        return False
    if c.feature is Feature.ADMIN1:
        return True
    if ctx.admin1.get((c.country, c.admin1 or ""), 0) < 2:
        return False
    return any(_rough_km(c.lat, c.lon, lat, lon) <= 120.0 for lat, lon in ctx.points)


def _precision(e: GazEntry) -> Precision:
    """How specific a gazetteer entry is."""
    if e.feature is Feature.REGION:
        return Precision.ADMIN1 if e.country else Precision.COUNTRY
    return _PRECISION[e.feature]


def _place(text: str, m: _Mention, e: GazEntry, reason: str) -> Place:
    """The Place for a resolved mention."""
    admin1 = e.name if e.feature is Feature.ADMIN1 else e.admin1
    return Place(
        start=m.start,
        end=m.end,
        text=text[m.start : m.end],
        name=e.name,
        geonameid=e.geonameid,
        lat=e.lat,
        lon=e.lon,
        country=e.country,
        admin1=admin1,
        feature=e.feature,
        precision=_precision(e),
        reason=reason,
    )


def _supported(e: GazEntry, ctx: _Context) -> bool:
    """True when the article or its actors point at the entry's country."""
    return bool(e.country) and (
        ctx.countries.get(e.country or "", 0) > 0 or e.country in ctx.actor_countries
    )


def find_places(
    doc: Doc,
    *,
    gazetteer: Gazetteer,
    context_countries: Sequence[str] = (),
    actors: Sequence[Actor] = (),
) -> tuple[Place, ...]:
    """Every place name in `doc`, resolved and ranked by the article's context.

    A name that `actors` resolved to a seat of government ("the White House", "the Kremlin")
    is a metonym for that government, not a place, unless it is the country's capital city
    ("Kyiv", "Moscow"), which is also a real location.
    """
    places = _find_places(
        doc, gazetteer=gazetteer, context_countries=context_countries, actors=actors
    )
    seats = [a for a in actors if a.kb_id and a.kb_id.startswith("seat:")]
    if not seats:
        return places
    return tuple(p for p in places if not _is_seat_metonym(p, seats, gazetteer))


def _is_seat_metonym(place: Place, seats: Sequence[Actor], gazetteer: Gazetteer) -> bool:
    """True for a town (not the capital) that an actor read as a seat of government; a name
    resolved to a state or country ("Washington" beside "Wash.") was not the seat."""
    if place.feature is not Feature.CITY:
        return False
    for seat in seats:
        if seat.start < place.end and place.start < seat.end:
            capital = gazetteer.capital(seat.country) if seat.country else None
            return capital is None or capital.geonameid != place.geonameid
    return False


def _actor_countries(
    context_countries: Sequence[str], actors: Sequence[Actor], mentions: Sequence[_Mention]
) -> frozenset[str]:
    """The actors' countries, less those known only from a place name that the actors stage
    read as the country ("Georgia authorities", "Jordan residents"): which place that name is
    is what the places stage must decide, so it is no evidence for itself."""
    spoken: set[str] = set()
    named: set[str] = set()
    for a in actors:
        if not a.country:
            continue
        is_name = any(
            m.start < a.end
            and a.start < m.end
            and any(c.feature is Feature.COUNTRY and c.country == a.country for c in m.candidates)
            for m in mentions
        )
        (named if is_name else spoken).add(a.country)
    return frozenset(c for c in context_countries if c in spoken or c not in named)


def _find_places(
    doc: Doc,
    *,
    gazetteer: Gazetteer,
    context_countries: Sequence[str] = (),
    actors: Sequence[Actor] = (),
) -> tuple[Place, ...]:
    view = _view(doc)
    mentions, parts = _split_facilities(doc, _mentions(view, gazetteer))
    if not mentions and not parts:
        return ()
    actor_countries = _actor_countries(context_countries, actors, mentions)
    containers = [_container(doc, m, mentions) for m in mentions]
    first = [(m, _best(m, None, c)[0]) for m, c in zip(mentions, containers, strict=True)]
    # A second round lets ambiguous names settle each other ("Paris" near "Lamar County").
    contexts = _contexts(mentions, _evidence(first), actor_countries, first)
    first = [
        (m, _best(m, contexts[m.key], c)[0] if len(m.candidates) > 1 else e)
        for (m, e), c in zip(first, containers, strict=True)
    ]
    contexts = _contexts(mentions, _evidence(first), actor_countries, first)
    places: list[Place] = []
    anchors: list[Place] = []  # towns and counties a facility name may be placed in
    starts = {m.first for m in mentions}
    for m, container in zip(mentions, containers, strict=True):
        ctx = contexts[m.key]
        entry, _score_value, reason = _best(m, ctx, container)
        tiny = entry.feature is Feature.CITY and entry.population < 5000
        big = entry.feature is not Feature.CITY or entry.population >= 100_000
        if (tiny or (m.weak and not big)) and not _supported(entry, ctx) and not _from_ner(doc, m):
            continue
        local = _local_support(entry, ctx) or container is not None
        if _obscure(entry, m) and not local:
            continue  # "Newcomers" is not Newcomerstown, Ohio, without a nearby place
        extent = facility_extent(doc, m.first, m.last)
        if extent is not None and (
            (not local and (extent[2] or not big))
            or (entry.feature is not Feature.COUNTRY and _town_follows(doc, extent[1], starts))
        ):
            # "Heathrow Animal Reception Center" in a London story: not Heathrow, Fla.;
            # "Loyola University in Los Angeles": not Loyola, Calif. (but the "U.S." of "U.S.
            # District Court in Cincinnati" is the country)
            parts.append(m)
            continue
        places.append(_place(view.text, m, entry, reason))
        if local or (entry.feature is Feature.CITY and entry.population >= 100_000):
            anchors.append(places[-1])
    found = places + _facilities(doc, parts, places, anchors)
    return tuple(sorted(found, key=lambda p: p.start))


def _town_follows(doc: Doc, last: int, starts: set[int]) -> bool:
    """True when another place is written right after a facility name ending at `last`
    ("… University in Los Angeles", "Oulton Park, Cheshire")."""
    i = last + 1
    return i + 1 < len(doc) and doc[i].lower_ in (",", "in") and i + 1 in starts


def _local_support(e: GazEntry, ctx: _Context) -> bool:
    """True when the article's other places are near the entry or in its admin1 region, or,
    for a country or region, when the article is about that country."""
    if e.feature in (Feature.COUNTRY, Feature.ADMIN1):
        return _supported(e, ctx)
    if e.admin1 and ctx.admin1.get((e.country, e.admin1)):
        return True
    return any(_rough_km(e.lat, e.lon, lat, lon) <= 300.0 for lat, lon in ctx.points)


def _split_facilities(
    doc: Doc, mentions: Sequence[_Mention]
) -> tuple[list[_Mention], list[_Mention]]:
    """The mentions to resolve, and those that are only part of a facility name ("Royal" and
    "Street" in "Royal Street"); common nouns standing alone ("Council") are dropped."""
    keep: list[_Mention] = []
    parts: list[_Mention] = []
    for m in mentions:
        extent = facility_extent(doc, m.first, m.last)
        generic = is_generic_word(m.key)
        if extent is None:
            if not generic:
                keep.append(m)
        elif generic or extent[2]:
            parts.append(m)
        else:
            keep.append(m)
    return keep, parts


# What a facility may be placed in: a town, or a county ("Oulton Park, Cheshire").
_TOWN_FEATURES = frozenset({Feature.CITY, Feature.ADMIN2})


def _facilities(
    doc: Doc, parts: Sequence[_Mention], places: Sequence[Place], anchors: Sequence[Place]
) -> list[Place]:
    """Places for the facility names that `parts` belong to, each at the town it is written
    in ("Faith Regional Center in Norfolk") or else at the article's main town or county
    among the `anchors` (those with local support, and big cities); a facility that contains a
    place of its own ("University of California") or has no town, and a natural feature not
    written with its town ("the Nile Delta"), are left out."""
    if not parts:
        return []
    towns = [p for p in anchors if p.feature in _TOWN_FEATURES]
    counts = Counter(p.geonameid for p in towns)
    main = min(towns, key=lambda p: (-counts[p.geonameid], p.start)) if towns else None
    out: list[Place] = []
    seen: set[tuple[int, int]] = set()
    for m in parts:
        extent = facility_extent(doc, m.first, m.last)
        if extent is None:
            continue
        first, last, _street = extent
        start, end = doc[first].idx, _char_end(doc, last)
        if (start, end) in seen or any(p.start < end and start < p.end for p in places):
            continue
        seen.add((start, end))
        town = _written_in(doc, last, [p for p in places if p.feature in _TOWN_FEATURES])
        if town is None and doc[last].lower_ not in NATURAL_WORDS:
            town = main  # a street or building of the story's town, not a river's delta
        if town is None:
            continue
        out.append(
            dataclasses.replace(
                town, start=start, end=end, text=doc.text[start:end], reason=f"in {town.name}"
            )
        )
    return out


def _written_in(doc: Doc, last: int, towns: Sequence[Place]) -> Place | None:
    """The town or county written right after a facility name ("… Center in Robbinsdale",
    "Oulton Park, Cheshire")."""
    i = last + 1
    if i < len(doc) and doc[i].lower_ in (",", "in", "at", "of"):
        i += 1
    if i >= len(doc):
        return None
    for p in towns:
        if p.start == doc[i].idx:
            return p
    return None


def _from_ner(doc: Doc, m: _Mention) -> bool:
    """True when spaCy tagged the mention's tokens as a place entity."""
    return all(t.ent_type_ in PLACE_LABELS for t in doc[m.first : m.last + 1])


# ---------------------------------------------------------------- event place


def _path_length(place_root: Token, targets: set[int]) -> int | None:
    """Steps from a place up to a target token through locative links, or None."""
    token, steps = place_root, 0
    while steps <= 6:
        if token.i in targets:
            return steps
        if token.dep_ not in _PATH_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ not in _LOCATIVE_PREPS:
            return None
        token = token.head
        steps += 1
    return None


def _specificity(place: Place) -> int:
    """Lower is more specific."""
    return _SPECIFICITY.get(place.precision, 4)


def event_place(
    doc: Doc, trigger_start: int, trigger_end: int, places: Sequence[Place]
) -> Place | None:
    """The place of the event whose trigger is at these char offsets: syntax, sentence, article."""
    if not places:
        return None
    trigger = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if trigger is not None and len(trigger):
        root = trigger.root
        targets = {t.i for t in trigger} | {root.head.i}
        tied: list[tuple[int, int, Place]] = []
        for p in places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            steps = _path_length(span.root, targets)
            if steps is not None:
                tied.append((_specificity(p), steps, p))
        if tied:
            best = min(tied, key=lambda t: (t[0], t[1]))[2]
            return dataclasses.replace(best, reason=f"trigger: {best.reason}")
        sent = root.sent
        in_sentence = [p for p in places if sent.start_char <= p.start < sent.end_char]
        if in_sentence:
            mid = (trigger_start + trigger_end) / 2
            best = min(in_sentence, key=lambda p: (_specificity(p), abs(p.start - mid)))
            return dataclasses.replace(best, reason=f"sentence: {best.reason}")
    counts = Counter(p.geonameid or p.name for p in places)
    best = min(
        places,
        key=lambda p: (_specificity(p), -counts[p.geonameid or p.name], p.start),
    )
    return dataclasses.replace(best, reason=f"article: {best.reason}")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
