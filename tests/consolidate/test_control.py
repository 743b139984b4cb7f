"""Territorial control timeline from consolidated events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.consolidate.control import change_of, holder_at, timeline


def event(
    eid: str,
    etype: str,
    mode: str | None,
    actors: list[str],
    recipients: list[str],
    day: str,
    *,
    status: str = "claimed",
    modality: str = "asserted",
    place: str = "Mala Tokmachka",
) -> dict[str, Any]:
    return {
        "event_id": eid, "event_type": etype, "mode": mode, "status": status,
        "actors": [{"name": a, "country": a} for a in actors],
        "recipients": [{"name": r, "country": r} for r in recipients],
        "place": {"name": place, "geonameid": 1, "country": "UKR"},
        "when": {"start": day, "end": day, "resolved": True},
        "claims": [{"source": {"name": "Russian MoD"}, "stance": "assert"}],
        "mentions": [{"modality": modality, "published": day}],
    }  # fmt: skip


def test_capture_gives_the_place_to_the_actor() -> None:
    c = change_of(event("e1", "ASSAULT", "capture", ["RUS"], ["UKR"], "2025-06-09"))
    assert c is not None and (c.controller, c.lost_by) == ("RUS", "UKR")
    assert c.since == dt.date(2025, 6, 9) and c.sources == ("Russian MoD: assert",)


def test_withdrawal_takes_it_from_the_actor() -> None:
    c = change_of(event("e2", "RETREAT", "withdraw", ["UKR"], [], "2025-06-14"))
    assert c is not None and (c.controller, c.lost_by) == (None, "UKR")


def test_strikes_and_unhappened_events_change_nothing() -> None:
    assert change_of(event("e3", "ASSAULT", "drone", ["RUS"], [], "2025-06-09")) is None
    future = event("e4", "ASSAULT", "retake", ["RUS"], [], "2025-06-09", modality="future")
    assert change_of(future) is None


def test_timeline_and_holder_at_a_date() -> None:
    events = [
        event("b", "ASSAULT", "retake", ["UKR"], ["RUS"], "2025-07-01"),
        event("a", "ASSAULT", "capture", ["RUS"], ["UKR"], "2025-06-09"),
        event("c", "ASSAULT", "capture", ["RUS"], [], "2025-06-20", place="Orikhiv"),
    ]
    changes = timeline(events)
    assert [c.event_id for c in changes] == ["a", "b", "c"]
    june = holder_at(changes, dt.date(2025, 6, 30))
    assert june["Mala Tokmachka"].controller == "RUS" and june["Orikhiv"].controller == "RUS"
    assert holder_at(changes, dt.date(2025, 7, 2))["Mala Tokmachka"].controller == "UKR"
