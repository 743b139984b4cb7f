"""http(s) URLs → Articles: web pages through trafilatura, RSS/Atom feeds item by item.

Input → output: a URL and an `httpx.Client` → `list[Article | Failure]`. Network problems, HTTP
errors and broken feeds raise `ArticleError` with a one-line reason for the whole URL; a feed item
whose page fails is one `Failure` and the other items go on.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import feedparser
import httpx

from sitrep.config import IngestSettings
from sitrep.errors import ArticleError
from sitrep.ingest.build import build_article
from sitrep.ingest.meta import ArticleMeta, merge_meta, parse_published
from sitrep.ingest.pages import declared_charset, extract_page, host_outlet
from sitrep.ingest.text import check_size, decode_bytes, huge_reason
from sitrep.model import Article, Failure

log = logging.getLogger(__name__)

FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True)
class Fetched:
    """The body of an HTTP response and what is needed to read it."""

    url: str  # final URL, after redirects
    content: bytes
    content_type: str  # media type, lower case, no parameters
    charset: str | None
    fetched_at: dt.datetime


def new_client(settings: IngestSettings) -> httpx.Client:
    """An HTTP client with the timeout and User-Agent of the settings, following redirects."""
    return httpx.Client(
        timeout=settings.timeout_s,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=True,
    )


def load_url(
    url: str,
    *,
    settings: IngestSettings,
    meta: ArticleMeta | None,
    client: httpx.Client,
) -> list[Article | Failure]:
    """The article of a web page, or one article (or failure) per item of a feed."""
    fetched = fetch(url, settings=settings, client=client)
    if looks_like_feed(fetched):
        return load_feed(fetched, settings=settings, meta=meta, client=client)
    return [page_article(fetched, source=url, settings=settings, layers=(meta,))]


def fetch(url: str, *, settings: IngestSettings, client: httpx.Client) -> Fetched:
    """GET `url` and read its body up to `ingest.max_bytes`; `ArticleError` on any failure."""
    try:
        with client.stream(
            "GET",
            url,
            timeout=settings.timeout_s,
            headers={"User-Agent": settings.user_agent},
            follow_redirects=True,
        ) as response:
            _check_status(response)
            content = _read_body(response, settings.max_bytes)
            final_url = str(response.url)
            content_type = response.headers.get("content-type", "")
            charset = response.charset_encoding
    except httpx.TimeoutException:
        raise ArticleError(f"timed out after {settings.timeout_s:g}s") from None
    except httpx.ConnectError as exc:
        raise ArticleError(f"connection failed: {exc}") from None
    except httpx.TooManyRedirects:
        raise ArticleError("too many redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ArticleError(f"request failed: {type(exc).__name__}: {exc}") from None
    media_type = content_type.split(";", 1)[0].strip().lower()
    now = dt.datetime.now(dt.UTC)
    return Fetched(final_url, content, media_type, charset, now)


def _check_status(response: httpx.Response) -> None:
    """`ArticleError` "HTTP 404 Not Found" for an error status."""
    if response.status_code >= 400:
        phrase = response.reason_phrase or ""
        raise ArticleError(f"HTTP {response.status_code} {phrase}".strip())


def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The response body, `ArticleError` as soon as it is over `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit():
        check_size(int(declared), max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise ArticleError(huge_reason(None, max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def looks_like_feed(fetched: Fetched) -> bool:
    """Whether a response is an RSS/Atom feed, by its content type or its root element."""
    if fetched.content_type in FEED_CONTENT_TYPES:
        return True
    head = fetched.content[:1024].lstrip().lower()
    if head.startswith(b"<?xml"):
        return any(root in head for root in _FEED_ROOTS)
    return head.startswith(_FEED_ROOTS)


def page_article(
    fetched: Fetched,
    *,
    source: str,
    settings: IngestSettings,
    layers: tuple[ArticleMeta | None, ...],
    fallback: ArticleMeta | None = None,
) -> Article:
    """The article of a fetched HTML page (or plain-text document); `layers` of metadata win
    over the page's own, which wins over `fallback`."""
    declared = fetched.charset or declared_charset(fetched.content)
    text, warnings = decode_bytes(fetched.content, declared=declared)
    page: ArticleMeta | None = None
    if fetched.content_type != "text/plain":
        text, page = extract_page(text, url=fetched.url)
    meta = merge_meta(*layers, page, fallback, ArticleMeta(url=fetched.url))
    return build_article(
        text,
        meta=merge_meta(meta, ArticleMeta(outlet=host_outlet(meta.url))),
        settings=settings,
        source=source,
        input_id=source,
        fetched_at=fetched.fetched_at,
        warnings=warnings,
    )


def load_feed(
    fetched: Fetched,
    *,
    settings: IngestSettings,
    meta: ArticleMeta | None,
    client: httpx.Client,
) -> list[Article | Failure]:
    """One article (or failure) per item of a feed, at most `ingest.max_feed_items`."""
    feed = parse_feed(fetched.content)
    entries = list(feed.entries)
    if not entries:
        raise ArticleError("feed has no items")
    if len(entries) > settings.max_feed_items:
        log.info(
            "feed %s: taking %d of %d items (ingest.max_feed_items)",
            fetched.url,
            settings.max_feed_items,
            len(entries),
        )
    outlet = ArticleMeta(outlet=_clean(feed.feed.get("title")))
    return [
        _feed_item(
            entry, fetched.url, settings=settings, layers=(meta,), outlet=outlet, client=client
        )
        for entry in entries[: settings.max_feed_items]
    ]


def parse_feed(content: bytes) -> Any:
    """The parsed feed; `ArticleError` "not a valid RSS/Atom feed: ..." when it is not one."""
    feed = feedparser.parse(content)
    if feed.get("version") and (feed.entries or not feed.get("bozo")):
        return feed
    if feed.entries:
        log.debug("feed parsed leniently: %s", feed.get("bozo_exception"))
        return feed
    problem = feed.get("bozo_exception") or "no RSS or Atom root element"
    detail = " ".join(str(problem).split())[:200]
    raise ArticleError(f"not a valid RSS/Atom feed: {detail}")


def _feed_item(
    entry: Any,
    feed_url: str,
    *,
    settings: IngestSettings,
    layers: tuple[ArticleMeta | None, ...],
    outlet: ArticleMeta,
    client: httpx.Client,
) -> Article | Failure:
    """The article behind one feed item, or a `Failure` naming the item and the feed."""
    link = _clean(entry.get("link"))
    if not link:
        title = _clean(entry.get("title")) or "untitled"
        return Failure(source=feed_url, reason=f"feed item {title!r} has no link")
    item_meta = ArticleMeta(published=_entry_published(entry), title=_clean(entry.get("title")))
    try:
        fetched = fetch(link, settings=settings, client=client)
        return page_article(
            fetched, source=link, settings=settings, layers=(*layers, item_meta), fallback=outlet
        )
    except ArticleError as exc:
        return Failure(source=link, reason=f"{exc} (item of feed {feed_url})")


def _entry_published(entry: Any) -> dt.date | None:
    """The publication date of a feed item: its published (or updated) date as written."""
    for key in ("published", "updated"):
        found = parse_published(entry.get(key))
        if found is not None:
            return found
        found = parse_published(entry.get(f"{key}_parsed"))
        if found is not None:
            return found
    return None


def _clean(value: object) -> str | None:
    """A non-empty single-line string, else None."""
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
