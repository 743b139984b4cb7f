"""Speed benchmark: articles/second of sitrep's extract vs the bare spaCy pipeline.

Reads the bundled examples (or --input files), repeats them to at least --min-articles, and
times, single process: (1) spaCy alone over the texts, (2) sitrep's full analysis (spaCy + every
stage). Prints a Markdown table; --update-docs writes it into docs/benchmarks.md between the
`bench:start` / `bench:end` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import sys
import time
from pathlib import Path

from sitrep.config import load_settings
from sitrep.ingest import load_source, plan_sources
from sitrep.model import Article
from sitrep.pipeline import analyse, load_resources

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", nargs="*", default=[str(ROOT / "examples")])
    parser.add_argument("--min-articles", type=int, default=500)
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()

    settings, _ = load_settings()
    res = load_resources(settings)
    base: list[Article] = []
    for source in plan_sources(args.input):
        base += [a for a in load_source(source, settings=settings.ingest) if isinstance(a, Article)]
    if not base:
        print("no articles to benchmark", file=sys.stderr)
        return 1
    articles = (base * (args.min_articles // len(base) + 1))[: max(args.min_articles, len(base))]
    words = sum(len(a.text.split()) for a in articles)
    batch = settings.nlp.batch_size

    # warm-up: first calls pay for lazy initialisation
    list(analyse(articles[:5], res, batch_size=batch))

    t0 = time.perf_counter()
    for _ in res.nlp.pipe((a.text for a in articles), batch_size=batch):
        pass
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions = 0
    for item in analyse(articles, res, batch_size=batch):
        mentions += len(getattr(item, "mentions", ()))
    full = time.perf_counter() - t0

    n = len(articles)
    table = "\n".join(
        [
            f"Measured {dt.date.today().isoformat()} on {platform.machine()}, "
            f"Python {platform.python_version()}, one process, {n} articles "
            f"({len(base)} examples repeated, {words / n:.0f} words each on average), "
            f"spaCy pipeline `{res.model_name}`, batch size {batch}.",
            "",
            "| run | seconds | articles/s | words/s |",
            "|---|---:|---:|---:|",
            f"| bare spaCy pipeline (`nlp.pipe`) | {bare:.2f} | {n / bare:.1f} | "
            f"{words / bare:,.0f} |",
            f"| sitrep extract (spaCy + all stages) | {full:.2f} | {n / full:.1f} | "
            f"{words / full:,.0f} |",
            f"| **ratio sitrep / bare** | **{full / bare:.2f}** | | |",
            "",
            f"Mentions found per article: {mentions / n:.1f}. Command: `make bench`.",
        ]
    )
    print(table)
    if args.update_docs:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text(encoding="utf-8")
        new, found = re.subn(
            r"<!-- bench:start -->.*?<!-- bench:end -->",
            lambda _: f"<!-- bench:start -->\n{table}\n<!-- bench:end -->",
            text,
            flags=re.S,
        )
        if not found:
            print(f"{doc} has no bench:start/bench:end markers", file=sys.stderr)
            return 1
        doc.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
