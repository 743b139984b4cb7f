"""Settings: defaults → sitrep.toml → SITREP_* env → --set, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import HELP, flat_settings, load_settings
from sitrep.errors import ConfigError


def test_every_setting_has_help() -> None:
    settings, _ = load_settings(env={})
    assert set(flat_settings(settings)) == set(HELP)


def test_layers_override_in_order(tmp_path: Path) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text('[nlp]\nmodel = "from_file"\n[storage]\nbatch_size = 7\n', encoding="utf-8")
    settings, origin = load_settings(
        config_file=toml,
        env={"SITREP_NLP_MODEL": "from_env", "SITREP_INGEST_TIMEOUT_S": "2.5"},
        overrides=["nlp.model=from_flag"],
    )
    assert settings.nlp.model == "from_flag"
    assert settings.storage.batch_size == 7
    assert settings.ingest.timeout_s == 2.5
    assert origin["nlp.model"] == "--set"
    assert origin["ingest.timeout_s"] == "env SITREP_INGEST_TIMEOUT_S"
    assert origin["storage.batch_size"] == str(toml)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("nlp.nope=1", "unknown setting"),
        ("storage.batch_size=many", "expected int"),
        ("no_equals_sign", "key=value"),
    ],
)
def test_bad_overrides_fail_clearly(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env={}, overrides=[override])


def test_bad_toml_fails_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[nlp\nmodel=", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config_file=bad, env={})
