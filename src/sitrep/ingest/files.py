"""Local inputs → Articles: plain text with JSON sidecars, JSON Lines, HTML files and stdin.

Input → output: a path (or stdin bytes) → `list[Article | Failure]`. One bad JSONL line is one
`Failure` and the other lines go on; problems with a whole file raise `ArticleError`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.config import IngestSettings
from sitrep.errors import ArticleError
from sitrep.ingest.build import build_article
from sitrep.ingest.meta import (
    ArticleMeta,
    id_from_mapping,
    merge_meta,
    meta_from_mapping,
)
from sitrep.ingest.pages import declared_charset, extract_page, host_outlet
from sitrep.ingest.sources import FileFormat
from sitrep.ingest.text import check_size, decode_bytes, huge_reason
from sitrep.model import Article, Failure

log = logging.getLogger(__name__)

STDIN_ID = "stdin"


def load_file(
    path: Path, fmt: FileFormat, *, settings: IngestSettings, meta: ArticleMeta | None
) -> list[Article | Failure]:
    """The articles of one local file in format `fmt`."""
    if fmt == "jsonl":
        return list(_jsonl_articles(path, settings=settings, meta=meta))
    data = _read_file(path, settings.max_bytes)
    return [_document_article(data, fmt, path=path, settings=settings, meta=meta)]


def load_stdin(
    *, settings: IngestSettings, meta: ArticleMeta | None, stream: BinaryIO | None = None
) -> list[Article | Failure]:
    """The articles piped on standard input: JSON Lines, HTML or plain text, by their first byte."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(settings.max_bytes + 1)
    check_size(len(data), settings.max_bytes)
    head = data.lstrip()[:1]
    if head == b"{":
        return list(_jsonl_lines(data.splitlines(), "<stdin>", STDIN_ID, settings, meta))
    fmt: FileFormat = "html" if head == b"<" else "txt"
    declared = declared_charset(data) if fmt == "html" else None
    text, warnings = decode_bytes(data, declared=declared)
    return [
        _to_article(
            text,
            fmt,
            source="<stdin>",
            input_id=STDIN_ID,
            layers=(meta,),
            warnings=warnings,
            settings=settings,
        )
    ]


def _read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, `ArticleError` when it is unreadable or over `max_bytes`."""
    try:
        check_size(path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None


def _document_article(
    data: bytes,
    fmt: FileFormat,
    *,
    path: Path,
    settings: IngestSettings,
    meta: ArticleMeta | None,
) -> Article:
    """The article of a plain-text or HTML file, with its sidecar metadata under the flags."""
    declared = declared_charset(data) if fmt == "html" else None
    text, warnings = decode_bytes(data, declared=declared)
    sidecar, sidecar_id = _read_sidecar(path, warnings)
    return _to_article(
        text,
        fmt,
        source=str(path),
        input_id=sidecar_id or path.stem,
        layers=(meta, sidecar),
        warnings=warnings,
        settings=settings,
    )


def _to_article(
    text: str,
    fmt: FileFormat,
    *,
    source: str,
    input_id: str,
    layers: tuple[ArticleMeta | None, ...],
    warnings: list[str],
    settings: IngestSettings,
) -> Article:
    """An article from decoded text; HTML contributes its page metadata as the last layer."""
    meta = merge_meta(*layers)
    if fmt == "html":
        text, page = extract_page(text)
        meta = merge_meta(meta, page)
        meta = merge_meta(meta, ArticleMeta(outlet=host_outlet(meta.url)))
    return build_article(
        text,
        meta=meta,
        settings=settings,
        source=source,
        input_id=input_id,
        warnings=warnings,
    )


def _read_sidecar(path: Path, warnings: list[str]) -> tuple[ArticleMeta | None, str | None]:
    """Metadata and id from `NAME.json` beside `path`, (None, None) when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return None, None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleError(f"sidecar {sidecar.name} is not valid JSON: {exc}") from None
    if not isinstance(data, Mapping):
        found = type(data).__name__
        raise ArticleError(f"sidecar {sidecar.name}: expected a JSON object, found {found}")
    return meta_from_mapping(data, warnings), id_from_mapping(data)


def _jsonl_articles(
    path: Path, *, settings: IngestSettings, meta: ArticleMeta | None
) -> Iterator[Article | Failure]:
    """One article (or failure) per non-blank line of a JSON Lines file."""
    try:
        with path.open("rb") as handle:
            yield from _jsonl_lines(handle, str(path), path.stem, settings, meta)
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None


def _jsonl_lines(
    lines: Iterable[bytes],
    source: str,
    stem: str,
    settings: IngestSettings,
    meta: ArticleMeta | None,
) -> Iterator[Article | Failure]:
    """Articles from an iterable of JSONL byte lines; each bad line becomes a `Failure`."""
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield _jsonl_article(raw, lineno, source, stem, settings, meta)
        except ArticleError as exc:
            yield Failure(source=f"{source}:{lineno}", reason=f"line {lineno}: {exc}")
    if not seen_any:
        raise ArticleError("empty file")


def _jsonl_article(
    raw: bytes,
    lineno: int,
    source: str,
    stem: str,
    settings: IngestSettings,
    meta: ArticleMeta | None,
) -> Article:
    """The article of one JSONL line."""
    if len(raw) > settings.max_bytes:
        raise ArticleError(huge_reason(len(raw), settings.max_bytes))
    record = _parse_json_object(raw)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError('no "text" field with the article text')
    warnings: list[str] = []
    line_meta = meta_from_mapping(record, warnings)
    return build_article(
        text,
        meta=merge_meta(meta, line_meta),
        settings=settings,
        source=source,
        input_id=id_from_mapping(record) or f"{stem}:{lineno}",
        warnings=warnings,
    )


def _parse_json_object(raw: bytes) -> Mapping[str, Any]:
    """The JSON object on one line, `ArticleError` when it is not one."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ArticleError("not UTF-8 (JSON Lines must be UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise ArticleError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, Mapping):
        raise ArticleError(f"expected a JSON object, found {type(data).__name__}")
    return data
