"""Write routes (a bearer token is required; `guards.py` checks it before any route runs)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from sitrep.api.errors import ERROR_SCHEMA
from sitrep.api.ingest_service import ArticleIn, ingest

router = APIRouter(
    responses={400: ERROR_SCHEMA, 401: ERROR_SCHEMA, 413: ERROR_SCHEMA, 422: ERROR_SCHEMA}
)


@router.post("/articles", tags=["articles"], status_code=201)
async def post_article(request: Request, body: ArticleIn) -> dict[str, Any]:
    """Ingest one article (its text) or a URL (a page, or a feed whose items are fetched);
    returns what sitrep found in each, in the `sitrep extract` JSON, and the failures."""
    state = request.app.state
    return await run_in_threadpool(ingest, state.analyser, state.store, body)
