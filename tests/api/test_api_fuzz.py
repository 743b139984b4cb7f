"""OpenAPI-driven fuzzing with schemathesis (bounded): no request makes the server answer 500,
and every error has the one shape."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.helpers import make_synth_db
from api.helpers import settings as api_settings
from sitrep.api import create_app

pytestmark = pytest.mark.slow

_DB = make_synth_db(Path(tempfile.mkdtemp(prefix="sitrep-fuzz-")) / "fuzz.duckdb", n=200)
# The ASGI client is not on loopback, so reads are opened; writes stay behind the token.
APP = create_app(api_settings(allow_remote_reads=True), _DB)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: Any) -> None:
    response = case.call()
    ok = response.status_code < 500
    assert ok, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
