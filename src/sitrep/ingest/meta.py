"""Article metadata from flags, sidecars, JSONL fields, feeds and pages, and publication dates.

Input → output: raw values (strings, mappings) → `ArticleMeta` and `datetime.date`. It never
guesses a date that the source does not state (no file mtimes, no dates from the body text).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

log = logging.getLogger(__name__)

NO_DATE_WARNING = "no publication date: relative dates stay unresolved"

_TEXT_DATE_FORMATS = (
    "%B %d, %Y",  # March 13, 2025
    "%b %d, %Y",  # Mar 13, 2025
    "%b. %d, %Y",  # Mar. 13, 2025
    "%B %d %Y",  # March 13 2025
    "%d %B %Y",  # 13 March 2025
    "%d %b %Y",  # 13 Mar 2025
    "%d %B, %Y",  # 13 March, 2025
    "%A, %B %d, %Y",  # Thursday, March 13, 2025
    "%A %d %B %Y",  # Thursday 13 March 2025
    "%Y/%m/%d",  # 2025/03/13
)


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata of an article given from outside its text; None means "not given"."""

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def merge_meta(*layers: ArticleMeta | None) -> ArticleMeta:
    """One `ArticleMeta` from several, the first layer that gives a field winning."""
    values: dict[str, Any] = {}
    for f in fields(ArticleMeta):
        values[f.name] = next(
            (v for layer in layers if layer and (v := getattr(layer, f.name)) is not None), None
        )
    return ArticleMeta(**values)


def parse_published(value: object) -> dt.date | None:
    """The calendar date of a publication date: ISO 8601, RFC 2822, "March 13, 2025" and the
    like; None when `value` is missing or not a date this function knows."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str) or not value.strip():
        return None
    return _parse_date_string(value.strip())


def _parse_date_string(s: str) -> dt.date | None:
    """A date from a date string in one of the known forms, or None."""
    for parse in (_parse_iso, _parse_rfc2822, _parse_text_date):
        if (found := parse(s)) is not None:
            return found
    return None


def _parse_iso(s: str) -> dt.date | None:
    """ISO 8601 date or datetime (the date as written, whatever the offset)."""
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        return None


def _parse_rfc2822(s: str) -> dt.date | None:
    """RFC 2822 date as used by RSS feeds: `Thu, 13 Mar 2025 10:00:00 +0000`."""
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_text_date(s: str) -> dt.date | None:
    """English written dates: `March 13, 2025`, `13 March 2025`, `Sept. 3, 2024`."""
    cleaned = " ".join(s.replace("Sept.", "Sep.").replace("Sept ", "Sep ").split())
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def published_from(value: object, warnings: list[str]) -> dt.date | None:
    """`parse_published`, appending a warning to `warnings` when a given value is unparsable."""
    parsed = parse_published(value)
    if parsed is None and value not in (None, ""):
        warnings.append(f"unparsable publication date {str(value)[:60]!r} ignored")
    return parsed


def meta_from_mapping(data: Mapping[str, Any], warnings: list[str]) -> ArticleMeta:
    """`ArticleMeta` from a JSON object with keys published, outlet, url, title."""
    return ArticleMeta(
        published=published_from(data.get("published"), warnings),
        outlet=_text_field(data, "outlet"),
        url=_text_field(data, "url"),
        title=_text_field(data, "title"),
    )


def id_from_mapping(data: Mapping[str, Any]) -> str | None:
    """The input id of a JSON object (`id`, string or number), None when absent or empty."""
    value = data.get("id")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | str):
        return str(value).strip() or None
    return None


def _text_field(data: Mapping[str, Any], key: str) -> str | None:
    """A non-empty string field, else None."""
    value = data.get(key)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
