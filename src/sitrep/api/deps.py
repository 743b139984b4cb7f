"""Dependencies the routes share: a read cursor of the server's store."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from sitrep.storage.db import Connection


def reader(request: Request) -> Iterator[Connection]:
    """A cursor of the server's connection for this request."""
    with request.app.state.store.read() as cur:
        yield cur
