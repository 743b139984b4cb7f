"""Article text + spans → segments for the page: each stretch of text with the kinds of span
that cover it, so overlapping spans (a place inside a quote) all show.

Input: the text and spans `(start, end, kind, label, href)`. Output: `Segment`s covering the
whole text in order. Nothing here produces HTML: the template escapes every segment's text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

#: When several covering spans carry a link, the first kind here wins.
LINK_ORDER = ("event", "actor", "place", "time", "quote", "source", "cue")


@dataclass(frozen=True)
class Mark:
    """One span found in the text."""

    start: int
    end: int
    kind: str  # event | actor | place | time | quote | source | cue
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of text and the marks over it."""

    text: str
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    href: str | None
    anchor: str | None = None  # id of the element, for links from other pages


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Split `text` at every mark boundary; each piece lists the marks that cover it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        over = [m for m in valid if m.start <= a and b <= m.end]
        kinds = tuple(dict.fromkeys(m.kind for m in over))
        linked = sorted(
            (m for m in over if m.href),
            key=lambda m: LINK_ORDER.index(m.kind) if m.kind in LINK_ORDER else 99,
        )
        starts = [m for m in over if m.start == a and m.kind == "event"]
        out.append(
            Segment(
                text=text[a:b],
                kinds=kinds,
                labels=tuple(dict.fromkeys(m.label for m in over)),
                href=linked[0].href if linked else None,
                anchor=f"m-{starts[0].label.split()[0]}" if starts else None,
            )
        )
    return out


def _who(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "the outlet"
    country = f" ({actor['country']})" if actor.get("country") else ""
    return f"{actor.get('name')}{country}"


def article_marks(article: dict[str, Any]) -> list[Mark]:
    """The marks of an article as `web_queries.article_detail` returns it."""
    marks: list[Mark] = []
    for m in article["mentions"]:
        eid = m.get("event_id")
        href = f"/event/{eid}" if eid else None
        label = f"{m['mention_id'][:10]} {m['event_type']} — {m.get('event_status') or ''}"
        marks.append(Mark(m["start"], m["end"], "event", label, href))
        for role in ("actors", "recipients"):
            for a in m.get(role) or []:
                href = "/?" + urlencode({"actor": a.get("name") or ""})
                marks.append(Mark(a["start"], a["end"], "actor", _who(a), href))
    for p in article["places"]:
        label = f"{p.get('name')} ({p.get('country') or '?'}, {p.get('precision') or '?'})"
        href = None
        if p.get("lat") is not None and p.get("lon") is not None:
            href = "/?" + urlencode({"center": f"{p['lat']},{p['lon']}", "zoom": 8})
        marks.append(Mark(p["start"], p["end"], "place", label, href))
    for t in article["times"]:
        value = t.get("start_date") or t.get("value") or "unresolved"
        href = None
        if t.get("resolved") and t.get("start_date"):
            end = t.get("end_date") or t["start_date"]
            href = "/?" + urlencode({"since": t["start_date"], "until": end})
        marks.append(Mark(t["start"], t["end"], "time", f"{t.get('text')} → {value}", href))
    for q in article["quotes"]:
        marks.append(Mark(q["start"], q["end"], "quote", f"quote by {_who(q.get('speaker'))}"))
    for at in article["attributions"]:
        cue = at.get("cue") or {}
        if "start" in cue:
            label = f"{_who(at.get('source'))}: {at.get('stance')}"
            marks.append(Mark(cue["start"], cue["end"], "cue", label))
    return marks


def context_window(
    text: str, start: int, end: int, *, before: int = 280, after: int = 280
) -> Sequence[str]:
    """(text before, the span, text after), each trimmed, for a sentence shown in context."""
    a = max(0, start - before)
    b = min(len(text), end + after)
    lead = ("…" if a > 0 else "") + text[a:start]
    tail = text[end:b] + ("…" if b < len(text) else "")
    return (lead, text[start:end], tail)
