"""The FastAPI app: routers, the error shape, the guards, the web pages and their files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from sitrep import __version__
from sitrep.api import routes_export, routes_read, routes_write
from sitrep.api.errors import install_error_handlers
from sitrep.api.guards import Guard
from sitrep.api.ingest_service import Analyser
from sitrep.api.store import Store
from sitrep.config import Settings

if TYPE_CHECKING:
    from sitrep.pipeline import Resources

DESCRIPTION = (
    "sitrep's event ledger over HTTP: who did what to whom, where, when, and who says so. "
    'Every error is `{"error": {"type", "message"}}`. Writes need `Authorization: Bearer '
    "TOKEN` (setting api.token); reads are served to loopback only unless "
    "api.allow_remote_reads is set."
)


def create_app(
    settings: Settings,
    db_path: str | Path | None = None,
    *,
    resources: Resources | None = None,
) -> FastAPI:
    """The app over the database at `db_path` (default: storage.path).

    `resources` (the loaded pipeline) may be given to share one already loaded; otherwise it
    is loaded on the first POST /articles.
    """
    store = Store(db_path or settings.storage.path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        store.connection()  # take the file now, so that a conflict shows at start-up
        yield
        store.close()

    app = FastAPI(
        title="sitrep",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.analyser = Analyser(settings, resources)
    install_error_handlers(app)
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)
    app.include_router(routes_export.router)
    from sitrep.web import install_web

    install_web(app)
    app.add_middleware(Guard, settings=settings.api)
    return app
