"""Reading gold files and telling their kinds apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import ArticleError
from sitrep.evaluation import detect_kind, input_doc, read_gold


@pytest.mark.parametrize(
    ("case", "kind"),
    [
        ({"text": "x", "label": "AGREE"}, "event_type"),
        ({"text": "x", "toponyms": []}, "toponyms"),
        ({"text": "x", "timexes": [], "published": "2020-01-01"}, "timex"),
        ({"text": "x", "events": []}, "factuality"),
        ({"text": "x", "lat": 1.0, "lon": 2.0, "date_start": "2020-01-01"}, "event_record"),
        ({"text": "x", "date_start": "2020-01-01"}, "event_record"),
        ({"text": "x", "topic": "8", "mentions": []}, "coreference"),
        ({"text": "x", "attributions": []}, "attribution"),
        ({"text": "x", "published": "2020-01-01", "url": "u"}, "unlabelled"),
    ],
)
def test_detect_kind(case: dict[str, object], kind: str) -> None:
    assert detect_kind(case) == kind


def test_read_gold_limit_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "tiny.dev.jsonl"
    lines = [
        json.dumps({"set": "tiny", "id": str(i), "text": "t", "toponyms": []}) for i in range(4)
    ]
    path.write_text("\n".join([lines[0], "", *lines[1:]]) + "\n", encoding="utf-8")
    kind, cases = read_gold(path)
    assert kind == "toponyms"
    assert [c["id"] for c in cases] == ["0", "1", "2", "3"]
    assert len(read_gold(path, limit=2)[1]) == 2


def test_read_gold_rejects_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1}\n{not json\n', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"bad\.jsonl:2"):
        read_gold(path)


def test_input_doc_keeps_only_what_extract_may_see() -> None:
    case = {"set": "s", "id": 7, "text": "t", "published": "2020-01-02", "label": "AGREE"}
    assert input_doc(case) == {"id": "7", "text": "t", "published": "2020-01-02"}
    assert input_doc({"id": "a", "text": "t"}) == {"id": "a", "text": "t"}
