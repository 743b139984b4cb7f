"""Normalisation, decoding and publication dates."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import ArticleError
from sitrep.ingest import decode_bytes, normalise_text, parse_published
from sitrep.ingest.meta import ArticleMeta, merge_meta


def test_normalise_text_rules() -> None:
    raw = "  Title  \r\n\r\nFirst “quoted” line — dash.   \r\n\n\n\n\nSecond\tline\t\n\n"
    assert normalise_text(raw) == "Title\n\nFirst “quoted” line — dash.\n\nSecond\tline"


def test_normalise_text_composes_to_nfc() -> None:
    assert normalise_text("Kharkiv, Cafe\u0301") == "Kharkiv, Caf\u00e9"


def test_normalise_text_keeps_single_blank_lines() -> None:
    assert normalise_text("a\n\nb\nc") == "a\n\nb\nc"


@given(st.text())
def test_normalise_text_is_idempotent(s: str) -> None:
    once = normalise_text(s)
    assert normalise_text(once) == once
    assert "\r" not in once
    assert "\n\n\n" not in once
    assert once == once.strip()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-13", dt.date(2025, 3, 13)),
        ("2025-03-13T23:30:00-05:00", dt.date(2025, 3, 13)),
        ("2025-03-13T09:30:00Z", dt.date(2025, 3, 13)),
        ("2025-03-13 09:30", dt.date(2025, 3, 13)),
        ("Thu, 13 Mar 2025 07:30:00 +0000", dt.date(2025, 3, 13)),
        ("Thu, 13 Mar 2025 07:30:00 GMT", dt.date(2025, 3, 13)),
        ("March 13, 2025", dt.date(2025, 3, 13)),
        ("Mar 13, 2025", dt.date(2025, 3, 13)),
        ("Mar. 13, 2025", dt.date(2025, 3, 13)),
        ("13 March 2025", dt.date(2025, 3, 13)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("Thursday, March 13, 2025", dt.date(2025, 3, 13)),
        (dt.datetime(2025, 3, 13, 10, 0), dt.date(2025, 3, 13)),
        (dt.date(2025, 3, 13), dt.date(2025, 3, 13)),
        (time.strptime("2025-03-13", "%Y-%m-%d"), dt.date(2025, 3, 13)),
        ("last Thursday", None),
        ("2025-13-45", None),
        ("", None),
        (None, None),
        (20250313, None),
    ],
)
def test_parse_published(value: object, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


@given(st.text(max_size=40))
def test_parse_published_never_raises(s: str) -> None:
    result = parse_published(s)
    assert result is None or isinstance(result, dt.date)


def test_decode_utf16_with_bom() -> None:
    text, warnings = decode_bytes("Talks in Istanbul “resumed”.".encode("utf-16"))
    assert text == "Talks in Istanbul “resumed”." and warnings == []


def test_decode_declared_charset_wins() -> None:
    text, warnings = decode_bytes("Kyiv said “no”.".encode("cp1252"), declared="cp1252")
    assert text == "Kyiv said “no”." and warnings == []


def test_decode_rejects_nul_bytes() -> None:
    with pytest.raises(ArticleError, match="binary"):
        decode_bytes(b"abc\x00def")


def test_merge_meta_first_layer_wins() -> None:
    flags = ArticleMeta(title="Flag")
    sidecar = ArticleMeta(title="Sidecar", outlet="Wire")
    assert merge_meta(flags, None, sidecar) == ArticleMeta(title="Flag", outlet="Wire")


def test_declared_latin1_is_read_as_cp1252() -> None:
    text, _ = decode_bytes("Moscow’s envoy – “no”.".encode("cp1252"), declared="ISO-8859-1")
    assert text == "Moscow’s envoy – “no”."


def test_declared_but_wrong_charset_falls_back_to_utf8() -> None:
    text, warnings = decode_bytes("Kyiv’s “yes”.".encode(), declared="ascii")
    assert text == "Kyiv’s “yes”." and warnings == []
