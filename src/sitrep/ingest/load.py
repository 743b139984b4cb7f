"""Sources → Articles or recorded Failures; the entry points the CLI calls.

Input → output: `Source` (or command-line inputs) → `Article | Failure`. A problem with one input
never raises: it becomes `Failure(source, reason, stage="ingest")`. Usage errors (a missing path)
raise `ConfigError` while planning; programming errors propagate.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from sitrep.config import IngestSettings
from sitrep.errors import ArticleError
from sitrep.ingest.files import load_file, load_stdin
from sitrep.ingest.meta import NO_DATE_WARNING, ArticleMeta
from sitrep.ingest.sources import Source, plan_sources
from sitrep.ingest.web import load_url, new_client
from sitrep.model import Article, Failure

log = logging.getLogger(__name__)


def load_source(
    source: Source,
    *,
    settings: IngestSettings,
    meta: ArticleMeta | None = None,
    client: httpx.Client | None = None,
) -> list[Article | Failure]:
    """The articles of one source; each per-input problem is returned as a `Failure`."""
    try:
        return _load(source, settings=settings, meta=meta, client=client)
    except ArticleError as exc:
        log.debug("ingest failed for %s: %s", source, exc)
        return [Failure(source=str(source), reason=str(exc), stage="ingest")]


def _load(
    source: Source,
    *,
    settings: IngestSettings,
    meta: ArticleMeta | None,
    client: httpx.Client | None,
) -> list[Article | Failure]:
    """`load_source` without the conversion of `ArticleError` to `Failure`."""
    if source.kind == "stdin":
        return load_stdin(settings=settings, meta=meta)
    if source.kind == "url":
        if client is not None:
            return load_url(source.location, settings=settings, meta=meta, client=client)
        with new_client(settings) as own:
            return load_url(source.location, settings=settings, meta=meta, client=own)
    return load_file(Path(source.location), source.format or "txt", settings=settings, meta=meta)


def iter_articles(
    inputs: Sequence[str],
    *,
    settings: IngestSettings,
    meta: ArticleMeta | None = None,
) -> Iterator[Article | Failure]:
    """Every article (or failure) behind the command-line `inputs`, in order."""
    sources = plan_sources(inputs)
    counts = {"articles": 0, "failures": 0, "undated": 0}
    with contextlib.ExitStack() as stack:
        client = None
        if any(s.kind == "url" for s in sources):
            client = stack.enter_context(new_client(settings))
        for source in sources:
            for item in load_source(source, settings=settings, meta=meta, client=client):
                _count(item, counts)
                yield item
    _log_summary(counts)


def _count(item: Article | Failure, counts: dict[str, int]) -> None:
    """Tally one result for the end-of-run summary."""
    if isinstance(item, Failure):
        counts["failures"] += 1
        return
    counts["articles"] += 1
    if NO_DATE_WARNING in item.warnings:
        counts["undated"] += 1


def _log_summary(counts: dict[str, int]) -> None:
    """One log line per run: how many articles, failures and undated articles."""
    log.info("ingest: %(articles)d articles, %(failures)d failures", counts)
    if counts["undated"]:
        log.warning(
            "ingest: %d articles without a publication date (relative dates stay unresolved)",
            counts["undated"],
        )
