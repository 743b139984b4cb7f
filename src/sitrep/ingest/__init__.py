"""Ingest: every source (files, folders, JSONL, HTML, URLs, feeds, stdin) becomes Articles or
recorded Failures. All source I/O of sitrep happens in this package."""

from sitrep.ingest.load import iter_articles, load_source
from sitrep.ingest.meta import ArticleMeta, parse_published
from sitrep.ingest.sources import Source, plan_sources
from sitrep.ingest.text import decode_bytes, normalise_text

__all__ = [
    "ArticleMeta",
    "Source",
    "decode_bytes",
    "iter_articles",
    "load_source",
    "normalise_text",
    "parse_published",
    "plan_sources",
]
