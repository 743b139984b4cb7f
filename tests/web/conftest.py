"""Fixtures of the web tests: the examples (and a hostile article) served over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.helpers import hostile_article, ingest_examples, live_server, settings
from sitrep.api import create_app

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    return ingest_examples(path, resources, extra=[hostile_article()])


@pytest.fixture(scope="session")
def web_client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings(), web_db), client=LOCAL) as client:
        yield client


@pytest.fixture(scope="session")
def base_url(web_db: Path, resources: Any) -> Iterator[str]:
    with live_server(create_app(settings(), web_db, resources=resources)) as url:
        yield url
