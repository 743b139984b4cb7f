"""Places stage helpers: generic words and named facilities that contain a town's name.

A gazetteer match such as "Street" (a village in Somerset), "Center" (Texas) or "Royal" (→ Royal
City) inside a longer capitalised name whose head is a facility word ("Royal Street", "Barclays
Center", "Mississippi River") is not a toponym of that town. `facility_extent` finds the whole
facility name so that the places stage can place the facility at the town it is in, or drop it.
`is_generic_word` tells common nouns that also name small towns ("University", "Council",
"Police") from place names.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Heads of facility names whose own name is not the town they are in ("Royal Street",
# "Mississippi River", "Collins Avenue").
STREET_WORDS = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "way",
     "highway", "hwy", "parkway", "pkwy", "expressway", "freeway", "turnpike", "square", "plaza",
     "bridge", "tunnel", "river", "creek", "canal", "parade", "bend", "trail", "alley", "row",
     "terrace", "crescent", "place", "circle", "quarter", "plantation", "farm", "farms",
     "ranch", "rue", "pike", "township", "twp"}
)  # fmt: skip
# Plural street words written in lower case after street names ("at State and Hubbard
# streets"); a singular one may be a noun's modifier ("Kyiv street fighting").
_LOWER_STREET_WORDS = frozenset({"streets", "avenues", "roads", "boulevards"})
# Heads of buildings and institutions, often named after their town ("Dubai World Trade
# Centre", "Harare City Council") but as often after a person or sponsor ("Barclays Center").
BUILDING_WORDS = frozenset(
    {"center", "centre", "hall", "park", "stadium", "arena", "airport", "station", "university",
     "college", "school", "academy", "institute", "hospital", "clinic", "church", "cathedral",
     "basilica", "mosque", "temple", "chapel", "synagogue", "building", "tower", "towers",
     "market", "mall", "library", "museum", "theater", "theatre", "hotel", "prison", "jail",
     "penitentiary", "cemetery", "courthouse", "council", "village", "complex", "garden",
     "gardens", "zoo", "field", "club", "base", "campus", "house", "palace", "office",
     "headquarters", "depot", "plant", "factory", "mill", "mine", "port", "harbor", "harbour",
     "pier", "dam", "circuit", "raceway", "speedway", "course", "pavilion", "auditorium",
     "coliseum", "dome", "forum", "court"}
)  # fmt: skip
# Heads of natural features named after a river or range, not after a town ("Nile Delta");
# alone they may well be a town or region ("Delta", B.C.; Delta State), so they are no
# generic words.
NATURAL_WORDS = frozenset(
    {"delta", "desert", "peninsula", "plateau", "basin", "gorge", "glacier", "lagoon", "estuary",
     "mountains", "range", "forest", "marshes", "wetlands"}
)  # fmt: skip
FACILITY_WORDS = STREET_WORDS | BUILDING_WORDS
# Common nouns that alone are never read as a town name in news, although GeoNames has a town
# of that name ("University, Fla.", "Council, Idaho", "Police, Poland", "Energy, Ill.").
GENERIC_WORDS = FACILITY_WORDS | frozenset(
    {"city", "town", "county", "state", "island", "islands", "valley", "ridge", "hill", "hills",
     "lake", "bay", "beach", "coast", "mount", "mountain", "police", "bank", "section", "congress",
     "senate", "parliament", "agency", "ministry", "department", "energy", "industry", "commerce",
     "secretary", "minister", "union", "republic", "summit", "metro", "marine", "marines", "war",
     "army", "navy", "central", "north", "south", "east", "west", "northeast", "northwest",
     "southeast", "southwest", "northern", "southern", "eastern", "western", "man", "god",
     "hope", "star", "mission", "vice", "fox", "iron", "liberty", "justice",
     "defense", "defence", "company", "group", "media", "press", "news", "network", "service",
     "services", "authority", "commission", "committee", "board",
     "federal", "national", "international", "royal", "general", "district", "reform",
     "progress", "enterprise", "victory", "unity"}
)  # fmt: skip
_HEADS = FACILITY_WORDS | NATURAL_WORDS
_JOINERS = frozenset({"of", "de", "the", "and", "&", "'s", "’s", "for", "on"})
_ENDERS = frozenset({"on", "'s", "’s"})
_UNIT_WORDS = frozenset(
    {"county", "parish", "borough", "district", "province", "state", "region", "township"}
)
_MAX_RUN = 8


def is_generic_word(key: str) -> bool:
    """True for a folded one-word name that is a common noun ("university", "council");
    names of two words ("Garden City", "Park Ridge") are real names."""
    return key in GENERIC_WORDS


def _joins(doc: Doc, i: int) -> bool:
    """True for a token that may sit inside a facility name: capitalised or a joiner."""
    t = doc[i]
    return bool(t.text) and (t.text[0].isupper() or t.lower_ in _JOINERS)


def _possessive_place(doc: Doc, last: int) -> bool:
    """True when a county or other unit is followed by "'s": what follows is in it ("Warren
    County's Hamilton Township"), whereas "Wilson's Farm" or "St. Peter's Basilica" name a
    facility after a person."""
    return doc[last + 1].lower_ in ("'s", "’s") and doc[last].lower_ in _UNIT_WORDS


def facility_extent(doc: Doc, first: int, last: int) -> tuple[int, int, bool] | None:
    """The tokens of the facility name that the mention first..last is part of, and whether
    it is a street-like name (never named after its town), or None.

    The name is the run of capitalised tokens (with "of", "'s" inside) around the mention in
    its sentence; it is a facility when its head (the last capitalised word, or the word before
    "of") is a facility word at or after the mention and the run is longer than the mention.
    """
    start = first
    while start > 0 and first - start < _MAX_RUN and not doc[start].is_sent_start:
        if not _joins(doc, start - 1) or (
            start == first >= 2 and _possessive_place(doc, start - 2)
        ):
            break
        start -= 1
    end = last
    while end + 1 < len(doc) and end - last < _MAX_RUN and not doc[end + 1].is_sent_start:
        if not _joins(doc, end + 1) or (end == last and _possessive_place(doc, last)):
            break
        end += 1
    while start < first and (not doc[start].text[0].isupper() or doc[start].pos_ == "DET"):
        start += 1  # not "A" or "The" opening the sentence: "A Delta police officer"
    while end > last and not doc[end].text[0].isupper():
        end -= 1
    if end + 1 < len(doc) and doc[end + 1].lower_ in _LOWER_STREET_WORDS:
        return start, end + 1, True  # "State and Hubbard streets"
    if (start, end) == (first, last):
        return None
    for i in range(end, first - 1, -1):
        word = doc[i].lower_.rstrip(".")
        # A street's name ends at its head before "on" or "'s" ("North State Street on the
        # Near North Side", "Royal Street's bars"); names run on through "of" ("University of").
        ends = i < end and word in STREET_WORDS and doc[i + 1].lower_ in _ENDERS
        head = i == end or ends or doc[i + 1].lower_ in ("of", "for")
        if head and word in _HEADS and (i > last or first == last):
            return start, i if ends else end, word in STREET_WORDS or word in NATURAL_WORDS
    return None
