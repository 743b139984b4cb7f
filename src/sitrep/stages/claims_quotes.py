"""Direct quotes: text → quoted stretches, and quotes → speakers.

Input → output: the spaCy `Doc` plus the article's attributions and actors → `Quote`s (the text
between the marks, end-exclusive offsets) with their speaker. Straight and curly double quotes
are recognised, and two apostrophes ('') stand for a straight double quote; single quotes are
not (too easily confused with apostrophes). A quote left open
at the end of a paragraph closes there (the newspaper convention for multi-paragraph quotes).
It does not find attributions; it reads them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from sitrep.model import Actor, Attribution, Quote

_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'
_NEAR = 160  # characters: how far a cue may sit from a quote to name its speaker


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inner spans of the quotes inside text[start:end] (one paragraph)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    skip_to = start
    for i in range(start, end):
        ch = text[i]
        if ch == _OPEN:
            if open_at is not None and open_mark == _OPEN:
                spans.append((open_at, i))
            open_at, open_mark = i + 1, _OPEN
        elif ch == _CLOSE:
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
        elif ch == _STRAIGHT or (ch == "'" and text[i + 1 : i + 2] == "'" and i + 1 < end):
            width = 1 if ch == _STRAIGHT else 2
            if skip_to > i:
                continue
            skip_to = i + width
            if open_at is None:
                open_at, open_mark = i + width, _STRAIGHT
            elif open_mark == _STRAIGHT:
                spans.append((open_at, i))
                open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Inner (start, end) offsets of every double-quoted stretch of `text`, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if _OPEN in para or _CLOSE in para or _STRAIGHT in para or "''" in para:
            spans.extend(_paragraph_quotes(text, pos, pos + len(para)))
        pos += len(para) + 1
    out = (_trimmed(text, s, e) for s, e in spans)
    return tuple((s, e) for s, e in out if e > s)


def _speaker_by_content(start: int, end: int, attributions: Sequence[Attribution]) -> Actor | None:
    """Source of the innermost attribution whose content overlaps the quote."""
    best: Attribution | None = None
    for att in attributions:
        c = att.content
        smaller = best is None or (c.end - c.start) < (best.content.end - best.content.start)
        if att.source is not None and c.start < end and start < c.end and smaller:
            best = att
    return best.source if best is not None else None


def _speaker_by_cue(start: int, end: int, attributions: Sequence[Attribution]) -> Actor | None:
    """Source of the attribution whose cue is nearest the quote, within a short distance."""
    best: tuple[int, Actor] | None = None
    for att in attributions:
        if att.source is None:
            continue
        cue = att.cue
        gap = cue.start - end if cue.start >= end else start - cue.end
        if 0 <= gap <= _NEAR and (best is None or gap < best[0]):
            best = (gap, att.source)
    return best[1] if best is not None else None


def _continues(text: str, prev_end: int, start: int) -> bool:
    """True when a quote starting at `start` continues the previous one's speech."""
    between = text[prev_end:start]
    return len(between) <= 6 or (between.count("\n") <= 2 and between.strip(' \n"“”') == "")


def find_quotes(
    doc: Doc, *, attributions: Sequence[Attribution], actors: Sequence[Actor]
) -> tuple[Quote, ...]:
    """Every direct quote of the document with its speaker (None when nobody is found)."""
    del actors  # speakers come from attributions; kept in the signature for the pipeline
    text = doc.text
    quotes: list[Quote] = []
    prev: Quote | None = None
    for start, end in quote_spans(text):
        speaker = _speaker_by_content(start, end, attributions)
        if speaker is None:
            speaker = _speaker_by_cue(start, end, attributions)
        if speaker is None and prev is not None and _continues(text, prev.end + 1, start - 1):
            speaker = prev.speaker
        quote = Quote(start, end, text[start:end], speaker)
        quotes.append(quote)
        prev = quote
    return tuple(quotes)
