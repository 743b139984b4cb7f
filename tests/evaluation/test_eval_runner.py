"""score_file end to end on a tiny gold file, failure handling, and the renderings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from sitrep.evaluation import Report, render_lines, render_table, run_extract, score_file


def _gold(tmp_path: Path) -> Path:
    text = "Shelling hit Kharkiv overnight."
    cases = [
        {
            "set": "tiny",
            "id": "a",
            "text": text,
            "toponyms": [{"start": 13, "end": 20, "name": "Kharkiv", "lat": 50.0, "lon": 36.25}],
        },
        {"set": "tiny", "id": "bad", "text": "boom", "toponyms": []},
    ]
    path = tmp_path / "tiny.dev.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def _extract(docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for doc in docs:
        if doc["id"] == "bad":
            raise ValueError("cannot parse")
        place = {"start": 13, "end": 20, "lat": 50.0, "lon": 36.25}
        out.append({"id": doc["id"], "places": [place], "mentions": []})
    return out


def test_score_file_survives_a_failing_document(tmp_path: Path) -> None:
    report = score_file(_gold(tmp_path), _extract)
    assert (report.set, report.kind, report.n) == ("tiny", "toponyms", 2)
    assert report.metrics["recall"] == 1.0
    assert report.metrics["precision"] == 1.0
    assert any("failed on the batch" in n for n in report.notes)
    assert any("failed on 1 document" in n for n in report.notes)
    assert list(report.to_dict()) == ["set", "kind", "n", "metrics", "notes", "seconds"]


def test_score_file_limit(tmp_path: Path) -> None:
    assert score_file(_gold(tmp_path), _extract, limit=1).n == 1


def test_run_extract_wrong_count_falls_back() -> None:
    calls: list[int] = []

    def short(docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        calls.append(len(docs))
        return [{"id": docs[0]["id"]}]

    preds, notes = run_extract(short, [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}])
    assert preds == [{"id": "1"}, {"id": "2"}]
    assert calls == [2, 1, 1]
    assert notes and "retried" in notes[0]


def test_renderings() -> None:
    report = Report("tiny", "toponyms", 2, {"recall": 0.5, "mean_km": 12.25, "gold": 3.0}, ("n",))
    assert isinstance(render_table([report]), Table)
    lines = render_lines([report])
    assert lines[0].startswith("tiny (toponyms, n=2")
    assert "  recall   0.500" in lines
    assert "  mean_km  12.2" in lines or "  mean_km  12.3" in lines
    assert "  gold     3" in lines
    assert lines[-1] == "  note: n"
