"""POST /articles: text, a page URL or a feed URL → analysed, stored, and what was found.

Uses the same ingest and pipeline functions as `sitrep ingest`; the spaCy pipeline is loaded on
the first write and kept. Writes go one at a time through the server's store.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from sitrep.config import Settings
from sitrep.errors import ArticleError, ConfigError
from sitrep.model import Analysis, Article, Failure

if TYPE_CHECKING:
    from sitrep.pipeline import Resources


class ArticleIn(BaseModel):
    """An article to ingest: `text` (with optional metadata) or a `url` to fetch (a page or
    an RSS/Atom feed, each item's page fetched)."""

    text: str | None = Field(default=None, description="the article text")
    url: str | None = Field(
        default=None, max_length=2000, description="with text: its URL; alone: fetched"
    )
    published: dt.date | None = Field(default=None, description="publication date")
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)


class Analyser:
    """Loads the pipeline once, on first use, and analyses and stores articles."""

    def __init__(self, settings: Settings, resources: Resources | None = None) -> None:
        self.settings = settings
        self._resources = resources
        self._lock = threading.Lock()

    def resources(self) -> Resources:
        with self._lock:
            if self._resources is None:
                from sitrep.pipeline import load_resources

                self._resources = load_resources(self.settings)
            return self._resources

    def load(self, body: ArticleIn) -> list[Article | Failure]:
        """The articles behind one request (fetching the URL when no text is given)."""
        from sitrep.ingest import ArticleMeta, load_source
        from sitrep.ingest.build import build_article
        from sitrep.ingest.sources import Source, is_url

        meta = ArticleMeta(
            published=body.published, outlet=body.outlet, url=body.url, title=body.title
        )
        if body.text is not None:
            return [
                build_article(
                    body.text,
                    meta=meta,
                    settings=self.settings.ingest,
                    source=body.url or "api",
                    input_id=None,
                )
            ]
        if not body.url:
            raise ConfigError("send `text` (and optional metadata) or a `url` to fetch")
        if not is_url(body.url):
            raise ConfigError(f"url: expected an http(s) URL, got {body.url!r}")
        return load_source(Source("url", body.url), settings=self.settings.ingest, meta=meta)


def ingest(analyser: Analyser, store: Any, body: ArticleIn) -> dict[str, Any]:
    """Analyse and store one request's articles; report each one's findings or failure."""
    from sitrep.consolidate.match import match_settings
    from sitrep.pipeline import analyse
    from sitrep.public import analysis_json
    from sitrep.storage.db import known_article_ids, write_batch

    try:
        items = analyser.load(body)
    except ArticleError as exc:
        return {"stored": 0, "articles": [], "failures": [{"source": "api", "reason": str(exc)}]}
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    res = analyser.resources()
    analyses: list[Analysis] = []
    for item in analyse(articles, res, batch_size=analyser.settings.nlp.batch_size):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            analyses.append(item)
    with store.write_lock:
        con = store.connection()
        known = known_article_ids(con, [a.article.article_id for a in analyses])
        stats = write_batch(
            con,
            analyses,
            failures,
            analysed_with=res.analysed_with,
            match=match_settings(analyser.settings.merge),
        )
    return {
        "stored": stats.articles,
        "articles": [
            {**analysis_json(a), "known": a.article.article_id in known} for a in analyses
        ],
        "failures": [{"source": f.source, "reason": f.reason} for f in failures],
    }
