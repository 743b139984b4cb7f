"""Latency of the API over 100,000 synthetic events, on loopback.

Fills a scratch DuckDB with synthetic events (bulk SQL in storage/web_queries.py), serves it
with uvicorn on 127.0.0.1 on a free port, and times a bounded number of requests per case:
`GET /events` (first page) unfiltered and with each single filter, and the map page's data
(`/map/cells` at three zoom levels, `/timeline`). Prints p50/p95 per case and fails (exit 1)
when a p95 is over the budget.

    .venv/bin/python scripts/bench_api.py [--events 100000] [--requests 40] [--budget-ms 150]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.storage.db import open_db
from sitrep.storage.web_queries import synthesise_events

CASES: list[tuple[str, str, dict[str, object]]] = [
    ("events, no filter", "/events", {}),
    ("events, type", "/events", {"type": "ASSAULT"}),
    ("events, actor", "/events", {"actor": "army ukr"}),
    ("events, country", "/events", {"country": "UKR"}),
    ("events, place", "/events", {"place": "Place 12"}),
    ("events, lat/lon + radius", "/events", {"lat": 40, "lon": 35, "radius_km": 100}),
    ("events, since", "/events", {"since": "2025-01-01"}),
    ("events, until", "/events", {"until": "2024-03-01"}),
    ("events, status", "/events", {"status": "claimed"}),
    ("events, bbox", "/events", {"bbox": "30,35,40,45"}),
    ("map cells, zoom 3", "/map/cells", {"zoom": 3, "bbox": "-180,-85,180,85"}),
    ("map cells, zoom 6", "/map/cells", {"zoom": 6, "bbox": "20,30,45,55"}),
    ("map cells, zoom 10", "/map/cells", {"zoom": 10, "bbox": "33,38,35,40"}),
    ("timeline by type", "/timeline", {"by": "type"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="timed requests per case (≤ 500)")
    ap.add_argument("--budget-ms", type=float, default=150.0)
    args = ap.parse_args()
    n_requests = max(5, min(args.requests, 500))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        con = open_db(db)
        synthesise_events(con, args.events)
        con.close()
        print(f"synthesised {args.events:,} events in {time.perf_counter() - started:.1f}s")
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(Settings(), db), host="127.0.0.1", port=port, log_level="warning"
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        failed = []
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                print(f"{'case':<28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  results")
                for name, path, params in CASES:
                    for _ in range(3):  # warm-up
                        client.get(path, params=params).raise_for_status()
                    times = []
                    for _ in range(n_requests):
                        t = time.perf_counter()
                        resp = client.get(path, params=params)
                        times.append((time.perf_counter() - t) * 1000)
                        resp.raise_for_status()
                    body = resp.json()
                    size = body.get("total", body.get("events", len(body.get("days", []))))
                    times.sort()
                    p95 = times[max(0, round(0.95 * len(times)) - 1)]
                    print(
                        f"{name:<28}{statistics.median(times):>9.1f}{p95:>9.1f}"
                        f"{times[-1]:>9.1f}  {size}"
                    )
                    if p95 > args.budget_ms:
                        failed.append(name)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    if failed:
        print(f"over the {args.budget_ms:.0f} ms p95 budget: {', '.join(failed)}")
        return 1
    print(f"every case under the {args.budget_ms:.0f} ms p95 budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
