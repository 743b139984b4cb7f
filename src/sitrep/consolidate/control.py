"""Territorial control: events that move a place from one side to another → a timeline.

Input: consolidated events in the public events JSON (DESIGN.md §7), as stored. Output: for
each place, the changes of control in date order — who took it (or who lost it), since when,
according to whom, and the status of the event behind each change (DESIGN.md §3). Pure.

A capture or retake gives the place to the side of its actors. A withdrawal or a side "driven
out" takes it from the side of its actors and, when the text names who drove them out, gives
it to that side. Events that the text negates or puts in the future or a hypothesis change
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GAIN_MODES = frozenset({"capture", "retake"})
LOSS_TYPES = frozenset({"RETREAT"})
NOT_HAPPENED = frozenset({"negated", "future", "hypothetical"})


@dataclass(frozen=True)
class ControlChange:
    """One change of control of one place."""

    place: str
    geonameid: int | None
    country: str | None
    controller: str | None  # side that holds it after the change (None: not known)
    lost_by: str | None  # side that held it before, when the text says so
    since: dt.date | None
    status: str
    event_id: str
    sources: tuple[str, ...]  # who says so, with their stance


def _sides(actors: Iterable[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(str(a.get("country") or a.get("name")) for a in actors))


def _date(event: Mapping[str, Any]) -> dt.date | None:
    when = event.get("when") or {}
    value = when.get("start") if when.get("resolved") else None
    if value is None and event.get("mentions"):
        value = event["mentions"][0].get("published")
    return dt.date.fromisoformat(str(value)) if value else None


def _happened(event: Mapping[str, Any]) -> bool:
    mentions = event.get("mentions") or []
    return not mentions or any(m.get("modality") not in NOT_HAPPENED for m in mentions)


def change_of(event: Mapping[str, Any]) -> ControlChange | None:
    """The change of control an event states, or None if it states none."""
    place = event.get("place") or {}
    if not place.get("name") or not _happened(event):
        return None
    etype, mode = event.get("event_type"), event.get("mode")
    actors, recipients = _sides(event.get("actors", [])), _sides(event.get("recipients", []))
    if etype == "ASSAULT" and mode in GAIN_MODES:
        controller = actors[0] if actors else None
        lost_by = recipients[0] if recipients else None
    elif etype in LOSS_TYPES:
        lost_by = actors[0] if actors else None
        controller = recipients[0] if recipients else None
    else:
        return None
    if controller is None and lost_by is None:
        return None
    sources = tuple(
        dict.fromkeys(
            f"{(c.get('source') or {}).get('name') or c.get('outlet') or 'outlet'}: {c['stance']}"
            for c in event.get("claims", [])
        )
    )
    return ControlChange(
        place=str(place["name"]),
        geonameid=place.get("geonameid"),
        country=place.get("country"),
        controller=controller,
        lost_by=lost_by,
        since=_date(event),
        status=str(event.get("status")),
        event_id=str(event["event_id"]),
        sources=sources,
    )


def timeline(events: Iterable[Mapping[str, Any]]) -> list[ControlChange]:
    """Every change of control the events state, by place then date."""
    changes = [c for e in events if (c := change_of(e)) is not None]
    return sorted(changes, key=lambda c: (c.place, c.since or dt.date.min, c.event_id))


def holder_at(changes: Sequence[ControlChange], day: dt.date) -> dict[str, ControlChange]:
    """Per place, the latest change on or before `day`."""
    latest: dict[str, ControlChange] = {}
    for c in changes:
        if c.since is not None and c.since <= day:
            latest[c.place] = c
    return latest
