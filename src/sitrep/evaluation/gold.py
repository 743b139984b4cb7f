"""Gold files (../shared/eval/*.jsonl, FORMAT.md) → (kind, cases), and the input documents
that sitrep's extract is run on. Reads only; knows nothing of the pipeline."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sitrep.errors import ArticleError

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = (
    "event_type",
    "toponyms",
    "timex",
    "factuality",
    "event_record",
    "coreference",
    "attribution",
    "unlabelled",
)

# Tell-tale field of each labelled kind, checked in this order.
_KIND_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "event_type"),
    ("toponyms", "toponyms"),
    ("timexes", "timex"),
    ("events", "factuality"),
    ("attributions", "attribution"),
    ("mentions", "coreference"),
    ("lat", "event_record"),
    ("date_start", "event_record"),
    ("deaths", "event_record"),
    ("side_a", "event_record"),
)


def detect_kind(case: dict[str, Any]) -> str:
    """The kind of a gold case (one of KINDS), from the fields it carries."""
    for field_name, kind in _KIND_FIELDS:
        if field_name in case:
            return kind
    return "unlabelled"


def read_gold(path: Path | str, limit: int | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The kind and the cases (at most `limit`) of a gold JSON Lines file.

    The kind is that of the first case; a line that is not a JSON object raises ArticleError.
    """
    path = Path(path)
    cases: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(cases) >= limit:
                break
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleError(
                    f"{path}:{lineno}: expected one JSON object per line, found invalid JSON "
                    f"({exc.msg}); fix or remove the line"
                ) from None
            if not isinstance(case, dict):
                raise ArticleError(
                    f"{path}:{lineno}: expected a JSON object, found {type(case).__name__}"
                )
            cases.append(case)
    kind = detect_kind(cases[0]) if cases else "unlabelled"
    return kind, cases


def set_name(path: Path | str, cases: list[dict[str, Any]]) -> str:
    """The data set's short name: the cases' `set`, else the file name before the first dot."""
    for case in cases:
        if isinstance(case.get("set"), str):
            return str(case["set"])
    return Path(path).name.split(".", 1)[0]


def input_doc(case: dict[str, Any]) -> dict[str, Any]:
    """The document sitrep's extract sees for a case: id, text and published (when known)."""
    doc: dict[str, Any] = {"id": str(case.get("id", "")), "text": str(case.get("text", ""))}
    if case.get("published"):
        doc["published"] = case["published"]
    return doc
