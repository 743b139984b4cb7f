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
shared side, the same trigger word (compared by stem, so "killed" meets "killing"), similar
sentences, similar articles. A pair joins when the score reaches `threshold`.

Undated pairs never merge in the store. Where they are allowed (`allow_undated`, for gold sets
whose documents carry no dates, such as ECB+), the articles' vocabulary stands in for the date:
a pair passes blocking only when both articles share at least `context_min` of their content
words (Jaccard) and the triggers have the same stem; it then scores `undated_evidence` for the
date. Two similar happenings of one story (two earthquakes, two arrests) are told apart by
their articles' other words (names, places, figures), which the overlap measures.
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
# irregular forms of common event verbs, so that the stems of two forms meet
IRREGULAR = {
    "struck": "strike", "shot": "shoot", "fought": "fight", "caught": "catch", "stole": "steal",
    "stolen": "steal", "blew": "blow", "blown": "blow", "fled": "flee", "slain": "slay",
    "overran": "overrun", "took": "take", "taken": "take", "sank": "sink", "sunk": "sink",
    "beaten": "beat", "hung": "hang", "held": "hold", "met": "meet", "won": "win", "lost": "lose",
}  # fmt: skip
SUFFIXES = ("ings", "ing", "ements", "ement", "ments", "ment", "ions", "ion", "ers", "er", "ed",
            "es", "s", "e")  # fmt: skip


def stem(word: str) -> str:
    """A crude stem of a trigger word, at most five letters: "killed", "killing" and "kills"
    → "kil"; "struck" and "strikes" → "strik"; "agreement" and "agreed" → "agre"."""
    w = word.lower().strip()
    w = IRREGULAR.get(w, w)
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2]:
        w = w[:-1]
    return w[:5]


def content_words(text: str) -> frozenset[str]:
    """The lower-cased content words of a text (stop words left out)."""
    return frozenset(w for w in WORD.findall(text.lower()) if w not in STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of the matcher (documented in docs/pipeline.md)."""

    place_km: float = 15.0
    date_slack_days: int = 1
    territory_slack_days: int = 10  # a change of control persists: admissions come days later
    window_days: int = 7
    threshold: float = 4.0
    allow_undated: bool = False  # only for gold sets without dates (ECB+): see evaluation
    # articles sharing at least this share of their content words (Jaccard) tell one story:
    # +1 evidence; for undated pairs (where allowed) the condition to pass blocking at all
    context_min: float = 0.1
    # what an undated pair (where allowed) of the same trigger stem in articles of one story
    # scores for the date, in place of the date evidence
    undated_evidence: float = 2.0


def match_settings(merge: Any) -> MatchSettings:
    """MatchSettings from the `merge` section of the settings (same field names)."""
    return MatchSettings(
        place_km=float(merge.place_km),
        date_slack_days=int(merge.date_slack_days),
        territory_slack_days=int(merge.territory_slack_days),
        window_days=int(merge.window_days),
        threshold=float(merge.threshold),
        context_min=float(merge.context_min),
        undated_evidence=float(merge.undated_evidence),
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
    trigger: str  # lower-cased (keys stored before stems: its first five letters)
    words: frozenset[str]  # content words of the sentence
    stem: str = ""  # of the trigger (`stem`)
    context: frozenset[str] = frozenset()  # content words of the article, when known


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


def key_of(
    mention: Mapping[str, Any],
    published: dt.date | None,
    *,
    context: frozenset[str] = frozenset(),
) -> MentionKey:
    """The matching key of a mention given as public JSON (DESIGN.md §7); `context`: the
    content words of its article (`content_words`), when the caller has the text."""
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
        trigger=trigger,
        words=content_words(sentence),
        stem=stem(trigger),
        context=context,
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
        words=frozenset(d["w"]), stem=stem(d["tr"]),
    )  # fmt: skip


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _context(a: MentionKey, b: MentionKey, s: MatchSettings) -> bool:
    """Whether both articles are known and share at least `context_min` of their words."""
    return bool(a.context and b.context) and jaccard(a.context, b.context) >= s.context_min


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
    # nothing dates either report: never merge (unless told to, and then only the same event
    # word in articles that tell one story)
    if s.allow_undated and a.stem and a.stem == b.stem and _context(a, b, s):
        return s.undated_evidence
    return None


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
    if a.stem and a.stem == b.stem:
        total += 1.0
    if jaccard(a.words, b.words) >= 0.3:
        total += 1.0
    if _context(a, b, s):
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
