"""Multi-row inserts: one statement for many rows instead of one per row."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

CHUNK = 200


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]
) -> None:
    """Insert rows into `table` (a fixed name from the storage package, never user input)."""
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        one = "(" + ",".join("?" * len(chunk[0])) + ")"
        con.execute(
            f"INSERT INTO {table} VALUES " + ",".join([one] * len(chunk)),
            [v for row in chunk for v in row],
        )
