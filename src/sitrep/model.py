"""The data model of sitrep: frozen dataclasses and enums shared by every stage.

Input → output: none; this module only defines types. Offsets are Python string indices into
the article text, end-exclusive. Countries are ISO 3166-1 alpha-3 (or PLOVER IGO codes), dates
are `datetime.date`, coordinates WGS84. `to_json` turns any of these into the public JSON of
DESIGN.md §7 (docs/schema.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Status(enum.StrEnum):
    """Claim status of an event, derived from all its claims (DESIGN.md §2)."""

    REPORTED = "reported"
    CLAIMED = "claimed"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    DISPUTED = "disputed"


class Stance(enum.StrEnum):
    """Stance of a source towards a proposition."""

    ASSERT = "assert"
    CONFIRM = "confirm"
    DENY = "deny"
    NEITHER = "neither"
    NO_COMMENT = "no_comment"


class Modality(enum.StrEnum):
    """Whether, in the text, the event happened."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    HISTORICAL = "historical"


class Granularity(enum.StrEnum):
    """Resolution of a date range."""

    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    UNKNOWN = "unknown"


class Precision(enum.StrEnum):
    """How specific a resolved place is."""

    PLACE = "place"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"


class Feature(enum.StrEnum):
    """Kind of gazetteer entry."""

    CITY = "populated place"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    CONTINENT = "continent"
    REGION = "region"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article with its metadata. `article_id` is a content hash of the normalised text."""

    article_id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str = "en"
    source: str | None = None  # file path, URL or feed the article came from
    input_id: str | None = None  # the id given by the input (JSONL `id`, file name)
    fetched_at: dt.datetime | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted upon: the span and what it resolved to."""

    start: int
    end: int
    text: str
    name: str  # canonical name, e.g. "Russian Ministry of Defense"
    country: str | None = None  # ISO alpha-3 or IGO code
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, CVL, MED, ...
    kb_id: str | None = None  # knowledge-base id when resolved, else None


@dataclass(frozen=True, slots=True)
class Place:
    """A place name resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None  # admin1 name
    feature: Feature | None = None
    precision: Precision | None = None
    reason: str = ""  # why this entry was chosen (and, for an event place, how it was attached)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression with its TimeML value and calendar range."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TimeML value: 2025-03-13, 2024-SU, P2W, PAST_REF, ...
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # inclusive
    granularity: Granularity = Granularity.UNKNOWN
    resolved: bool = False
    mod: str | None = None  # TimeML mod: START, EARLY, APPROX, ...


@dataclass(frozen=True, slots=True)
class When:
    """When an event happened, as far as the text supports it."""

    start: dt.date | None
    end: dt.date | None
    granularity: Granularity
    text: str | None  # the expression that dated it, None when nothing did
    anchor: dt.date | None  # publication date used to resolve it
    resolved: bool  # False: nothing in the text dates the event; `end` is then at most the anchor
    how: str = ""  # trigger | sentence | narrative | unresolved

    @staticmethod
    def unresolved(anchor: dt.date | None) -> When:
        """No expression dates the event; the publication date is only an upper bound."""
        return When(None, anchor, Granularity.UNKNOWN, None, anchor, False, "unresolved")


@dataclass(frozen=True, slots=True)
class Claim:
    """Who vouches for a mention. `source` None: the outlet states it in its own voice."""

    source: Actor | None
    cue: Span | None
    stance: Stance


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and its speaker."""

    start: int
    end: int
    text: str
    speaker: Actor | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reported-speech relation: source, cue, content (PolNeAR's scheme) and stance."""

    source: Actor | None
    cue: Span
    content: Span
    stance: Stance


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text gives about an event: killed, injured, captured, ..."""

    kind: str  # killed, injured, captured, missing, displaced, exchanged, drones, missiles
    value: int
    text: str
    start: int
    end: int
    source: Actor | None = None


@dataclass(frozen=True, slots=True)
class EventType:
    """The typing of a trigger: PLOVER type and mode, ACLED type and sub-type."""

    event_type: str  # PLOVER: ASSAULT, CONSULT, AID, ...
    mode: str | None = None  # PLOVER mode: aerial, retake, ...
    acled_type: str | None = None  # "Battles", "Explosions/Remote violence", ...
    acled_subtype: str | None = None  # "Government regains territory", "Air/drone strike", ...
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one article states it, with provenance for every field."""

    mention_id: str
    article_id: str
    start: int  # trigger span
    end: int
    trigger: str
    sentence: Span
    event_type: str
    mode: str | None
    acled_type: str | None
    acled_subtype: str | None
    confidence: float
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    place: Place | None = None
    when: When | None = None
    modality: Modality = Modality.ASSERTED
    claim: Claim = field(default_factory=lambda: Claim(None, None, Stance.ASSERT))
    responses: tuple[Claim, ...] = ()
    status: Status = Status.REPORTED
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything sitrep found in one article (the per-document JSON of DESIGN.md §7)."""

    article: Article
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An article (or input) that could not be processed, and why."""

    source: str
    reason: str
    stage: str = "ingest"  # ingest | nlp | storage
    article_id: str | None = None


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex id from the given strings."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def mention_id(article_id: str, start: int, end: int) -> str:
    """Id of a mention: hash of its article and trigger offsets."""
    return content_hash(article_id, str(start), str(end))


def to_json(obj: Any) -> Any:
    """JSON-ready form of a model object: enums by value, dates ISO 8601, tuples as lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dt.datetime | dt.date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_json(x) for x in obj]
    if isinstance(obj, Mapping):
        return {str(k): to_json(v) for k, v in obj.items()}
    return obj
