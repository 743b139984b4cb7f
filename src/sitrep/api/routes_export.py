"""GET /export: the selected events in one of the export formats (bounded)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from sitrep.api.deps import reader
from sitrep.api.errors import ERROR_SCHEMA
from sitrep.api.params import Selection, selection
from sitrep.export import MEDIA_TYPES, SUFFIXES, export_bytes, iter_events
from sitrep.storage.db import Connection

router = APIRouter(responses={400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 422: ERROR_SCHEMA})
MAX_EXPORT = 100_000
ExportFormat = Literal["csv", "jsonl", "parquet", "geojson", "plover", "acled"]


@router.get(
    "/export",
    tags=["export"],
    response_class=Response,
    responses={200: {"content": {t: {} for t in set(MEDIA_TYPES.values())}}},
)
def export(
    db: Annotated[Connection, Depends(reader)],
    sel: Annotated[Selection, Depends(selection)],
    format: Annotated[ExportFormat, Query(description="export format")] = "jsonl",
    max_events: Annotated[
        int, Query(ge=1, le=MAX_EXPORT, description="at most this many events (limit is ignored)")
    ] = 10_000,
) -> Response:
    """The events matching the filters of `GET /events`, as a file to download."""
    data = export_bytes(iter_events(db, sel.filter, sel.bbox, limit=max_events), format)
    return Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="sitrep-events.{SUFFIXES[format]}"'},
    )
