"""The docs stay in step with the code: every setting and every CLI command is documented."""

from __future__ import annotations

from pathlib import Path

from sitrep.cli import app
from sitrep.config import HELP

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "config.md").read_text(encoding="utf-8")
    missing = [key for key in HELP if f"`{key}`" not in text]
    assert not missing


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [n for n in names if f"sitrep {n}" not in text]
    assert names and not missing
