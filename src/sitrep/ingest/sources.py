"""Command-line inputs → the ordered list of sources to load (files, URLs, stdin).

Input → output: strings as typed by the user → `Source` list, folders expanded recursively in a
stable sorted order. Reads only directory listings; loading is `sitrep.ingest.load`'s job.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sitrep.errors import ConfigError

SourceKind = Literal["file", "url", "stdin"]
FileFormat = Literal["txt", "jsonl", "html"]

#: File suffixes taken from folders, and the format each is read as.
FOLDER_SUFFIXES: dict[str, FileFormat] = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
}
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input to load: a file (with its format), an http(s) URL, or standard input."""

    kind: SourceKind
    location: str  # the path, the URL, or "-"
    format: FileFormat | None = None  # files only

    def __str__(self) -> str:
        return "<stdin>" if self.kind == "stdin" else self.location


def plan_sources(inputs: Sequence[str]) -> list[Source]:
    """The sources behind `inputs`, folders expanded; `ConfigError` for a path that is missing."""
    planned: dict[Source, None] = {}
    for raw in inputs:
        for source in _expand(raw):
            planned.setdefault(source, None)
    return list(planned)


def is_url(value: str) -> bool:
    """Whether `value` is an http(s) URL."""
    return value.lower().startswith(("http://", "https://"))


def _expand(raw: str) -> Iterator[Source]:
    """The sources one command-line input stands for."""
    value = raw.strip()
    if value == STDIN:
        yield Source("stdin", STDIN)
    elif is_url(value):
        yield Source("url", value)
    elif "://" in value:
        scheme = value.split("://", 1)[0]
        raise ConfigError(f"unsupported URL scheme {scheme!r} in {value}: use http(s) URLs")
    else:
        yield from _expand_path(Path(value))


def _expand_path(path: Path) -> Iterator[Source]:
    """A file as given, or every ingestible file under a folder."""
    if path.is_dir():
        for found in _walk(path):
            yield Source("file", str(found), FOLDER_SUFFIXES[found.suffix.lower()])
    elif path.is_file():
        yield Source("file", str(path), FOLDER_SUFFIXES.get(path.suffix.lower(), "txt"))
    else:
        raise ConfigError(f"no such file or folder: {path} (give a file, a folder, a URL or -)")


def _walk(folder: Path) -> Iterator[Path]:
    """Ingestible files under `folder`, sorted within each folder, files before subfolders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_ingestible(name):
                yield Path(root) / name


def _is_ingestible(name: str) -> bool:
    """Whether a file found in a folder is an article input (not a sidecar, README or hidden)."""
    if name.startswith("."):
        return False
    stem, suffix = os.path.splitext(name)
    if stem.upper() == "README":
        return False
    return suffix.lower() in FOLDER_SUFFIXES
