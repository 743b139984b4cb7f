"""Query parameters shared by the event listing, the map, the timeline and the export: the
filters of `sitrep events` plus a bounding box, turned into `EventFilter` and `BBox`."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Query, Request

from sitrep.api.errors import ApiError
from sitrep.model import Status
from sitrep.storage.queries import EventFilter
from sitrep.storage.web_queries import BBox

StatusName = Literal["reported", "claimed", "confirmed", "denied", "disputed"]
SortName = Literal["date", "published", "mentions"]
_gaz_lock = threading.Lock()


@dataclass(frozen=True)
class Selection:
    """What a request selects: the filter (with paging) and an optional box."""

    filter: EventFilter
    bbox: BBox | None


def _near(
    request: Request,
    place: str | None,
    radius_km: float | None,
    lat: float | None,
    lon: float | None,
) -> tuple[float, float, float] | None:
    if radius_km is None:
        if lat is not None or lon is not None:
            raise ApiError(400, "lat and lon need radius_km")
        return None
    if lat is not None and lon is not None:
        return (lat, lon, radius_km)
    if not place:
        raise ApiError(400, "radius_km needs place, or lat and lon")
    with _gaz_lock:
        gaz = getattr(request.app.state, "gazetteer", None)
        if gaz is None:
            from sitrep.knowledge.gazetteer import ensure_gazetteer

            gaz = ensure_gazetteer(Path(request.app.state.settings.knowledge.dir))
            request.app.state.gazetteer = gaz
    from sitrep.knowledge.gazetteer import resolve_place_name

    entry = resolve_place_name(place, gaz)
    if entry is None or entry.lat is None or entry.lon is None:
        raise ApiError(400, f"place {place!r} is not in the gazetteer; try another spelling")
    return (entry.lat, entry.lon, radius_km)


def selection(
    request: Request,
    type: Annotated[list[str] | None, Query(description="PLOVER type (repeatable)")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor name contains")] = None,
    country: Annotated[
        str | None, Query(max_length=8, description="ISO alpha-3 of an actor or the place")
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name contains")] = None,
    radius_km: Annotated[
        float | None, Query(gt=0, le=20000, description="with place, or lat+lon: radius")
    ] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    since: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
    status: Annotated[
        list[StatusName] | None, Query(description="claim status (repeatable)")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, description="west,south,east,north (WGS84)")
    ] = None,
    limit: Annotated[int, Query(ge=0, description="page size (≤ api.max_page_size)")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Annotated[SortName, Query()] = "date",
) -> Selection:
    """The selection of one request, validated."""
    max_page = request.app.state.settings.api.max_page_size
    if limit > max_page:
        raise ApiError(422, f"limit must be ≤ {max_page} (api.max_page_size), got {limit}")
    types = tuple(t for t in (type or ()) if t.strip())
    if any(len(t) > 40 for t in types) or len(types) > 50:
        raise ApiError(422, "type: at most 50 values of at most 40 characters")
    valid = {s.value for s in Status}
    statuses = tuple(s for s in (status or ()) if s in valid)
    flt = EventFilter(
        types=types,
        actor=actor or None,
        country=country or None,
        place=place or None,
        near=_near(request, place, radius_km, lat, lon),
        since=since,
        until=until,
        statuses=statuses,
        limit=limit,
        offset=offset,
        sort=sort,
    )
    return Selection(flt, BBox.parse(bbox) if bbox else None)
