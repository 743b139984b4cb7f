"""Consolidation benchmark: a store of N synthetic events, then M new articles' mentions.

Fills a temporary DuckDB file with N synthetic single-mention events (bulk loaded from CSV,
spread over two years and 2,000 towns of a 600 × 600 km front), then writes M new synthetic
articles through the normal path (`write_batch`: insert, block, match, merge, refresh status),
in transactions of `--batch` articles as `sitrep ingest` does (setting storage.batch_size).
Reports mentions merged per second (wall clock and CPU) and the peak memory of the process.
Target: ≥ 200 mentions/s at N = 100,000.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sitrep.consolidate.match import key_json, key_of
from sitrep.model import (
    Actor,
    Analysis,
    Article,
    Claim,
    Feature,
    Granularity,
    Mention,
    Place,
    Precision,
    Span,
    Stance,
    When,
    content_hash,
    mention_id,
)
from sitrep.public import mention_json
from sitrep.storage.db import open_db, write_batch

DAY0 = dt.date(2024, 1, 1)
TYPES = [
    ("ASSAULT", "drone"), ("ASSAULT", "shelling"), ("ASSAULT", "capture"),
    ("RETREAT", "withdraw"), ("CONSULT", "meet"), ("AID", None), ("PROTEST", "demonstrate"),
]  # fmt: skip
SIDES = [
    Actor(0, 6, "Russia", "Russia", "RUS", "MIL"),
    Actor(0, 7, "Ukraine", "Ukraine", "UKR", "MIL"),
]


def towns(rng: random.Random, n: int = 2000) -> list[tuple[int, float, float]]:
    return [(100_000 + i, 46.0 + rng.random() * 5.4, 32.0 + rng.random() * 8.0) for i in range(n)]


def synthetic(rng: random.Random, towns_: list[tuple[int, float, float]], i: int) -> Analysis:
    """One short article with one event mention."""
    etype, mode = rng.choice(TYPES)
    geonameid, lat, lon = rng.choice(towns_)
    day = DAY0 + dt.timedelta(days=rng.randrange(730))
    actor = rng.choice(SIDES)
    text = f"Report {i}: forces struck near town {geonameid} on {day.isoformat()}, officials said."
    aid = content_hash(text)
    place = Place(0, 4, f"Town {geonameid}", f"Town {geonameid}", geonameid, lat, lon, "UKR",
                  "Region", Feature.CITY, Precision.PLACE, "synthetic")  # fmt: skip
    start = text.index("struck")
    m = Mention(
        mention_id=mention_id(aid, start, start + 6), article_id=aid, start=start,
        end=start + 6, trigger="struck", sentence=Span(0, len(text), text), event_type=etype,
        mode=mode, acled_type=None, acled_subtype=None, confidence=0.8, actors=(actor,),
        place=place, when=When(day, day, Granularity.DAY, "on", day, True, "trigger"),
        claim=Claim(actor, Span(0, 4, "said"), Stance.ASSERT),
    )  # fmt: skip
    article = Article(aid, text, published=day + dt.timedelta(days=1), source=f"synthetic/{i}")
    return Analysis(article=article, mentions=(m,))


def bulk_fill(con: object, folder: Path, analyses: list[Analysis]) -> None:
    """Load articles, mentions and events as if each mention had founded its own event.

    Their `founded_seq` is negative (DuckDB sequences cannot be advanced), so they count as
    founded before every event the benchmark creates through the normal path."""
    now = dt.datetime.now().isoformat(sep=" ")
    files = {name: folder / f"{name}.csv" for name in ("articles", "mentions", "events")}
    with (
        files["articles"].open("w", newline="") as fa,
        files["mentions"].open("w", newline="") as fm,
        files["events"].open("w", newline="") as fe,
    ):
        wa, wm, we = csv.writer(fa), csv.writer(fm), csv.writer(fe)
        for seq, an in enumerate(analyses, 1):
            a, m = an.article, an.mentions[0]
            p, w = m.place, m.when
            assert p is not None and w is not None
            wa.writerow([a.article_id, None, None, "Synthetic", None, a.published, "en", a.source,
                         None, now, "[]", a.text, "{}", "bench"])  # fmt: skip
            wm.writerow([m.mention_id, a.article_id, m.mention_id, m.start, m.end, m.trigger, 0,
                         len(a.text), m.event_type, m.mode, None, None, m.confidence,
                         m.modality.value, "claimed", "Russia", "RUS", "assert", w.start, w.end,
                         True, p.name, p.geonameid, p.lat, p.lon, p.country,
                         json.dumps(mention_json(m)), "place", a.published,
                         key_json(key_of(mention_json(m), a.published))])  # fmt: skip
            we.writerow([m.mention_id, m.event_type, m.mode, None, None, "claimed", w.start,
                         w.end, "day", True, p.name, p.geonameid, p.lat, p.lon, p.country,
                         p.admin1, 1, 1, a.published, now, seq - len(analyses) - 1])  # fmt: skip
    for name, path in files.items():
        con.execute(f"COPY {name} FROM '{path}' (HEADER false)")  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=50, help="articles per transaction")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    towns_ = towns(rng)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        con = open_db(folder / "bench.duckdb")
        t0 = time.perf_counter()
        bulk_fill(con, folder, [synthetic(rng, towns_, i) for i in range(args.events)])
        fill = time.perf_counter() - t0
        new = [synthetic(rng, towns_, args.events + i) for i in range(args.articles)]
        t0, c0 = time.perf_counter(), time.process_time()
        merged_before = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        for i in range(0, len(new), args.batch):
            write_batch(con, new[i : i + args.batch], [], analysed_with="bench")
        spent, cpu = time.perf_counter() - t0, time.process_time() - c0
        events_after = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        con.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    joined = args.articles - (events_after - merged_before)
    print(
        f"store of {args.events:,} events (bulk loaded in {fill:.1f}s); {args.articles:,} new "
        f"articles' mentions consolidated in {spent:.1f}s = "
        f"**{args.articles / spent:,.0f} mentions/s** ({args.articles / cpu:,.0f}/s of CPU "
        f"time; {1000 * spent / args.articles:.1f} ms "
        f"each, {args.batch} articles per transaction as in `sitrep ingest`); {joined} joined "
        f"an existing event; peak memory "
        f"{peak_mb:,.0f} MB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
