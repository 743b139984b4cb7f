"""Read routes: events (list, one), articles, stats, map clusters, timeline."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from sitrep.api.deps import reader
from sitrep.api.errors import ERROR_SCHEMA, ApiError
from sitrep.api.params import Selection, selection
from sitrep.consolidate.control import timeline as control_timeline
from sitrep.storage.db import Connection
from sitrep.storage.queries import territorial_events
from sitrep.storage.web_queries import (
    article_detail,
    event_detail,
    map_cells,
    page_events,
    stats,
    timeline,
)

router = APIRouter(responses={400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 422: ERROR_SCHEMA})
Db = Annotated[Connection, Depends(reader)]
Sel = Annotated[Selection, Depends(selection)]
Id = Annotated[str, Path(max_length=128)]


@router.get("/events", tags=["events"])
def list_events(db: Db, sel: Sel) -> dict[str, Any]:
    """Events matching the filters of `sitrep events`, one page at a time, newest first."""
    events, total = page_events(db, sel.filter, sel.bbox)
    return {
        "total": total,
        "limit": sel.filter.limit,
        "offset": sel.filter.offset,
        "events": events,
    }


@router.get("/events/{event_id}", tags=["events"], responses={404: ERROR_SCHEMA})
def get_event(db: Db, event_id: Id) -> dict[str, Any]:
    """One event: typing, actors, place, date, status, claims, status history and mentions."""
    event = event_detail(db, event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    return event


@router.get("/articles/{article_id}", tags=["articles"], responses={404: ERROR_SCHEMA})
def get_article(db: Db, article_id: Id) -> dict[str, Any]:
    """One article: its text, and the places, times, quotes, attributions and event mentions
    sitrep found in it, each with offsets into the text."""
    article = article_detail(db, article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}")
    return article


@router.get("/stats", tags=["stats"])
def get_stats(db: Db) -> dict[str, Any]:
    """Counts of events by day, type, status and country."""
    return stats(db)


@router.get("/map/cells", tags=["map"])
def get_map_cells(db: Db, sel: Sel, zoom: Annotated[int, Query(ge=0, le=18)] = 3) -> dict[str, Any]:
    """The map's data: matching events clustered on a grid fitted to the zoom level."""
    return map_cells(db, sel.filter, sel.bbox, zoom=zoom)


@router.get("/timeline", tags=["map"])
def get_timeline(
    db: Db, sel: Sel, by: Annotated[Literal["type", "status"], Query()] = "type"
) -> dict[str, Any]:
    """Matching events per day, split by type or status."""
    return {"by": by, "days": timeline(db, sel.filter, sel.bbox, by=by)}


@router.get("/places/{geonameid}/control", tags=["places"])
def place_control(db: Db, geonameid: int) -> dict[str, Any]:
    """Territorial control timeline of a place: each change, since when, according to whom."""
    changes = control_timeline(territorial_events(db, geonameid=geonameid))
    return {"geonameid": geonameid, "changes": [dataclasses.asdict(c) for c in changes]}
