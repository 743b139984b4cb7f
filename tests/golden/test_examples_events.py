"""Golden tests of consolidation on the bundled examples: the reports of one capture from both
sides over six days become one event with its status history; two drone strikes on energy
sites in the same week, 37 km apart, stay two events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from sitrep.cli import main
from sitrep.storage.queries import get_event

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("golden") / "ex.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db)]) == 0
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def _event_of(con: Any, file: str, trigger: str) -> dict[str, Any]:
    row = con.execute(
        "SELECT m.event_id FROM mentions m JOIN articles a USING (article_id) "
        "WHERE a.source LIKE ? AND m.trigger = ? ORDER BY m.start_offset LIMIT 1",
        [f"%{file}", trigger],
    ).fetchone()
    assert row is not None, f"no mention {trigger!r} in {file}"
    event = get_event(con, row[0])
    assert event is not None
    return event


def test_one_capture_reported_by_both_sides_over_six_days(con: Any) -> None:
    claim = _event_of(con, "mala_tokmachka_ru_claim.txt", "liberation")
    denial = _event_of(con, "mala_tokmachka_ua_denial.txt", "captured")
    admission = _event_of(con, "mala_tokmachka_ua_withdrawal.txt", "withdrawn")
    assert claim["event_id"] == denial["event_id"] == admission["event_id"]
    assert claim["articles"] >= 3
    outlets = {m["outlet"] for m in claim["mentions"]}
    assert {"Moscow Wire", "Kyiv Ledger", "Meridian News"} <= outlets
    history = [(h["status"], h["date"]) for h in claim["history"]]
    assert history == [
        ("claimed", "2025-06-10"),
        ("disputed", "2025-06-11"),
        ("confirmed", "2025-06-15"),
    ]
    assert claim["status"] == "confirmed"
    assert claim["place"]["name"] == "Mala Tokmachka"


def test_two_similar_strikes_37_km_apart_stay_apart(con: Any) -> None:
    shostka = _event_of(con, "shostka_energy_strike.txt", "struck")
    hlukhiv = _event_of(con, "hlukhiv_energy_strike.txt", "struck")
    assert shostka["event_id"] != hlukhiv["event_id"]
    assert shostka["place"]["name"] == "Shostka" and hlukhiv["place"]["name"] == "Hlukhiv"
