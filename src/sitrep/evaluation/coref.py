"""sitrep's own cross-document clustering, as a cluster function for the coreference scorer.

Input: gold coreference cases (documents grouped by `topic`) and sitrep's per-document JSON.
Output: (document id, start, end) of each predicted mention → cluster id, clustered within each
topic by `consolidate.match.cluster`, the same matcher the store uses. The documents carry no
publication dates, so undated pairs are allowed to match here (`allow_undated`): each key
carries its document's content words, and an undated pair must have the same trigger stem in
documents that share enough of their words (`context_min`); the store never merges undated
reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from sitrep.consolidate.match import MatchSettings, cluster, content_words, key_of
from sitrep.evaluation import predicted as pr

EVAL_SETTINGS = MatchSettings(allow_undated=True)


def _published(case: Mapping[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(case["published"])[:10])
    except (KeyError, ValueError):
        return None


def sitrep_clusters(
    cases: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any] | None]
) -> dict[tuple[str, int, int], Hashable]:
    """Cluster the predicted mentions of each topic with sitrep's matcher."""
    settings = EVAL_SETTINGS
    by_topic: dict[str, list[tuple[tuple[str, int, int], Any]]] = {}
    for case, pred in zip(cases, preds, strict=False):
        context = content_words(str(case.get("text") or ""))
        for mention in pr.items(pred, "mentions"):
            span = pr.span_of(mention)
            if span is None or "mention_id" not in mention:
                continue
            key = (str(case.get("id")), span[0], span[1])
            mkey = key_of(
                {**mention, "article_id": str(case.get("id"))}, _published(case), context=context
            )
            by_topic.setdefault(str(case.get("topic")), []).append((key, mkey))
    out: dict[tuple[str, int, int], Hashable] = {}
    for topic, items in by_topic.items():
        keys = [mk for _, mk in items]
        # mention ids are per article; two documents of a topic may repeat a text
        roots = cluster(keys, settings)
        for span_key, mkey in items:
            out[span_key] = (topic, roots[mkey.mention_id])
    return out
