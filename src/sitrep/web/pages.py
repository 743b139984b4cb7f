"""Page routes and the files they need (own CSS/JS, and Leaflet + world-atlas from npm)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sitrep.api.deps import reader
from sitrep.api.errors import ApiError
from sitrep.model import Status
from sitrep.storage.db import Connection
from sitrep.storage.queries import SORTS, EventFilter, article_text
from sitrep.storage.web_queries import (
    article_detail,
    event_detail,
    list_articles,
    page_events,
    stats,
)
from sitrep.web.highlight import article_marks, context_window, segments

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "node_modules"
VENDOR_DIRS = {
    "leaflet": VENDOR / "leaflet" / "dist",
    "world-atlas": VENDOR / "world-atlas",
    "topojson-client": VENDOR / "topojson-client" / "dist",
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
Db = Annotated[Connection, Depends(reader)]
Id = Annotated[str, PathParam(max_length=128)]


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (no javascript: or data: links)."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else None


templates.env.filters["safe_url"] = safe_url


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, db: Db) -> HTMLResponse:
    """Map of events with a filter panel and the timeline below."""
    counts = stats(db)
    return _page(
        request,
        "map.html",
        types=sorted(counts["by_type"]),
        statuses=[s.value for s in Status],
        sorts=list(SORTS),
        query=dict(request.query_params),
        vendor_ok=all(p.is_dir() for p in VENDOR_DIRS.values()),
        total=counts["events"],
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, db: Db, page: int = 0) -> HTMLResponse:
    """Claimed and disputed events, newest first, with who claims and who responded."""
    page = max(0, min(page, 10_000))
    flt = EventFilter(
        statuses=("claimed", "disputed"), sort="published", limit=50, offset=page * 50
    )
    events, total = page_events(db, flt)
    return _page(request, "claims.html", events=events, total=total, page=page)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, db: Db, event_id: Id) -> HTMLResponse:
    """One event: status history, each mention's sentence in context, links to articles."""
    event = event_detail(db, event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    texts: dict[str, str] = {}
    for m in event["mentions"]:
        if m["article_id"] not in texts:
            texts[m["article_id"]] = article_text(db, m["article_id"]) or ""
    contexts = []
    for m in event["mentions"]:
        text = texts[m["article_id"]]
        s = m["sentence"]
        lead, sentence, tail = context_window(text, s["start"], s["end"])
        rel_s, rel_e = m["start"] - s["start"], m["end"] - s["start"]
        contexts.append(
            {
                "mention": m,
                "lead": lead,
                "before": sentence[:rel_s],
                "trigger": sentence[rel_s:rel_e],
                "after": sentence[rel_e:],
                "tail": tail,
            }
        )
    return _page(request, "event.html", event=event, contexts=contexts)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, db: Db, article_id: Id) -> HTMLResponse:
    """One article with its events, actors, places, dates and quotes highlighted and linked."""
    article = article_detail(db, article_id)
    if article is None:
        raise ApiError(404, f"no article {article_id!r}")
    return _page(
        request,
        "article.html",
        article=article,
        segments=segments(article["text"], article_marks(article)),
    )


@router.get("/sources", response_class=HTMLResponse)
def articles_page(request: Request, db: Db, page: int = 0) -> HTMLResponse:
    """The stored articles, newest first."""
    page = max(0, min(page, 10_000))
    return _page(
        request, "articles.html", articles=list_articles(db, limit=50, offset=page * 50), page=page
    )


def install_web(app: FastAPI) -> None:
    """Mount the pages, the static files and the vendored front-end packages."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for name, folder in VENDOR_DIRS.items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=str(folder), check_dir=False), name=name)
