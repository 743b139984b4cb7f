"""Do two mentions report the same real-world event? Blocking, scoring and clustering.

Input: mention keys (the fields of a mention that matching needs, from its public JSON and its
article's publication date). Output: a match score, or None when blocking rules out the pair;
and, over a set of keys, clusters (connected components of the match graph, so the grouping
does not depend on the order mentions arrive in). Pure: the database side lives in storage.

Blocking (a pair must pass all): same event family (territorial change — captures, retakes and
the loser's retreat — is one family, so "Ukraine withdrew from X" meets "Russia took X"); date
ranges that overlap (with `date_slack_days`, or `territory_slack_days` for changes of control,
which persist and are often admitted days later), or, for undated mentions, articles published
within `window_days`; places no further apart than `place_km` when both are towns, or in the
same region/country when either is coarser. Scoring adds evidence: same town, same day, a
shared side, the same trigger word, similar sentences. A pair joins when the score reaches
`threshold`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TERRITORIAL_MODES = frozenset({"capture", "retake", "withdraw", "driven-out"})
STRIKE_MODES = frozenset({"aerial", "drone", "shelling", "explosive", "attack", "suicide"})
STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "for",
        "from",
        "with",
        "by",
        "that",
        "this",
        "its",
        "their",
        "his",
        "her",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "be",
        "been",
        "said",
        "says",
        "say",
        "it",
        "as",
        "after",
        "before",
        "over",
        "into",
        "near",
        "about",
        "than",
    }
)
WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of the matcher (documented in docs/pipeline.md)."""

    place_km: float = 15.0
    date_slack_days: int = 1
    territory_slack_days: int = 10  # a change of control persists: admissions come days later
    window_days: int = 7
    threshold: float = 4.0
    allow_undated: bool = False  # only for gold sets without dates (ECB+): see evaluation


def match_settings(merge: Any) -> MatchSettings:
    """MatchSettings from the `merge` section of the settings (same field names)."""
    return MatchSettings(
        place_km=float(merge.place_km),
        date_slack_days=int(merge.date_slack_days),
        territory_slack_days=int(merge.territory_slack_days),
        window_days=int(merge.window_days),
        threshold=float(merge.threshold),
    )


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What matching needs to know about one mention."""

    mention_id: str
    article_id: str
    family: str
    start: dt.date | None
    end: dt.date | None
    resolved: bool
    published: dt.date | None
    lat: float | None
    lon: float | None
    town: bool  # the place is a populated place, not a region or country
    geonameid: int | None
    admin1: str | None
    country: str | None
    actor_sides: frozenset[str]
    recipient_sides: frozenset[str]
    trigger: str
    words: frozenset[str]


def family(event_type: str, mode: str | None) -> str:
    """The blocking family of a PLOVER type and mode."""
    if event_type == "RETREAT" or (event_type == "ASSAULT" and mode in TERRITORIAL_MODES):
        return "TERRITORY"
    if event_type == "ASSAULT" and mode in STRIKE_MODES:
        return "STRIKE"
    return event_type


def _sides(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    return frozenset(str(a.get("country") or a.get("name") or "").lower() for a in actors) - {""}


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def key_of(mention: Mapping[str, Any], published: dt.date | None) -> MentionKey:
    """The matching key of a mention given as public JSON (DESIGN.md §7)."""
    when = mention.get("when") or {}
    place = mention.get("place") or {}
    sentence = str((mention.get("sentence") or {}).get("text", "")).lower()
    trigger = str(mention.get("trigger", "")).lower()
    return MentionKey(
        mention_id=str(mention["mention_id"]),
        article_id=str(mention.get("article_id", "")),
        family=family(str(mention.get("event_type", "")), mention.get("mode")),
        start=_date(when.get("start")),
        end=_date(when.get("end")),
        resolved=bool(when.get("resolved")),
        published=published,
        lat=place.get("lat"),
        lon=place.get("lon"),
        town=place.get("precision") == "place",
        geonameid=place.get("geonameid"),
        admin1=place.get("admin1"),
        country=place.get("country"),
        actor_sides=_sides(mention.get("actors", [])),
        recipient_sides=_sides(mention.get("recipients", [])),
        trigger=trigger[:5],
        words=frozenset(w for w in WORD.findall(sentence) if w not in STOP),
    )


def key_json(key: MentionKey) -> str:
    """A compact JSON form of a key (stored with each mention)."""
    return json.dumps(
        {
            "i": key.mention_id,
            "a": key.article_id,
            "f": key.family,
            "s": key.start.isoformat() if key.start else None,
            "e": key.end.isoformat() if key.end else None,
            "r": key.resolved,
            "la": key.lat,
            "lo": key.lon,
            "t": key.town,
            "g": key.geonameid,
            "a1": key.admin1,
            "c": key.country,
            "as": sorted(key.actor_sides),
            "rs": sorted(key.recipient_sides),
            "tr": key.trigger,
            "w": sorted(key.words),
        },
        separators=(",", ":"),
    )


def key_from_json(text: str, published: dt.date | None) -> MentionKey:
    """A key from `key_json`'s form, or from a full mention JSON (rows stored before keys)."""
    d = json.loads(text)
    if "mention_id" in d:
        return key_of(d, published)
    return MentionKey(
        mention_id=d["i"], article_id=d["a"], family=d["f"], start=_date(d["s"]),
        end=_date(d["e"]), resolved=d["r"], published=published, lat=d["la"], lon=d["lo"],
        town=d["t"], geonameid=d["g"], admin1=d["a1"], country=d["c"],
        actor_sides=frozenset(d["as"]), recipient_sides=frozenset(d["rs"]), trigger=d["tr"],
        words=frozenset(d["w"]),
    )  # fmt: skip


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _date_evidence(a: MentionKey, b: MentionKey, s: MatchSettings) -> float | None:
    if a.resolved and b.resolved and a.start and b.start and a.end and b.end:
        days = s.territory_slack_days if a.family == "TERRITORY" else s.date_slack_days
        slack = dt.timedelta(days=days)
        if a.start > b.end + slack or b.start > a.end + slack:
            return None
        exact = a.start == a.end and b.start == b.end and a.start == b.start
        return 2.0 if exact else 1.0
    if a.published and b.published:
        apart = abs((a.published - b.published).days)
        return None if apart > s.window_days else 0.5
    # nothing dates either report: never merge on other evidence alone (unless told to)
    return 0.0 if s.allow_undated else None


def _place_evidence(a: MentionKey, b: MentionKey, s: MatchSettings) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return 0.0
    if a.town and b.town:
        if a.geonameid is not None and a.geonameid == b.geonameid:
            return 2.0
        return 2.0 if km(a.lat, a.lon, b.lat, b.lon) <= s.place_km else None
    if a.country and b.country and a.country != b.country:
        return None
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    return 1.0 if (a.admin1 and a.admin1 == b.admin1) else 0.5


def _side_evidence(a: MentionKey, b: MentionKey) -> float:
    if a.actor_sides & b.actor_sides:
        return 1.0
    # the loser's retreat meets the winner's capture: X withdrew ↔ Y took it from X
    if a.family == "TERRITORY" and (
        a.actor_sides & b.recipient_sides or b.actor_sides & a.recipient_sides
    ):
        return 1.0
    return 0.0


def score(a: MentionKey, b: MentionKey, s: MatchSettings = MatchSettings()) -> float | None:
    """Evidence that `a` and `b` report one event; None when blocking rules the pair out."""
    if a.mention_id == b.mention_id:
        return math.inf
    if a.family != b.family:
        return None
    when = _date_evidence(a, b, s)
    if when is None:
        return None
    where = _place_evidence(a, b, s)
    if where is None:
        return None
    total = when + where + _side_evidence(a, b)
    if a.trigger and a.trigger == b.trigger:
        total += 1.0
    union = a.words | b.words
    if union and len(a.words & b.words) / len(union) >= 0.3:
        total += 1.0
    return total


def matches(a: MentionKey, b: MentionKey, s: MatchSettings = MatchSettings()) -> bool:
    """Whether the pair scores at least the threshold."""
    value = score(a, b, s)
    return value is not None and value >= s.threshold


def cluster(keys: Sequence[MentionKey], s: MatchSettings = MatchSettings()) -> dict[str, str]:
    """mention_id → cluster id (the first mention of its cluster in `keys`), single-link."""
    parent = {k.mention_id: k.mention_id for k in keys}
    order = {k.mention_id: i for i, k in enumerate(keys)}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_family: dict[str, list[MentionKey]] = {}
    for k in keys:
        by_family.setdefault(k.family, []).append(k)
    for group in by_family.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if matches(a, b, s):
                    ra, rb = find(a.mention_id), find(b.mention_id)
                    if ra != rb:
                        keep, drop = (ra, rb) if order[ra] < order[rb] else (rb, ra)
                        parent[drop] = keep
    return {k.mention_id: find(k.mention_id) for k in keys}
