"""Raw text + metadata → `Article`: the single place an Article is made during ingest.

Input → output: decoded text and `ArticleMeta` → `Article` whose text is the normalised text and
whose id is its content hash. Raises `ArticleError` for texts too short to analyse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitrep.config import IngestSettings
from sitrep.errors import ArticleError
from sitrep.ingest.meta import NO_DATE_WARNING, ArticleMeta
from sitrep.ingest.text import normalise_text
from sitrep.model import Article, content_hash


def build_article(
    raw_text: str,
    *,
    meta: ArticleMeta,
    settings: IngestSettings,
    source: str,
    input_id: str | None,
    fetched_at: dt.datetime | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """An `Article` of the normalised `raw_text`; `ArticleError` when it is empty or too short."""
    text = normalise_text(raw_text)
    if not text:
        raise ArticleError("empty: no text left after cleaning")
    if len(text) < settings.min_chars:
        raise ArticleError(f"too short: {len(text)} chars < ingest.min_chars {settings.min_chars}")
    notes = list(dict.fromkeys(warnings))
    if meta.published is None:
        notes.append(NO_DATE_WARNING)
    return Article(
        article_id=content_hash(text),
        text=text,
        published=meta.published,
        url=meta.url,
        outlet=meta.outlet,
        title=meta.title,
        source=source,
        input_id=input_id,
        fetched_at=fetched_at,
        warnings=tuple(notes),
    )
