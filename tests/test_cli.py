"""The command line end to end: exit codes, bad input, idempotent ingest, a crash and its
rerun, every output format and filter."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from sitrep.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOOD = (
    "Ukraine's General Staff said on Monday that its forces had repelled an assault near the "
    "village of Andriivka, in the Donetsk region, and captured twelve soldiers."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def counts(db: Path) -> tuple[int, int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM failures)"
        ).fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM mentions m LEFT JOIN articles a USING (article_id) "
            "WHERE a.article_id IS NULL"
        ).fetchone()
    finally:
        con.close()
    assert row is not None and orphans == (0,)
    return row  # type: ignore[return-value]


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "ex.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db)]) == 0
    return db


def test_ingest_examples_then_again_stores_nothing_new(
    examples_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(examples_db)
    assert before[0] >= 15 and before[1] > 0 and before[3] == 0
    code, out, _err = run(capsys, "ingest", str(EXAMPLES), "--db", str(examples_db))
    assert code == 0
    assert "already known" in out
    assert counts(examples_db) == before


def test_bad_inputs_are_recorded_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("", encoding="utf-8")
    (folder / "b_binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "c_huge.txt").write_text("Shelling continued. " * 5000, encoding="utf-8")
    (folder / "d_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "e_bad.jsonl").write_text('{"text": broken\n', encoding="utf-8")
    db = tmp_path / "t.duckdb"
    code, out, err = run(
        capsys,
        "--set",
        "ingest.max_bytes=50000",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--published",
        "2025-06-02",
    )
    assert code == 2
    articles, mentions, _, failures = counts(db)
    assert articles == 1 and mentions >= 1 and failures == 4
    for name in ("a_empty", "b_binary", "c_huge", "e_bad"):
        assert name in err
    code, out, _ = run(capsys, "failures", "--db", str(db))
    assert code == 0 and "c_huge" in out


def test_crash_mid_batch_leaves_db_consistent_and_rerun_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitrep.storage.db as dbmod

    db = tmp_path / "crash.duckdb"
    real = dbmod.write_batch
    calls = {"n": 0}

    def crashing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process dies half-way through the batches
        return real(*args, **kwargs)

    monkeypatch.setattr(dbmod, "write_batch", crashing)
    code, _, err = run(
        capsys, "--set", "storage.batch_size=5", "ingest", str(EXAMPLES), "--db", str(db)
    )
    assert code == 130 and "interrupted" in err
    partial = counts(db)
    assert partial[0] == 10  # two full batches of five
    monkeypatch.setattr(dbmod, "write_batch", real)
    code, _out, _ = run(capsys, "ingest", str(EXAMPLES), "--db", str(db))
    assert code == 0
    full = counts(db)
    assert full[0] == len({*_example_ids()}) and full[0] > partial[0]


def _example_ids() -> list[str]:
    from sitrep.config import IngestSettings
    from sitrep.ingest import iter_articles
    from sitrep.model import Article

    items = iter_articles([str(EXAMPLES)], settings=IngestSettings())
    return [a.article_id for a in items if isinstance(a, Article)]


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--format", "xml"),
        ("events", "--since", "yesterday"),
        ("events", "--status", "rumoured"),
        ("events", "--radius-km", "10"),
        ("ingest", "/no/such/path"),
        ("--set", "nope.x=1", "config"),
        ("show", "zzzz"),
        ("no-such-command",),
    ],
)
def test_usage_and_config_errors_exit_1_with_one_line(
    args: tuple[str, ...], examples_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs_db = args[0] in {"events", "show"}
    full = [*args, "--db", str(examples_db)] if needs_db else list(args)
    code, _out, err = run(capsys, *full)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "error" in lines[0].lower()


def test_events_formats(examples_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "events", "--db", str(examples_db), "--format", "json", "--limit", "5"
    )
    assert code == 0
    events = json.loads(out)
    assert len(events) == 5
    for key in (
        "event_id",
        "event_type",
        "actors",
        "place",
        "when",
        "status",
        "claims",
        "history",
        "mentions",
        "articles",
    ):
        assert key in events[0]
    code, out, _ = run(
        capsys, "events", "--db", str(examples_db), "--format", "jsonl", "--limit", "3"
    )
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == [
        e["event_id"] for e in events[:3]
    ]
    code, out, _ = run(
        capsys, "events", "--db", str(examples_db), "--format", "csv", "--limit", "4"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and rows[0]["event_id"] == events[0]["event_id"]
    code, out, _ = run(capsys, "events", "--db", str(examples_db), "--limit", "3")
    assert code == 0 and "who says so" in out


def _ids(capsys: pytest.CaptureFixture[str], db: Path, *flags: str) -> list[dict[str, Any]]:
    code, out, err = run(
        capsys, "events", "--db", str(db), "--format", "json", "--limit", "1000", *flags
    )
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_event_filters(examples_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _ids(capsys, examples_db)
    assaults = _ids(capsys, examples_db, "--type", "ASSAULT")
    assert 0 < len(assaults) < len(everything)
    assert all(e["event_type"] == "ASSAULT" for e in assaults)
    claimed = _ids(capsys, examples_db, "--status", "claimed")
    assert claimed and all(e["status"] == "claimed" for e in claimed)
    near = _ids(capsys, examples_db, "--place", "Kharkiv", "--radius-km", "40")
    assert near
    for e in near:
        assert e["place"] and abs(e["place"]["lat"] - 49.99) < 0.5
    june = _ids(capsys, examples_db, "--since", "2025-06-16", "--until", "2025-06-20")
    assert 0 < len(june) < len(everything)
    sudan = _ids(capsys, examples_db, "--country", "SDN")
    assert sudan and len(sudan) < len(everything)


def test_show_prints_sentence_and_claims(
    examples_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (event,) = _ids(capsys, examples_db, "--status", "claimed")[:1]
    code, out, _ = run(capsys, "show", event["event_id"][:12], "--db", str(examples_db))
    assert code == 0
    assert event["mentions"][0]["trigger"] in out and "claim:" in out
    code, out, _ = run(capsys, "show", event["event_id"], "--db", str(examples_db), "--json")
    assert json.loads(out)["event_id"] == event["event_id"]


def test_extract_writes_one_json_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": GOOD, "published": "2025-06-02"})
        + "\n"
        + json.dumps({"id": "b", "text": GOOD.replace("Monday", "Sunday")})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(src), "--text")
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b"]
    assert docs[0]["text"] == GOOD and docs[0]["mentions"]
    assert docs[1]["published"] is None and docs[1]["warnings"]
    assert not (tmp_path / "sitrep.duckdb").exists()


def test_missing_date_is_a_warning_not_a_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "undated.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, out, _err = run(capsys, "extract", str(src))
    (doc,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and any("publication date" in w for w in doc["warnings"])
    for m in doc["mentions"]:
        assert m["when"]["resolved"] is False or m["when"]["text"] not in (None, "Monday")


def test_doctor_and_config(
    examples_db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "doctor", "--db", str(examples_db))
    assert code == 0
    for word in ("spaCy pipeline", "sentence encoder", "typing model", "gazetteer", "actor KB"):
        assert word in out
    assert "database" in out and "FAIL" not in out
    code, out, _ = run(capsys, "--set", "nlp.batch_size=3", "config", "--json")
    assert code == 0 and json.loads(out)["nlp.batch_size"] == 3


def test_doctor_fails_on_a_missing_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--set", "nlp.model=no_such_pipeline", "doctor")
    assert code == 1 and "FAIL" in out


def test_doctor_names_an_unknown_encoder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--set", "nlp.encoder=no-such-encoder", "doctor")
    assert code == 1 and "unknown sentence encoder" in out.replace("\n", " ")


def test_second_writer_gets_a_clear_error(
    examples_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    copy = tmp_path / "locked.duckdb"
    shutil.copy(examples_db, copy)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(copy)!r}); print('ok', flush=True); "
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        code, _, err = run(
            capsys, "ingest", str(EXAMPLES / "niamey_protest.txt"), "--db", str(copy)
        )
        assert code == 1 and "locked" in err
    finally:
        holder.kill()
        holder.wait()


def test_user_actors_file_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = tmp_path / "actors.json"
    kb.write_text(
        json.dumps(
            {
                "persons": [
                    {
                        "name": "Kestutis Varnas",
                        "country": "LTU",
                        "sector": "MIL",
                        "aliases": ["General Varnas"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    src = tmp_path / "a.txt"
    src.write_text(
        "General Varnas said on Monday that his troops shelled the depot near the "
        "border overnight.",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "--set",
        f"knowledge.actors_file={kb}",
        "extract",
        str(src),
        "--published",
        "2025-06-02",
    )
    assert code == 0
    doc = json.loads(out)
    sources = [a["source"] for a in doc["attributions"] if a["source"]]
    assert any(s["country"] == "LTU" and s["sector"] == "MIL" for s in sources)


def test_control_timeline_of_the_examples(
    examples_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "control", "Mala Tokmachka", "--db", str(examples_db), "--format", "json"
    )
    assert code == 0
    changes = json.loads(out)
    assert changes and changes[0]["controller"] == "RUS" and changes[0]["status"] == "confirmed"
    code, out, _ = run(capsys, "control", "--at", "2025-06-30", "--db", str(examples_db))
    assert code == 0 and "Mala Tokmachka" in out
    code, _, err = run(capsys, "control", "--db", str(examples_db))
    assert code == 1 and "PLACE" in err


def test_merge_rebuild_keeps_every_mention(
    examples_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "m.duckdb"
    shutil.copy(examples_db, copy)
    before = counts(copy)
    code, out, _ = run(capsys, "merge", "--rebuild", "--db", str(copy))
    assert code == 0 and "regrouped" in out
    assert counts(copy) == before  # same articles, mentions, events, failures
    code, out, _ = run(
        capsys, "--set", "merge.place_km=200", "merge", "--rebuild", "--db", str(copy)
    )
    assert code == 0 and counts(copy)[2] < before[2]  # a wider radius merges more


def test_show_finds_an_event_by_a_merged_id(
    examples_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "alias.duckdb"
    shutil.copy(examples_db, copy)
    con = duckdb.connect(str(copy))
    (target,) = con.execute("SELECT event_id FROM events ORDER BY event_id LIMIT 1").fetchone()
    con.execute("INSERT INTO event_aliases VALUES ('feedfacecafe0001', ?, now())", [target])
    con.close()
    code, out, _ = run(capsys, "show", "feedfacecafe", "--db", str(copy), "--json")
    assert code == 0 and json.loads(out)["event_id"] == target
