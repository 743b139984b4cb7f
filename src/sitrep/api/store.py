"""The server's hold on the database: one DuckDB connection for the life of the server.

DuckDB lets one process open a file for writing, and a writer excludes every other process,
readers included. So the server is the single owner of its file while it runs: each request
reads through its own cursor of that connection, writes (POST /articles) go through it one at a
time, and `sitrep ingest` on the same file fails at once with a message naming `sitrep serve`
(post the articles to the server instead, or stop it). See docs/api.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitrep.storage.db import Connection, open_db


class Store:
    """One open database, handed out as cursors; writes serialised by a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._con: Connection | None = None
        self._open_lock = threading.Lock()
        self.write_lock = threading.Lock()

    def connection(self) -> Connection:
        """The shared connection, opened (and migrated) on first use."""
        with self._open_lock:
            if self._con is None:
                self._con = open_db(self.path)
            return self._con

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A cursor of its own for one request."""
        cur = self.connection().cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        """Release the file (the server is stopping)."""
        with self._open_lock:
            if self._con is not None:
                self._con.close()
                self._con = None
