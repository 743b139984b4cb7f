"""Gold file → Report: read the cases, run an extract function over their texts, score.

The extract function is passed in (documents {"id", "text", "published"?} → DESIGN.md §7 dicts,
same order), so evaluation never loads the pipeline itself. A failing batch is retried one
document at a time; a failing document is a miss and a note, never an exception.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sitrep.evaluation.coref import sitrep_clusters
from sitrep.evaluation.gold import input_doc, read_gold, set_name
from sitrep.evaluation.report import Report
from sitrep.evaluation.scorers import (
    SCORERS,
    ClusterFn,
    Locate,
    ModalityAt,
    Pred,
    Scored,
    score_coreference,
    score_event_record,
    score_factuality,
)

log = logging.getLogger(__name__)

Extract = Callable[[Sequence[dict[str, Any]]], Iterable[dict[str, Any]]]


def _one(extract: Extract, doc: dict[str, Any]) -> dict[str, Any] | None:
    """The prediction for one document, or None when extract fails or returns nothing usable."""
    try:
        out = list(extract([doc]))
    except Exception:  # one failing document must not stop the evaluation
        log.debug("extract failed on %s", doc.get("id"), exc_info=True)
        return None
    return out[0] if len(out) == 1 and isinstance(out[0], dict) else None


def run_extract(
    extract: Extract, docs: Sequence[dict[str, Any]]
) -> tuple[list[Pred], tuple[str, ...]]:
    """Predictions for `docs` in order (None for failures) and notes about what went wrong."""
    notes: list[str] = []
    try:
        preds: list[Pred] = list(extract(docs))
        if len(preds) != len(docs) or not all(isinstance(p, dict) for p in preds):
            notes.append(
                f"extract returned {len(preds)} results for {len(docs)} documents; "
                "retried one document at a time"
            )
            preds = [_one(extract, d) for d in docs]
    except Exception as exc:  # fall back to per-document calls
        notes.append(f"extract failed on the batch ({exc!r}); retried one document at a time")
        preds = [_one(extract, d) for d in docs]
    failed = [d["id"] for d, p in zip(docs, preds, strict=True) if p is None]
    if failed:
        notes.append(
            f"extract failed on {len(failed)} document(s), scored as misses "
            f"(first: {', '.join(failed[:3])})"
        )
    mismatched = sum(
        1
        for d, p in zip(docs, preds, strict=True)
        if p is not None and "id" in p and str(p["id"]) != d["id"]
    )
    if mismatched:
        notes.append(
            f"{mismatched} prediction(s) carry another id than their input; scored by order"
        )
    return preds, tuple(notes)


def score_cases(
    kind: str,
    cases: Sequence[dict[str, Any]],
    preds: Sequence[Pred],
    *,
    clusters: ClusterFn | None = None,
    modality_at: ModalityAt | None = None,
    locate: Locate | None = None,
) -> Scored:
    """The scorer of `kind` applied to the cases and their predictions."""
    if kind == "coreference":
        return score_coreference(cases, preds, clusters=clusters or sitrep_clusters)
    if kind == "factuality":
        return score_factuality(cases, preds, modality_at=modality_at)
    if kind == "event_record":
        return score_event_record(cases, preds, locate=locate)
    return SCORERS[kind](cases, preds)


def score_file(
    path: Path,
    extract: Extract,
    *,
    limit: int | None = None,
    clusters: ClusterFn | None = None,
    modality_at: ModalityAt | None = None,
    locate: Locate | None = None,
) -> Report:
    """Scores of `extract` on the gold file at `path` (its first `limit` cases)."""
    began = time.perf_counter()
    kind, cases = read_gold(path, limit)
    docs = [input_doc(c) for c in cases]
    extract_began = time.perf_counter()
    preds, run_notes = run_extract(extract, docs)
    extract_seconds = time.perf_counter() - extract_began
    scored = score_cases(
        kind, cases, preds, clusters=clusters, modality_at=modality_at, locate=locate
    )
    metrics = dict(scored.metrics)
    if kind == "unlabelled":
        metrics["articles_per_second"] = len(docs) / extract_seconds if extract_seconds else 0.0
    report = Report(
        set=set_name(path, cases),
        kind=kind,
        n=len(cases) - scored.skipped,
        metrics=metrics,
        notes=(*run_notes, *scored.notes),
        seconds=time.perf_counter() - began,
    )
    log.info("scored %s (%s, n=%d) in %.1f s", report.set, kind, report.n, report.seconds)
    return report


def score_files(
    paths: Sequence[Path], extract: Extract, *, limit: int | None = None
) -> list[Report]:
    """One report per gold file, in the given order."""
    return [score_file(p, extract, limit=limit) for p in paths]
