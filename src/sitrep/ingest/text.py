"""Bytes → normalised text: decoding, size checks and the one normalisation all offsets refer to.

Input → output: raw bytes or strings → `str`. Problems with one input raise `ArticleError` with a
one-line reason; the caller records it as a `Failure`. Nothing here reads files or the network.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

import charset_normalizer

from sitrep.errors import ArticleError

log = logging.getLogger(__name__)

#: A guessed encoding is accepted only when charset-normalizer's mess ratio is at most this.
MAX_CHAOS = 0.1
#: Guesses within this much of the best mess ratio count as equally good.
_CHAOS_TIE = 0.02
#: Preferred among equally good guesses: the most common legacy encoding of English news pages.
_PREFERRED_LEGACY = "cp1252"

_BLANK_RUN = re.compile(r"\n{3,}")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def normalise_text(s: str) -> str:
    """The canonical form of an article text: NFC, `\\n` line ends, no trailing spaces, at most
    one blank line in a row, no leading or trailing blank space; quotes and dashes kept."""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = "\n".join(line.rstrip() for line in s.split("\n"))
    s = _BLANK_RUN.sub("\n\n", s)
    return s.strip()


def format_size(n: int) -> str:
    """A byte count for messages, in decimal megabytes: `3.2 MB`."""
    return f"{n / 1_000_000:.1f} MB"


def check_size(n: int, max_bytes: int) -> None:
    """Raise `ArticleError` when an input of `n` bytes is over `ingest.max_bytes`."""
    if n > max_bytes:
        raise ArticleError(huge_reason(n, max_bytes))


def huge_reason(n: int | None, max_bytes: int) -> str:
    """The failure reason for an input over `ingest.max_bytes` (`n` None: size unknown)."""
    size = f"more than {format_size(max_bytes)}" if n is None else format_size(n)
    return f"huge: {size} > ingest.max_bytes {format_size(max_bytes)}"


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode the bytes of one input; return the text and warnings about how it was decoded.

    `declared` is an encoding named by the source (an HTTP charset); UTF-8 and UTF-16 with a BOM
    are taken as they are; anything else is guessed with charset-normalizer or rejected.
    """
    if not data.strip():
        raise ArticleError("empty file")
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", "UTF-16 with byte-order mark"), []
    if b"\x00" in data:
        raise ArticleError("binary content (NUL bytes), not text")
    for encoding in (_web_encoding(declared), "utf-8-sig"):
        if encoding and (text := _try_decode(data, encoding)) is not None:
            return text, []
    return _guess(data)


def _web_encoding(name: str | None) -> str | None:
    """The codec to use for a declared encoding: Latin-1 is read as cp1252, as browsers do."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _PREFERRED_LEGACY if codec == "iso8859-1" else codec


def _try_decode(data: bytes, encoding: str) -> str | None:
    """The text if `data` decodes strictly as `encoding`, else None."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, encoding: str, what: str) -> str:
    """Decode strictly or raise `ArticleError` naming `what` was expected."""
    text = _try_decode(data, encoding)
    if text is None:
        raise ArticleError(f"undecodable: looked like {what} but is not")
    return text


def _guess(data: bytes) -> tuple[str, list[str]]:
    """Decode non-UTF-8 bytes with charset-normalizer when its guess is reliable."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches or matches[0].chaos > MAX_CHAOS:
        raise ArticleError("not UTF-8 and no reliable encoding guess")
    best = matches[0]
    ties = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE]
    encoding = best.encoding
    if any(_PREFERRED_LEGACY in m.could_be_from_charset for m in ties):
        encoding = _PREFERRED_LEGACY
    text = _try_decode(data, encoding)
    if text is None:
        encoding, text = best.encoding, str(best)
    log.debug("decoded as %s (mess ratio %.3f)", encoding, best.chaos)
    return text, [f"not UTF-8: decoded as {encoding} (guessed by charset-normalizer)"]
