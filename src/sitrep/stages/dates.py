"""Dates stage: temporal expressions in an article and the date of each event mention.

Input → output: a parsed spaCy `Doc` and the publication date (anchor) → `TimeExpr` tuples
(`find_times`), and a trigger span plus those expressions → a `When` (`event_when`).
`find_dateline` spots a "KYIV, March 13 (Reuters) —" opening in raw text.

Candidates are the parser's DATE/TIME entities merged with the rule grammar of
`timex_grammar`; values follow TimeML. It does not guess: an event the text does not date gets
`When.unresolved(anchor)`, never the publication date, and a relative expression without an
anchor stays `resolved=False`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitrep.model import Granularity, TimeExpr, When
from sitrep.stages import timex_grammar as grammar
from sitrep.stages.timex_lexicon import MONTH, SEASON

__all__ = ["event_when", "find_dateline", "find_times"]

_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_FUTURE_HEADS = {
    "be", "expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "go", "want",
    "agree", "vow", "pledge", "promise", "threaten", "prepare", "seek", "try",
}  # fmt: skip
_FUTURE_PARTICIPLES = {"schedule", "plan", "expect", "set", "slate", "due"}
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_REFS = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_ENT_TRAIL = re.compile(r"(?:'s|’s|[\s,;:.\-–—])+$")
_ENT_JUNK = re.compile(r"^(?:(?:on|in|at|during|from|for|of|by|until|till|to)\s+)+", re.I)

_DATELINE = re.compile(
    r"^\s*(?P<place>(?-i:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}))"
    r"(?:,\s*(?-i:[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2}))?"
    rf"(?:,?\s+(?:{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{1,30})\)\s*)?"
    r"(?:[-—–]{1,2}|:)\s*",
)


def find_dateline(text: str) -> tuple[int, int, str] | None:
    """The dateline opening the text ("KYIV, March 13 (Reuters) — "): span and text, or None.

    The span covers the place, optional date and agency, and the dash with following spaces,
    so `text[end:]` is the body.
    """
    m = _DATELINE.match(text)
    if m is None or len(m["place"]) < 3:
        return None
    return m.start("place"), m.end(), text[m.start("place") : m.end()]


# ---------------------------------------------------------------- find_times


def _entity_spans(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """The parser's DATE/TIME entities as trimmed (start, end, label) character spans."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = ent.start_char, ent.end_char
        lead = _ENT_JUNK.match(ent.text)
        if lead and lead.end() < len(ent.text):
            start += lead.end()
        trail = _ENT_TRAIL.search(text, start, end)
        if trail and trail.start() > start:
            end = trail.start()
        if end > start:
            spans.append((start, end, ent.label_))
    return spans


@dataclasses.dataclass(frozen=True, slots=True)
class _Item:
    """A candidate span with the grammar match that normalises it (None: parser-only)."""

    start: int
    end: int
    candidate: grammar.Candidate | None
    label: str


def _merge(doc: Doc, text: str) -> list[_Item]:
    """Grammar matches merged with parser entities: one item per temporal expression."""
    cands = grammar.scan(text)
    items: list[_Item] = []
    used: set[int] = set()
    for start, end, label in _entity_spans(doc, text):
        inside = [i for i, c in enumerate(cands) if c.start < end and start < c.end]
        if len(inside) == 1:
            c = cands[inside[0]]
            items.append(_Item(min(start, c.start), max(end, c.end), c, label))
            used.add(inside[0])
        elif not inside:
            items.append(_Item(start, end, None, label))
    for i, c in enumerate(cands):
        if i not in used and all(c.end <= it.start or c.start >= it.end for it in items):
            items.append(_Item(c.start, c.end, c, "DATE"))
    items.sort(key=lambda it: it.start)
    return _drop_overlaps(items)


def _drop_overlaps(items: list[_Item]) -> list[_Item]:
    """Sorted items without overlaps (the earlier, then longer, wins)."""
    kept: list[_Item] = []
    for it in items:
        if kept and it.start < kept[-1].end:
            if (it.end - it.start) > (kept[-1].end - kept[-1].start) and it.candidate:
                kept[-1] = it
            continue
        kept.append(it)
    return kept


def _governing_verb(token: Token) -> Token:
    """The nearest verb at or above `token` (the sentence root if none)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause governing the span is in the future tense (will, is to, expected to)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = _governing_verb(span.root.head if span.root.dep_ == "pobj" else span.root)
    children = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and (
        verb.head.lemma_.lower() in _FUTURE_HEADS
    ):
        return True
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _FUTURE_PARTICIPLES:
        return True
    return verb.lemma_.lower() in ("be",) and any(c.lower_ == "due" for c in children)


def _since(
    text: str, start: int, norm: grammar.Norm, anchor: dt.date | None
) -> tuple[int, grammar.Norm]:
    """A "since X" reading: the span grows to include "since", the range runs to the anchor."""
    m = _SINCE.search(text, max(0, start - 12), start)
    if m is None or m.end() != start or norm.start_date is None or norm.type != "DATE":
        return start, norm
    end = anchor if anchor is not None and anchor >= norm.start_date else None
    return m.start(), dataclasses.replace(norm, end_date=end)


def _day_reference(times: Sequence[TimeExpr]) -> dt.date | None:
    """The last day-precise date among `times` (the narrative reference for "the next day")."""
    for t in reversed(times):
        if (
            t.resolved
            and t.start_date is not None
            and t.start_date == t.end_date
            and t.type in ("DATE", "TIME")
            and t.value not in _REFS
        ):
            return t.start_date
    return None


def _last_reference(times: Sequence[TimeExpr]) -> tuple[dt.date, Granularity] | None:
    """Start and granularity of the last resolved calendar date among `times`."""
    for t in reversed(times):
        if _datable(t) and t.start_date is not None and t.granularity is not Granularity.UNKNOWN:
            return t.start_date, t.granularity
    return None


_BARE_YEAR = re.compile(r"(?:the\s+)?(?:year\s+)?(?P<y>1[6-9]\d\d|20\d\d)", re.IGNORECASE)
_NOT_TIME = re.compile(r"\d+\s*-?\s*(?:years?|months?)[\s-]old|^\d+(?:\.\d+)?$|^\d+s?$")


_NAME_BEFORE = re.compile(r"(?<![.!?:;\n]\s)(?<!^)\b(?-i:[A-Z][\w&.’'-]*)\s+$")
_CALENDAR_WORDS = re.compile(rf"^(?:{MONTH}|{SEASON})\s+$", re.IGNORECASE)


_NAMED_YEAR = re.compile(r"(?-i:[A-Z][\w&.’'-]*)\s+(?:1[6-9]|20)\d\d")


def _in_name(text: str, start: int) -> bool:
    """Whether a number at `start` follows a capitalised word inside a sentence ("Russell 2000",
    "Windows 2000"), not a month or season ("March 2000", "summer 2000")."""
    before = text[max(0, start - 30) : start]
    m = _NAME_BEFORE.search(before)
    if m is None or start - len(before) + m.start() == 0:
        return False
    return _CALENDAR_WORDS.match(before[m.start() :]) is None


def _parser_only(text: str, label: str, *, in_name: bool = False) -> grammar.Norm | None:
    """Normalise an entity only the parser found: bare years; others keep no value."""
    m = _BARE_YEAR.fullmatch(text)
    if m:
        return None if in_name and text == m["y"] else grammar.year(int(m["y"]))
    if _NAMED_YEAR.fullmatch(text) and not _CALENDAR_WORDS.match(text[:-4]):
        return None  # "Russell 2000", "Windows 2000": a name with a number
    if _NOT_TIME.search(text):
        return None
    return grammar.Norm(label, None)


def find_times(doc: Doc, *, anchor: dt.date | None) -> tuple[TimeExpr, ...]:
    """Every temporal expression in `doc` with its TimeML value and calendar range."""
    text = doc.text
    out: list[TimeExpr] = []
    for item in _merge(doc, text):
        if item.candidate is None:
            norm: grammar.Norm | None = _parser_only(
                text[item.start : item.end], item.label, in_name=_in_name(text, item.start)
            )
        else:
            ctx = grammar.Context(
                anchor=anchor,
                future=_is_future(doc, item.start, item.end),
                ref=_day_reference(out),
                last=_last_reference(out),
            )
            norm = grammar.normalise(item.candidate, ctx)
        if norm is None:
            continue
        start, norm = _since(text, item.start, norm, anchor)
        out.append(
            TimeExpr(
                start=start,
                end=item.end,
                text=text[start : item.end],
                type=norm.type,
                value=norm.value,
                start_date=norm.start_date,
                end_date=norm.end_date,
                granularity=norm.granularity,
                resolved=norm.resolved,
                mod=norm.mod,
            )
        )
    return _date_clock_times(text, out)


_CLOCK_VALUE = re.compile(r"T\d\d:\d\d")
_GAP_MERGE = re.compile(r"[ \t]+")
_GAP_DATE = re.compile(r"\.?\s*,?\s*(?:on\s+|of\s+)?", re.IGNORECASE)


def _with_day(clock: TimeExpr, day: dt.date) -> TimeExpr:
    """The clock time `clock` moved onto calendar day `day`."""
    assert clock.value is not None
    value = day.isoformat() + clock.value[clock.value.index("T") :]
    return dataclasses.replace(clock, value=value, start_date=day, end_date=day, resolved=True)


def _date_clock_times(text: str, times: list[TimeExpr]) -> tuple[TimeExpr, ...]:
    """Clock times followed by the day they belong to take that day: "16:15 UTC, June 1" →
    June 1; a day named right after the clock with no punctuation ("12:00 UTC Monday") joins
    it in one TIME expression."""
    out: list[TimeExpr] = []
    i = 0
    while i < len(times):
        t = times[i]
        nxt = times[i + 1] if i + 1 < len(times) else None
        if (
            nxt is not None
            and t.type == "TIME"
            and t.value is not None
            and _CLOCK_VALUE.search(t.value)
            and nxt.type == "DATE"
            and nxt.granularity is Granularity.DAY
            and nxt.start_date is not None
            and _GAP_DATE.fullmatch(text, t.end, nxt.start)
        ):
            moved = _with_day(t, nxt.start_date)
            if _GAP_MERGE.fullmatch(text, t.end, nxt.start):
                out.append(dataclasses.replace(moved, end=nxt.end, text=text[t.start : nxt.end]))
                i += 2
                continue
            t = moved
        out.append(t)
        i += 1
    return tuple(out)


# ---------------------------------------------------------------- event_when


def _datable(t: TimeExpr) -> bool:
    """Whether `t` can date an event (a resolved DATE/TIME with a calendar range)."""
    return (
        t.type in ("DATE", "TIME") and t.resolved and t.start_date is not None
        and t.value not in _REFS
    )  # fmt: skip


def _root(doc: Doc, start: int, end: int) -> Token | None:
    """Syntactic head of the tokens covering [start, end)."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached(time_root: Token, trigger: Token) -> bool:
    """Whether the time expression hangs off the trigger or off the trigger's governing verb."""
    targets = {trigger.i, _governing_verb(trigger).i}
    current = time_root
    for _ in range(10):
        if current.i in targets:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
        if current.i in targets:
            return True
        if current.pos_ in ("VERB", "AUX"):
            return False
    return False


def _when(t: TimeExpr, anchor: dt.date | None, how: str) -> When:
    """The `When` that expression `t` gives."""
    return When(t.start_date, t.end_date, t.granularity, t.text, anchor, True, how)


def _paragraph_start(token: Token) -> int:
    """Offset where the paragraph (text after the last line break) containing `token` begins."""
    doc = token.doc
    for i in range(token.i - 1, -1, -1):
        previous = doc[i]
        if "\n" in previous.text_with_ws:
            return previous.idx + len(previous.text_with_ws)
    return 0


def event_when(
    doc: Doc,
    trigger_start: int,
    trigger_end: int,
    times: Sequence[TimeExpr],
    *,
    anchor: dt.date | None,
) -> When:
    """When the event whose trigger is at [trigger_start, trigger_end) happened, per the text."""
    usable = [t for t in times if _datable(t)]
    trigger = _root(doc, trigger_start, trigger_end)
    if trigger is None or not usable:
        return When.unresolved(anchor)
    sentence = trigger.sent
    in_sentence = [t for t in usable if sentence.start_char <= t.start < sentence.end_char]

    def distance(t: TimeExpr) -> int:
        return min(abs(t.start - trigger_end), abs(trigger_start - t.end))

    attached = []
    for t in in_sentence:
        root = _root(doc, t.start, t.end)
        if root is not None and _attached(root, trigger):
            attached.append(t)
    if attached:
        return _when(min(attached, key=distance), anchor, "trigger")
    if in_sentence:
        return _when(min(in_sentence, key=distance), anchor, "sentence")
    paragraph = _paragraph_start(trigger)
    before = [t for t in usable if paragraph <= t.start and t.end <= sentence.start_char]
    if before:
        return _when(before[-1], anchor, "narrative")
    return When.unresolved(anchor)
