"""Fixtures of the API tests: a synthetic database (fast) and the examples database (slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.helpers import hostile_article, ingest_examples, make_synth_db, settings
from sitrep.api import create_app

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="session")
def synth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_synth_db(tmp_path_factory.mktemp("synth") / "synth.duckdb")


@pytest.fixture(scope="session")
def synth_client(synth_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings(), synth_db), client=LOCAL) as client:
        yield client


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Path:
    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    return ingest_examples(path, resources, extra=[hostile_article()])


@pytest.fixture(scope="session")
def examples_client(examples_db: Path, resources: Any) -> Iterator[TestClient]:
    app = create_app(settings(), examples_db, resources=resources)
    with TestClient(app, client=LOCAL) as client:
        yield client
