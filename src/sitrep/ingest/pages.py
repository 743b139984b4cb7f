"""HTML page → main text and page metadata, with trafilatura.

Input → output: an HTML string → `(text, ArticleMeta)`. The publication date comes only from the
page's metadata (meta tags, JSON-LD, <time>, URL), never from dates in the body text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from urllib.parse import urlsplit

import trafilatura

from sitrep.errors import ArticleError
from sitrep.ingest.meta import ArticleMeta, parse_published

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def extract_page(html: str, *, url: str | None = None) -> tuple[str, ArticleMeta]:
    """The main text of an HTML page and its title, date, site name and canonical URL; the outlet
    is left None when the page does not name itself (see `host_outlet`)."""
    if "<" not in html:
        raise ArticleError("unparsable HTML: no markup found")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_date_params(),
        )
    except (ValueError, TypeError) as exc:
        raise ArticleError(f"unparsable HTML: {exc}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        raise ArticleError("no main text found in the HTML page")
    page_url = getattr(doc, "url", None) or None
    sitename = getattr(doc, "sitename", None) or None
    meta = ArticleMeta(
        published=parse_published(getattr(doc, "date", None)),
        outlet=None if sitename == host_outlet(page_url) else sitename,
        url=page_url,
        title=getattr(doc, "title", None) or None,
    )
    return text, meta


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML document declares in a `<meta charset>` near its start, if any."""
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def host_outlet(url: str | None) -> str | None:
    """The host name of a URL without `www.`, as an outlet of last resort."""
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    return re.sub(r"^(www|w\d+)\.", "", host) or None


def _date_params() -> dict[str, object]:
    """htmldate options: the original publication date from metadata only."""
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }
