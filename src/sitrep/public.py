"""The public JSON of DESIGN.md §7: one object per analysed document (docs/schema.md).

Input: an `Analysis`. Output: plain dicts ready for `json.dumps`. The contract only grows
(fields are added, never renamed or removed); tests/test_public.py pins it.
"""

from __future__ import annotations

from typing import Any

from sitrep.model import Actor, Analysis, Mention, Place, to_json

ACTOR_FIELDS = ("start", "end", "text", "name", "country", "sector")


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    """ACTOR of the contract (plus `kb_id`)."""
    return None if actor is None else to_json(actor)


def place_json(place: Place | None) -> dict[str, Any] | None:
    """PLACE of the contract (plus `reason`)."""
    return None if place is None else to_json(place)


def mention_json(mention: Mention) -> dict[str, Any]:
    """One mention as in the contract: `sentence` is `{start, end, text}`."""
    data: dict[str, Any] = to_json(mention)
    return data


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The per-document object written by `sitrep extract`."""
    article = analysis.article
    return {
        "id": article.input_id or article.source or article.article_id,
        "article_id": article.article_id,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "warnings": list(analysis.warnings),
        "places": [to_json(p) for p in analysis.places],
        "times": [to_json(t) for t in analysis.times],
        "quotes": [to_json(q) for q in analysis.quotes],
        "attributions": [to_json(a) for a in analysis.attributions],
        "mentions": [mention_json(m) for m in analysis.mentions],
    }
