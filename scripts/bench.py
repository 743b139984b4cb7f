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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sitrep.config import load_settings
from sitrep.ingest import load_source, plan_sources
from sitrep.model import Article, Span
from sitrep.pipeline import Resources, analyse, load_resources
from sitrep.stages.actors import find_actors
from sitrep.stages.claims import (
    claim_for,
    figures_for,
    find_attributions,
    find_figures,
    find_quotes,
    modality_of,
)
from sitrep.stages.dates import event_when, find_times
from sitrep.stages.extract import find_events
from sitrep.stages.places import event_place, find_places

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]


def stage_times(res: Resources, articles: list[Article], batch: int) -> dict[str, float]:
    """Seconds spent in each stage over already parsed documents (spaCy time excluded)."""
    docs = list(res.nlp.pipe((a.text for a in articles), batch_size=batch))
    spent = {"actors": 0.0, "events": 0.0, "places": 0.0, "dates": 0.0, "claims": 0.0}
    encoder = res.encoder
    if encoder is not None:
        spent["events: sentence encoder"] = 0.0

    def embed(texts: Sequence[str]) -> Any:
        assert encoder is not None
        t0 = time.perf_counter()
        vecs = encoder.encode(texts)
        took = time.perf_counter() - t0
        spent["events: sentence encoder"] += took
        spent["events"] -= took  # inside the timed find_events call: counted apart, not twice
        return vecs

    def timed(stage: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        spent[stage] += time.perf_counter() - t0
        return result

    for doc, article in zip(docs, articles, strict=True):
        actors = timed("actors", find_actors, doc, kb=res.actor_kb)
        places = timed("places", find_places, doc, gazetteer=res.gazetteer, actors=actors)
        times = timed("dates", find_times, doc, anchor=article.published)
        atts = timed("claims", find_attributions, doc, actors=actors)
        timed("claims", find_quotes, doc, attributions=atts, actors=actors)
        figures = timed("claims", find_figures, doc, attributions=atts, actors=actors)
        events = timed(
            "events",
            find_events,
            doc,
            actors=actors,
            places=places,
            kb=res.actor_kb,
            embed=embed if encoder is not None else None,
            embed_sentences=res.encoder_sentences,
        )
        for c in events:
            start, end = c.trigger.start, c.trigger.end
            sent = doc[c.token_i].sent
            sentence = Span(sent.start_char, sent.end_char, sent.text)
            timed("places", event_place, doc, start, end, places)
            timed("dates", event_when, doc, start, end, times, anchor=article.published)
            timed("claims", claim_for, start, end, sentence=sentence, attributions=atts)
            timed("claims", modality_of, doc, c.token_i)
            timed("claims", figures_for, start, end, sentence=sentence, figures=figures)
    return spent


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
    stage_rows = [
        f"| {name} | {secs:.2f} | {100 * secs / bare:.1f}% |"
        for name, secs in stage_times(res, articles, batch).items()
    ]
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
            "",
            "Each stage's own time on the parsed documents, as a share of the spaCy parse "
            "(budgets: dates ≤ 10%, places ≤ 20%, events and actors together ≤ 100%); the "
            "sentence encoder that the event typing reads is shown apart from the rest of the "
            "events stage:",
            "",
            "| stage | seconds | share of parse |",
            "|---|---:|---:|",
            *stage_rows,
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
