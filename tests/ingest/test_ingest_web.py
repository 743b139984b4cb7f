"""URLs and feeds against a real HTTP server on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import httpx
from ingest_samples import Server

from sitrep.config import IngestSettings
from sitrep.ingest import ArticleMeta, Source, iter_articles, load_source
from sitrep.model import Article, Failure


def _load(url: str, settings: IngestSettings, **kwargs: object) -> list[Article | Failure]:
    return load_source(Source("url", url), settings=settings, **kwargs)  # type: ignore[arg-type]


def _failure(results: list[Article | Failure]) -> Failure:
    [result] = results
    assert isinstance(result, Failure), result
    assert result.stage == "ingest"
    return result


def test_html_page(server: Server, settings: IngestSettings) -> None:
    [article] = _load(server.url("/article"), settings)
    assert isinstance(article, Article)
    assert "pulled back from positions" in article.text
    assert article.title == "Ukraine says troops pulled back from Sudzha"
    assert article.outlet == "Frontline Wire"
    assert article.published == dt.date(2025, 3, 13)
    assert article.url == "https://frontline.example/2025/03/13/sudzha-withdrawal"
    assert article.source == server.url("/article")
    assert article.input_id == server.url("/article")
    assert isinstance(article.fetched_at, dt.datetime)
    assert article.fetched_at.tzinfo is not None
    assert settings.user_agent in server.agents


def test_page_without_canonical_url_uses_final_url(server: Server, settings) -> None:
    [article] = _load(server.url("/redirect"), settings)
    assert isinstance(article, Article)
    assert article.source == server.url("/redirect")
    [plain] = _load(server.url("/article2"), settings)
    assert isinstance(plain, Article) and plain.url == server.url("/article2")
    assert plain.published is None


def test_flags_win_over_page(server: Server, settings) -> None:
    meta = ArticleMeta(published=dt.date(2025, 3, 12), title="Flag title")
    [article] = _load(server.url("/article"), settings, meta=meta)
    assert isinstance(article, Article)
    assert article.published == dt.date(2025, 3, 12)
    assert article.title == "Flag title"
    assert article.outlet == "Frontline Wire"


def test_rss_feed_items_fetched_one_failing(server: Server, settings) -> None:
    results = _load(server.url("/rss"), settings)
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    first, missing, third = results
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.source == server.url("/article")
    assert first.published == dt.date(2025, 3, 13)
    assert first.outlet == "Frontline Wire"  # the page's site name beats the feed title
    assert third.published == dt.date(2025, 3, 11)
    assert third.title == "Ministers meet in Riyadh"  # the feed item's title beats the page's
    assert third.outlet == "Frontline Wire — World"  # no site name on the page: the feed's
    assert isinstance(missing, Failure)
    assert missing.source == server.url("/missing")
    assert missing.reason.startswith("HTTP 404 Not Found")
    assert server.url("/rss") in missing.reason


def test_feed_detected_by_content_when_served_as_text(server: Server, settings) -> None:
    results = _load(server.url("/rss-as-text"), settings)
    assert len(results) == 3


def test_feed_item_limit(server: Server, settings) -> None:
    results = _load(server.url("/rss"), dataclasses.replace(settings, max_feed_items=1))
    assert len(results) == 1 and isinstance(results[0], Article)


def test_atom_feed(server: Server, settings) -> None:
    [article] = _load(server.url("/atom"), settings)
    assert isinstance(article, Article)
    assert article.title == "Riyadh talks on Black Sea truce"
    assert article.published == dt.date(2025, 3, 11)
    assert article.source == server.url("/article2")


def test_http_500(server: Server, settings) -> None:
    failure = _failure(_load(server.url("/error"), settings))
    assert failure.reason == "HTTP 500 Internal Server Error"
    assert failure.source == server.url("/error")


def test_http_404(server: Server, settings) -> None:
    assert _failure(_load(server.url("/nowhere"), settings)).reason == "HTTP 404 Not Found"


def test_broken_feed(server: Server, settings) -> None:
    reason = _failure(_load(server.url("/broken-feed"), settings)).reason
    assert reason.startswith("not a valid RSS/Atom feed: ")


def test_slow_endpoint_times_out(server: Server) -> None:
    settings = IngestSettings(timeout_s=0.2)
    assert _failure(_load(server.url("/slow"), settings)).reason == "timed out after 0.2s"


def test_connection_refused(settings) -> None:
    reason = _failure(_load("http://127.0.0.1:9/article", settings)).reason
    assert reason.startswith("connection failed")


def test_page_too_short(server: Server, settings) -> None:
    reason = _failure(_load(server.url("/tiny"), settings)).reason
    assert "too short" in reason or "no main text" in reason


def test_response_over_max_bytes(server: Server) -> None:
    reason = _failure(_load(server.url("/article"), IngestSettings(max_bytes=500))).reason
    assert reason.startswith("huge: ") and reason.endswith("> ingest.max_bytes 0.0 MB")


def test_shared_client_and_iter_articles(server: Server, settings) -> None:
    with httpx.Client() as client:
        [article] = _load(server.url("/article"), settings, client=client)
    assert isinstance(article, Article)
    results = list(iter_articles([server.url("/article"), server.url("/error")], settings=settings))
    assert [type(r).__name__ for r in results] == ["Article", "Failure"]
    assert isinstance(results[0], Article)
    assert results[0].article_id == article.article_id


def test_plain_text_url(server: Server, settings) -> None:
    [article] = _load(server.url("/plain"), settings)
    assert isinstance(article, Article)
    assert article.text.startswith("Ukraine’s general staff said")
    assert article.url == server.url("/plain")
    assert article.outlet == server.base.removeprefix("http://")
