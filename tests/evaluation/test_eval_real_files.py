"""Smoke test on the real gold files: first 3 cases of each, a trivial extract."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluation import read_gold, score_file

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"

KIND_OF_SET = {
    "bellingcat": "event_record",
    "ucdp": "event_record",
    "case2021": "event_type",
    "plover_gsr": "event_type",
    "ecbplus": "coreference",
    "geowebnews": "toponyms",
    "lgl": "toponyms",
    "trnews": "toponyms",
    "meantime_timex": "timex",
    "meantime_factuality": "factuality",
    "polnear": "attribution",
    "voa": "unlabelled",
}

# The figure that must be zero when nothing is extracted.
ZERO_METRIC = {
    "event_record": "place_161km",
    "event_type": "accuracy",
    "coreference": "mention_recall",
    "toponyms": "recall",
    "timex": "recall",
    "factuality": "coverage",
    "attribution": "cue_recall",
    "unlabelled": "docs_with_mention",
}


def _nothing(docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("places", "times", "quotes", "attributions", "mentions")
    return [{"id": d["id"], **{k: [] for k in keys}} for d in docs]


@pytest.mark.eval
def test_real_gold_files_kind_and_trivial_extract() -> None:
    files = sorted(EVAL_DIR.glob("*.jsonl")) if EVAL_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/eval not present")
    for path in files:
        kind, cases = read_gold(path, limit=3)
        name = path.name.split(".", 1)[0]
        assert len(cases) == 3, path
        if name in KIND_OF_SET:
            assert kind == KIND_OF_SET[name], path
        report = score_file(path, _nothing, limit=3)
        assert report.kind == kind
        assert report.n == 3
        assert report.metrics[ZERO_METRIC[kind]] == 0.0, path
