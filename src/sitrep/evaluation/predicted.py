"""Tolerant readers of sitrep's per-document JSON (DESIGN.md §7) for the scorers: a missing or
malformed field reads as "nothing predicted", never as an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sitrep.evaluation.metrics import Span

EMPTY: dict[str, Any] = {
    "places": [],
    "times": [],
    "quotes": [],
    "attributions": [],
    "mentions": [],
}


def items(pred: Mapping[str, Any] | None, field: str) -> list[dict[str, Any]]:
    """The list `field` of a predicted document, keeping only dict entries."""
    if not pred:
        return []
    value = pred.get(field)
    if not isinstance(value, list):
        return []
    return [x for x in value if isinstance(x, dict)]


def span_of(obj: Mapping[str, Any] | None) -> Span | None:
    """The (start, end) of an object with integer offsets, or None."""
    if not isinstance(obj, Mapping):
        return None
    start, end = obj.get("start"), obj.get("end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return (start, end)
    return None


def confidence(mention: Mapping[str, Any]) -> float:
    """A mention's confidence as a float (0.0 when absent)."""
    value = mention.get("confidence")
    return float(value) if isinstance(value, int | float) else 0.0


def main_mention(pred: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The document's main mention: highest confidence, the earliest on ties; None if none."""
    best: dict[str, Any] | None = None
    for mention in items(pred, "mentions"):
        if best is None or confidence(mention) > confidence(best):
            best = mention
    return best


def coords(obj: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(lat, lon) of a place-like object, or None."""
    if not isinstance(obj, Mapping):
        return None
    lat, lon = obj.get("lat"), obj.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return (float(lat), float(lon))
    return None


def parse_date(value: Any) -> dt.date | None:
    """The date of an ISO 8601 date or datetime string (its first 10 characters), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def actors_of(pred: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Every actor and recipient of every mention, in document order of the mentions."""
    found: list[dict[str, Any]] = []
    for mention in items(pred, "mentions"):
        for role in ("actors", "recipients"):
            found.extend(a for a in mention.get(role) or [] if isinstance(a, dict))
    return found
