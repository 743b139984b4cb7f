"""A small rule grammar for English temporal expressions, in the spirit of HeidelTime.

Input → output: text → candidate spans (`scan`), and one regex match plus a context (anchor,
tense, narrative reference date) → a normalised `Norm` (`normalise`). Each rule is a compiled
regex and a pure handler. It does not use spaCy; `dates.py` merges these candidates with the
parser's DATE/TIME entities and supplies the tense and narrative context.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.model import Granularity
from sitrep.stages import timex_calendar as cal
from sitrep.stages.timex_lexicon import (
    DECADE_WORDS,
    MONTH,
    MONTHS,
    NAMED_DAY_WORDS,
    NAMED_DAYS,
    NUMBER,
    ORDINALS,
    PARTS_OF_DAY,
    PLAIN_NUMBER,
    POD,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    parse_number,
)

G = Granularity


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: dt.date | None  # publication date
    future: bool = False  # the expression sits in a future-tense clause
    ref: dt.date | None = None  # last resolved day earlier in the narrative
    last: tuple[dt.date, Granularity] | None = None  # last resolved date of any granularity


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised temporal expression, without its span."""

    type: str
    value: str | None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: Granularity = Granularity.UNKNOWN
    resolved: bool = False
    mod: str | None = None


Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named regex with the handler that normalises its matches."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    keys: frozenset[str]  # token classes near which the rule can match


@dataclass(frozen=True, slots=True)
class Candidate:
    """A grammar match in a text: span (group `x` if the rule sets one) and the rule."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]


# ---------------------------------------------------------------- constructors


def day(d: dt.date, mod: str | None = None) -> Norm:
    """A resolved calendar day."""
    return Norm("DATE", d.isoformat(), d, d, G.DAY, True, mod)


def month(year: int, m: int, mod: str | None = None) -> Norm:
    """A resolved calendar month."""
    first, last = cal.month_range(year, m)
    return Norm("DATE", f"{year:04d}-{m:02d}", first, last, G.MONTH, True, mod)


def year(y: int, mod: str | None = None) -> Norm:
    """A resolved calendar year."""
    first, last = cal.year_range(y)
    return Norm("DATE", f"{y:04d}", first, last, G.YEAR, True, mod)


def week(d: dt.date) -> Norm:
    """The resolved ISO week containing `d`."""
    first, last = cal.week_range(d)
    return Norm("DATE", cal.week_value(d), first, last, G.WEEK, True)


def season(y: int, code: str, mod: str | None = None) -> Norm:
    """A resolved season."""
    first, last = cal.season_range(y, code)
    return Norm("DATE", f"{y:04d}-{code}", first, last, G.SEASON, True, mod)


def unresolved(value: str | None, granularity: Granularity, kind: str = "DATE") -> Norm:
    """A relative expression that could not be anchored."""
    return Norm(kind, value, None, None, granularity, False)


def _mod(word: str | None) -> str | None:
    """TimeML mod for early/mid/late style modifiers."""
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "the beginning", "the start")):
        return "START"
    if w.startswith(("mid", "the middle")):
        return "MID"
    if w.startswith(("late", "the end")):
        return "END"
    return None


def _gi(m: re.Match[str], name: str) -> str | None:
    """Group `name` of `m`, or None when the pattern has no such group or it did not match."""
    return m.groupdict().get(name)


def _year4(text: str) -> int:
    """A four-digit year from 2 or 4 digits (two digits: 1950..2049)."""
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _preceded_by(m: re.Match[str], words: tuple[str, ...]) -> bool:
    """Whether the word just before the match is one of `words`."""
    before = m.string[max(0, m.start() - 20) : m.start()].split()
    return bool(before) and before[-1].lower().strip(",") in words


_RANK: dict[Granularity, int] = {
    G.TIME: 0, G.DAY: 1, G.WEEK: 2, G.MONTH: 3, G.SEASON: 4, G.QUARTER: 4, G.YEAR: 5,
    G.DECADE: 6,
}  # fmt: skip
_UNIT_GRANULARITY: dict[str, Granularity] = {
    "day": G.DAY, "week": G.WEEK, "weekend": G.WEEK, "month": G.MONTH, "quarter": G.QUARTER,
    "year": G.YEAR, "decade": G.DECADE, "century": G.DECADE,
}  # fmt: skip


def narrative_base(ctx: Context, unit: str) -> dt.date | None:
    """The date a narrative-relative `unit` ("the following year") counts from.

    The last resolved date if it is at least as fine as `unit` ("In 2014 ... the following
    year" → 2014), else the last resolved day, else the anchor.
    """
    if ctx.last is not None:
        rank = _RANK.get(ctx.last[1])
        if rank is not None and rank <= _RANK[_UNIT_GRANULARITY[unit]]:
            return ctx.last[0]
    return ctx.ref or ctx.anchor


# ---------------------------------------------------------------- handlers


def _iso(m: re.Match[str], ctx: Context) -> Norm | None:
    d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day(d) if d else None


def _slash(m: re.Match[str], ctx: Context) -> Norm | None:
    d = cal.safe_date(_year4(m["y"]), int(m["m"]), int(m["d"]))
    return day(d) if d else None


def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    dd = int(m["d"])
    if not 1 <= dd <= 31:
        return None
    if _gi(m, "y"):
        d = cal.safe_date(int(m["y"]), mon, dd)
        return day(d, _mod(_gi(m, "mod"))) if d else None
    if ctx.anchor is None:
        return unresolved(f"XXXX-{mon:02d}-{dd:02d}", G.DAY)
    d = cal.day_month_nearest(ctx.anchor, mon, dd, future=ctx.future)
    return day(d, _mod(_gi(m, "mod"))) if d else None


_DAY_FOLLOWS = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b")
_PREPOSITIONS = ("in", "since", "until", "till", "by", "from", "of", "during", "through", "to")


def _month(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["mon"].lower().rstrip(".")
    mon = MONTHS[word]
    mod = _mod(_gi(m, "mod"))
    if word == "may" and not (_gi(m, "y") or mod or _preceded_by(m, (*_PREPOSITIONS, "last"))):
        return None
    if len(word) == 3 and word != "may" and not _gi(m, "y"):
        return None  # a bare abbreviation ("Mar", "Jan") is too ambiguous
    if _gi(m, "y"):
        return month(int(m["y"]), mon, mod)
    if _DAY_FOLLOWS.match(m.string, m.end()):
        return None  # "February 29, 2023": an impossible day, not a month
    rel = (_gi(m, "rel") or "").lower()
    if ctx.anchor is None:
        return unresolved(f"XXXX-{mon:02d}", G.MONTH)
    if _gi(m, "yrel"):
        return month(ctx.anchor.year + _REL_STEP[m["yrel"].lower()], mon, mod)
    if rel == "last":
        y = ctx.anchor.year if mon < ctx.anchor.month else ctx.anchor.year - 1
    elif rel == "next":
        y = ctx.anchor.year if mon > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        y = ctx.anchor.year
    else:
        y = cal.month_nearest(ctx.anchor, mon, future=ctx.future)
    return month(y, mon, mod)


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    return year(int(m["y"]), _mod(_gi(m, "mod")))


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if _gi(m, "word"):
        digit = DECADE_WORDS[m["word"].lower()]
        century = 19
    else:
        digit = int(_gi(m, "dd") or m["dd2"])  # "1990s" / "'90s"
        century = int(m["c"]) if _gi(m, "c") else (20 if digit <= 2 else 19)
    start = century * 100 + digit * 10
    first, last = cal.decade_range(start)
    return Norm("DATE", f"{start // 10:03d}", first, last, G.DECADE, True, _mod(_gi(m, "mod")))


def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    n = int(m["n"])
    if not 1 <= n <= 21:
        return None
    first = dt.date((n - 1) * 100 if n > 1 else 1, 1, 1)
    return Norm("DATE", f"{n - 1:02d}", first, dt.date(n * 100, 12, 31), G.UNKNOWN, True)


def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["s"].lower()
    code = SEASONS[word]
    rel = (_gi(m, "rel") or "").lower()
    mod = _mod(_gi(m, "mod"))
    if word == "fall" and not (rel or mod or _gi(m, "y") or _preceded_by(m, ("the",))):
        return None
    if _gi(m, "y"):
        return season(int(m["y"]), code, mod)
    if ctx.anchor is None:
        return unresolved(f"XXXX-{code}", G.SEASON)
    if rel in ("last", "past", "previous"):
        y = cal.season_last(ctx.anchor, code)
    elif rel in ("next", "coming"):
        y = cal.season_next(ctx.anchor, code)
    elif rel == "this":
        y = cal.season_this(ctx.anchor, code)
    else:
        y = cal.season_nearest(ctx.anchor, code, future=ctx.future)
    return season(y, code, mod)


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = (_gi(m, "rel") or _gi(m, "rel2") or "").lower()
    qword = (_gi(m, "q") or "").lower()
    y_text = _gi(m, "y") or _gi(m, "y2")
    if _gi(m, "qn"):
        q = int(m["qn"])
    elif qword in ORDINALS:
        q = ORDINALS[qword]
    elif qword in ("final", "last"):
        q = 4
    else:
        q = 0
    if y_text:
        y: int | None = int(y_text)
    elif ctx.anchor is not None:
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0) if q else ctx.anchor.year
    else:
        y = None
    if q == 0:  # "last/this/next quarter"
        if ctx.anchor is None:
            return unresolved("XXXX-QX", G.QUARTER)
        current = (ctx.anchor.month - 1) // 3 + 1
        index = (
            ctx.anchor.year * 4 + current - 1 + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
        )
        y, q = divmod(index, 4)
        q += 1
    if y is None:
        return unresolved(f"XXXX-Q{q}", G.QUARTER)
    first, last = cal.quarter_range(y, q)
    return Norm("DATE", f"{y:04d}-Q{q}", first, last, G.QUARTER, True)


def _fiscal(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "fiscal 2024", "FY24", "the 2024 fiscal year", "last fiscal year": TimeML FYyyyy.

    Fiscal years start in different months, so no calendar range is given."""
    y_text = _gi(m, "y") or _gi(m, "y2")
    if y_text:
        y = _year4(y_text)
    elif ctx.anchor is None:
        return unresolved("FYXXXX", G.YEAR)
    else:
        y = ctx.anchor.year + _REL_STEP[m["rel"].lower()]
    return Norm("DATE", f"FY{y:04d}", None, None, G.YEAR, True)


def _shift(anchor: dt.date, unit: str, n: int) -> Norm | None:
    """The calendar unit `n` units away from `anchor` (n may be negative)."""
    if unit == "day":
        return day(anchor + dt.timedelta(days=n))
    if unit == "week":
        return week(anchor + dt.timedelta(weeks=n))
    if unit == "weekend":
        sat = anchor + dt.timedelta(weeks=n, days=5 - anchor.weekday())
        return Norm("DATE", cal.week_value(sat) + "-WE", sat, sat + dt.timedelta(1), G.WEEK, True)
    if unit == "month":
        d = cal.add_months(anchor, n)
        return month(d.year, d.month)
    if unit == "year":
        return year(anchor.year + n)
    if unit == "decade":
        start = (anchor.year // 10 + n) * 10
        first, last = cal.decade_range(start)
        return Norm("DATE", f"{start // 10:03d}", first, last, G.DECADE, True)
    if unit in ("century", "centurie"):
        c = anchor.year // 100 + n
        return Norm(
            "DATE", f"{c:02d}", dt.date(max(1, c * 100), 1, 1), dt.date(c * 100 + 99, 12, 31)
        )
    return None


_REL_STEP = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0,
    "same": 0, "next": 1, "coming": 1, "following": 1,
}  # fmt: skip


def _rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m["rel"].lower()
    unit = m["u"].lower()
    step = _REL_STEP[rel]
    narrative = rel in ("following", "previous", "preceding", "same")
    base = narrative_base(ctx, unit) if narrative else ctx.anchor
    if base is None:
        return unresolved(None, G.UNKNOWN)
    norm = _shift(base, unit, step)
    if norm is None:
        return None
    edge = _gi(m, "edge")
    return Norm(norm.type, norm.value, norm.start_date, norm.end_date, norm.granularity,
                norm.resolved, _mod(f"the {edge}") if edge else None)  # fmt: skip


def _this_edge(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "earlier this month", "later this year": the unit, cut at the anchor."""
    if ctx.anchor is None:
        return unresolved(None, G.UNKNOWN)
    norm = _shift(ctx.anchor, m["u"].lower(), _REL_STEP[m["rel"].lower()])
    if norm is None or norm.start_date is None or norm.end_date is None:
        return norm
    earlier = m["e"].lower() == "earlier"
    if m["rel"].lower() == "this":
        first, last = (norm.start_date, ctx.anchor) if earlier else (ctx.anchor, norm.end_date)
    else:
        first, last = norm.start_date, norm.end_date
    if norm.granularity == G.YEAR and _quarter_of(first) == _quarter_of(last):
        return Norm("DATE", f"{first.year:04d}-Q{_quarter_of(first)}", first, last, G.QUARTER, True)
    return Norm("DATE", norm.value, first, last, norm.granularity, True)


def _quarter_of(d: dt.date) -> int:
    """Calendar quarter (1..4) of `d`."""
    return (d.month - 1) // 3 + 1


def _unit_norm(base: dt.date, unit: str) -> Norm | None:
    """The calendar `unit` (day, week, month, quarter, year) containing `base`."""
    if unit == "quarter":
        q = _quarter_of(base)
        first, last = cal.quarter_range(base.year, q)
        return Norm("DATE", f"{base.year:04d}-Q{q}", first, last, G.QUARTER, True)
    return _shift(base, unit, 0)


_UNIT_STEP = {
    "before": -1, "previous": -1, "prior": -1, "earlier": -1, "after": 1, "later": 1,
    "following": 1,
}  # fmt: skip


def _unit_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the year before", "the month after", "the week prior": one unit from the narrative."""
    unit = m["u"].lower()
    base = narrative_base(ctx, unit)
    if base is None:
        return unresolved(None, _UNIT_GRANULARITY[unit])
    return _shift(base, unit, _UNIT_STEP[m["rel"].lower()])


def _whole(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the entire year", "the whole month": the unit the narrative is in."""
    unit = m["u"].lower()
    base = narrative_base(ctx, unit)
    if base is None:
        return unresolved(None, _UNIT_GRANULARITY[unit])
    return _unit_norm(base, unit)


def _same_year_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the same month a year ago", "the same quarter last year": the narrative's unit, a year
    back."""
    unit = m["u"].lower()
    base = narrative_base(ctx, unit)
    if base is None:
        return unresolved(None, _UNIT_GRANULARITY[unit])
    return _unit_norm(cal.add_years(base, -1), unit)


def _the_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the day", "the end of the day": the narrative's day (else the publication day)."""
    base = ctx.ref or ctx.anchor
    if base is None:
        return unresolved(None, G.DAY)
    edge = (_gi(m, "edge") or "").lower()
    return day(base, "END" if edge == "close" else _mod(f"the {edge}") if edge else None)


def _duration_value(n: float | None, unit: str) -> str:
    """TimeML duration value for `n` units (X when vague)."""
    letter, is_time, mult = UNITS[unit]
    years = {"DE": 10, "CE": 100}.get(letter)
    if years:  # decades and centuries are counted in years, vague ones too (PXY)
        letter, mult = "Y", mult * years
    if n is None:
        amount = "X"
    else:
        n *= mult
        amount = str(int(n)) if n == int(n) else f"{n:g}"
    return ("PT" if is_time else "P") + amount + letter


def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "three days ago", "two weeks later", "a day earlier"."""
    n = parse_number(m["n"])
    unit = m["u"].lower()
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "on", "from now", "hence", "after") else -1
    base = ctx.anchor if direction in ("ago", "from now", "hence") else (ctx.ref or ctx.anchor)
    if n is None or n != int(n) or UNITS[unit][1]:
        return Norm("DATE", None, None, None, G.UNKNOWN, False)
    if base is None:
        return unresolved(None, G.UNKNOWN)
    count = int(n) * UNITS[unit][2] * sign
    letter = UNITS[unit][0]
    if letter == "D":
        return day(base + dt.timedelta(days=count))
    if letter == "W":
        return day(base + dt.timedelta(weeks=count))
    if letter == "M":
        d = cal.add_months(base, count)
        return month(d.year, d.month)
    if letter == "Y":
        return year(base.year + count)
    return _shift(base, "decade" if letter == "DE" else "century", count)


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"].lower()
    single = m["n"].lower() in ("a", "an")
    if unit == "second" and single and not _preceded_by(m, ("for",)):
        return None  # "a second A380": an ordinal, not a duration
    if single and m.string.startswith("s", m.end("u")):
        return None  # "a months-long siege": the article belongs to the noun
    value = _duration_value(parse_number(m["n"]), unit)
    approx = _gi(m, "approx")
    mod = None
    if approx:
        a = approx.lower()
        mod = "APPROX"
        if a in ("more than", "over", "at least"):
            mod = "MORE_THAN" if a != "at least" else "EQUAL_OR_MORE"
        elif a in ("less than", "up to", "nearly", "almost"):
            mod = "LESS_THAN" if a != "up to" else "EQUAL_OR_LESS"
    return Norm("DURATION", value, None, None, G.UNKNOWN, "X" not in value, mod)


def _bare_units(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "for months", "in minutes", "decades-long": a duration of unstated length."""
    unit = (_gi(m, "u") or m["u2"]).lower().rstrip("s")
    return Norm("DURATION", _duration_value(None, unit), None, None, G.UNKNOWN, False)


def _range_first(m: re.Match[str], ctx: Context) -> Norm | None:
    """The first number of "between 60 and 90 days": a duration in the second's unit."""
    n = parse_number(m["n"])
    if n is None:
        return None
    value = _duration_value(n, m["u"].lower())
    return Norm("DURATION", value, None, None, G.UNKNOWN, True)


_SET_WORDS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
}  # fmt: skip


def _set(m: re.Match[str], ctx: Context) -> Norm | None:
    if _gi(m, "adv"):
        return Norm("SET", _SET_WORDS[m["adv"].lower()], None, None, G.UNKNOWN, True)
    if _gi(m, "wd"):
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", None, None, G.DAY, True)
    if _gi(m, "u2"):
        return Norm("SET", _duration_value(1, m["u2"].lower()), None, None, G.UNKNOWN, True)
    n = parse_number(_gi(m, "n") or "1")
    value = _duration_value(n, m["u"].lower())
    return Norm("SET", value, None, None, G.UNKNOWN, "X" not in value)


def _today(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["w"].lower()
    pod = _gi(m, "pod")
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    if ctx.anchor is None:
        return unresolved(None, G.DAY)
    d = ctx.anchor + dt.timedelta(days=offset)
    if word == "tonight" or pod:
        code = "NI" if word == "tonight" else PARTS_OF_DAY[pod.lower()] if pod else "NI"
        return Norm("TIME", f"{d.isoformat()}T{code}", d, d, G.TIME, True)
    return day(d)


def _day_part(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "last night", "this morning"."""
    if ctx.anchor is None:
        return unresolved(None, G.TIME, "TIME")
    d = ctx.anchor - dt.timedelta(days=1 if m["rel"].lower() == "last" else 0)
    return Norm("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", d, d, G.TIME, True)


def _next_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the next day", "the following morning", "the day before", "that day"."""
    rel = (_gi(m, "rel") or "same").lower()
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "before": -1}.get(rel, 0)
    base = ctx.ref or ctx.anchor
    if base is None:
        return unresolved(None, G.DAY)
    d = base + dt.timedelta(days=step)
    pod = _gi(m, "pod")
    if pod and pod.lower() != "day":
        return Norm("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod.lower()]}", d, d, G.TIME, True)
    return day(d)


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (_gi(m, "rel") or "").lower()
    pre = (_gi(m, "pre") or "").lower()
    pod = _gi(m, "pod")
    mod = {"early": "START", "late": "END"}.get(pre)
    if ctx.anchor is None:
        return unresolved(f"XXXX-WXX-{wd + 1}", G.DAY)
    if rel in ("next", "coming"):
        d = cal.weekday_after(ctx.anchor, wd)
    elif ctx.future and rel not in ("last", "past", "previous"):
        d = cal.weekday_after(ctx.anchor - dt.timedelta(days=1), wd)
    elif rel in ("last", "past", "previous"):
        d = cal.weekday_on_or_before(ctx.anchor - dt.timedelta(days=1), wd)
    elif rel == "this":
        d = cal.week_range(ctx.anchor)[0] + dt.timedelta(days=wd)
    else:
        d = cal.weekday_on_or_before(ctx.anchor, wd)
    if pod:
        code = PARTS_OF_DAY[pod.lower()]
        return Norm("TIME", f"{d.isoformat()}T{code}", d, d, G.TIME, True, mod)
    return day(d, mod)


def _yearly_day(kind: str, offset: int) -> Callable[[int], dt.date]:
    """The function year → date of a yearly named day."""
    if kind == "easter":
        return lambda y: cal.easter(y) + dt.timedelta(days=offset)
    return lambda y: cal.nth_weekday(y, 11, 3, 4) + dt.timedelta(days=offset)


def _named_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "Black Monday", "Good Friday": a historical day, or the nearest yearly one by tense."""
    entry = NAMED_DAYS.get(f"{m['name']} {m['wd']}".lower())
    if entry is None:
        return unresolved(None, G.DAY)
    if isinstance(entry, str):
        return day(dt.date.fromisoformat(entry))
    if ctx.anchor is None:
        return unresolved(None, G.DAY)
    return day(cal.nearest_yearly(ctx.anchor, _yearly_day(*entry), future=ctx.future))


def _weekend(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = (_gi(m, "rel") or "").lower()
    if ctx.anchor is None:
        return unresolved("XXXX-WXX-WE", G.WEEK)
    if rel in ("next", "coming") or (ctx.future and not rel):
        step = 1 if ctx.anchor.weekday() >= 5 and rel else 0
    elif rel == "this":
        step = 0
    else:
        step = 0 if ctx.anchor.weekday() >= 5 else -1
    return _shift(ctx.anchor, "weekend", step)


def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour_text = _gi(m, "h") or _gi(m, "h2") or _gi(m, "h3")
    minute_text = _gi(m, "mi") or _gi(m, "mi2") or _gi(m, "mi3") or "00"
    word = (_gi(m, "word") or "").lower()
    if word:
        hour, minute = (12, 0) if word == "noon" else (0, 0)
    elif hour_text is None:
        return None
    else:
        hour, minute = int(hour_text), int(minute_text)
    ampm = (_gi(m, "ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    tz = (_gi(m, "tz") or _gi(m, "tz2") or "").upper()
    zone = "Z" if tz in ("UTC", "GMT") else ""
    base = ctx.ref or ctx.anchor
    if base is None:
        return Norm("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}{zone}", None, None, G.TIME, False)
    return Norm(
        "TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}{zone}", base, base, G.TIME, True
    )


def _ref(m: re.Match[str], ctx: Context) -> Norm | None:
    a = ctx.anchor
    if _gi(m, "past"):
        return Norm("DATE", "PAST_REF", None, a, G.UNKNOWN, True)
    if _gi(m, "present"):
        return Norm("DATE", "PRESENT_REF", a, a, G.UNKNOWN, True)
    return Norm("DATE", "FUTURE_REF", a, None, G.UNKNOWN, True)


def _next_day_before(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the day before", "the day after": one day from the narrative reference."""
    base = ctx.ref or ctx.anchor
    if base is None:
        return unresolved(None, G.DAY)
    return day(base + dt.timedelta(days=1 if m["rel2"].lower() == "after" else -1))


def _fix_next_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """Dispatch for the next_day rule: "the day before" or a relative day/part of day."""
    if _gi(m, "rel2"):
        return _next_day_before(m, ctx)
    pod2 = _gi(m, "pod2")
    if pod2:
        base = ctx.ref or ctx.anchor
        if base is None:
            return unresolved(None, G.DAY)
        if pod2.lower() == "day":
            return day(base)
        return Norm("TIME", f"{base.isoformat()}T{PARTS_OF_DAY[pod2.lower()]}", base, base,
                    G.TIME, True)  # fmt: skip
    return _next_day(m, ctx)


# ---------------------------------------------------------------- rules

_N = NUMBER
_OPT_WD = r"(?:(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_MODW = r"(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)"

_RULE_SPECS: list[tuple[str, str, Handler]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _iso),
    ("slash", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})\b", _slash),
    (
        "month_day",
        rf"{_OPT_WD}(?:{_MODW}[- ]?\s*)?{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?!\s*(?:%|per|,\d))(?:,?\s+(?P<y>\d{{4}})\b)?",
        _month_day,
    ),
    (
        "day_month",
        rf"{_OPT_WD}(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"
        rf"(?:,?\s+(?P<y>\d{{4}})\b)?",
        _month_day,
    ),
    (
        "month",
        rf"(?:(?P<rel>last|next|this)\s+)?(?:{_MODW}[- ]?\s*)?{MONTH}(?![\w.]\w)"
        rf"(?:,?\s+(?:of\s+)?(?P<y>\d{{4}})\b|(?=,?\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year\b))?",
        _month,
    ),
    ("year_mod", rf"\b{_MODW}[- ]\s*(?P<y>1[6-9]\d\d|20\d\d)\b", _year),
    (
        "year",
        r"\b(?:in|since|of|by|until|till|from|before|after|during|through|to|and|year|"
        r"summer|spring|autumn|winter)\s+(?P<x>(?P<y>1[6-9]\d\d|20\d\d))\b(?![-/.,]\d)",
        _year,
    ),
    (
        "decade",
        rf"(?:\bthe\s+)?(?:{_MODW}[- ])?(?:\b(?P<c>1[6-9]|20)?(?P<dd>\d)0'?s\b|'(?P<dd2>\d)0s\b|"
        rf"\b(?P<word>{'|'.join(DECADE_WORDS)})\b)",
        _decade,
    ),
    ("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b", _century),
    (
        "season",
        rf"\b(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?:{_MODW}[- ]?\s*)?{SEASON}\b"
        rf"(?:\s+(?:of\s+)?(?P<y>\d{{4}})\b)?",
        _season,
    ),
    (
        "quarter",
        r"\b(?:the\s+)?(?:(?P<rel>last|this|next|previous|current|coming)\s+quarter\b|"
        r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]quarter\b"
        r"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y>\d{4})\b|(?P<rel2>this|last|next)\s+year\b))?|"
        r"(?-i:Q)(?P<qn>[1-4])(?:\s+(?P<y2>\d{4}))?\b)",
        _quarter,
    ),
    (
        "fiscal",
        r"\b(?:(?:fiscal(?:\s+year)?\s+|(?-i:FY)\s?)(?P<y>\d{4}|\d{2})\b|"
        r"(?:the\s+)?(?P<y2>\d{4})\s+fiscal\s+year\b|"
        r"(?:the\s+)?(?P<rel>last|this|next|current|previous|coming)\s+fiscal\s+year\b)",
        _fiscal,
    ),
    (
        "this_edge",
        r"\b(?P<e>earlier|later)\s+(?P<rel>this|last|next)\s+(?P<u>week|month|year)\b",
        _this_edge,
    ),
    (
        "rel_unit",
        r"\b(?:(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?(?:the\s+)?"
        r"(?P<rel>last|past|previous|preceding|next|coming|this|current|following|same)\s+"
        r"(?P<u>week|weekend|month|year|decade|century)\b",
        _rel_unit,
    ),
    (
        "ago",
        rf"\b{_N}[\s-]+{UNIT}s?\s+(?P<dir>ago|earlier|later|on|from\s+now|hence)\b",
        _ago,
    ),
    (
        "duration",
        r"\b(?:(?P<approx>about|around|nearly|almost|roughly|approximately|more\s+than|over|"
        r"less\s+than|up\s+to|at\s+least|some)\s+)?"
        r"(?:the\s+(?:past|last|next|previous|coming|first|final)\s+)?"
        rf"{_N}[\s-]+(?:(?:trading|business|working|calendar)\s+)?{UNIT}s?(?:-long)?\b"
        r"(?!-old|\s+old\b)",
        _duration,
    ),
    (
        "bare_units",
        r"\b(?:(?:for|over|within|in)\s+(?:(?:just|only|mere|a\s+matter\s+of)\s+)?"
        r"(?P<x>(?P<u>minutes|hours|days|weeks|months|years|decades))\b(?![-’'])|"
        r"(?P<u2>minutes|hours|days|weeks|months|years|decades)-long\b)",
        _bare_units,
    ),
    (
        "range_first",
        rf"\b(?:between|from)\s+(?P<x>(?P<n>{PLAIN_NUMBER}))\s+(?:and|to)\s+"
        rf"(?={PLAIN_NUMBER}[\s-]+{UNIT}s?\b)",
        _range_first,
    ),
    (
        "unit_rel",
        r"\bthe\s+(?P<u>year|month|week)\s+(?P<rel>before|after|previous|prior|earlier|later|"
        r"following)\b(?!\s+(?:the|a|an|that|this|his|her|its|their|when|which)\b)",
        _unit_rel,
    ),
    ("whole", r"\bthe\s+(?:entire|whole|full)\s+(?P<u>year|month|week|day)\b", _whole),
    (
        "same_year_ago",
        r"\bthe\s+same\s+(?P<u>day|week|month|quarter)\s+(?:(?:a|one)\s+year\s+"
        r"(?:ago|earlier|before)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+"
        r"year)\b",
        _same_year_ago,
    ),
    (
        "the_day",
        r"\b(?:(?:the\s+)?(?P<edge>start|end|beginning|close|rest|middle|course)\s+of\s+)?"
        r"the\s+(?:trading\s+)?day\b(?!\s+(?:before|after|of|when|that|in|on|which|and)\b|[-’'])",
        _the_day,
    ),
    (
        "set",
        rf"\b(?:(?:every|each|per)\s+(?:(?:other|{_N})\s+)?(?:{UNIT}s?|{WEEKDAY})|"
        r"(?:once|twice|(?P<times>\w+)\s+times)\s+(?:a|an|per)\s+(?P<u2>day|week|month|year)|"
        r"(?P<adv>hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually|annual))\b",
        _set,
    ),
    (
        "today",
        rf"\b(?:(?:earlier|later)\s+)?(?P<w>yesterday|today|tomorrow|tonight)\b"
        rf"(?:\s+{POD}\b)?",
        _today,
    ),
    ("day_part", rf"\b(?P<rel>last|this)\s+{POD}\b", _day_part),
    (
        "next_day",
        r"\b(?:the\s+(?P<rel>next|following|previous|preceding|same)\s+"
        r"(?P<pod>day|morning|afternoon|evening|night)|"
        r"that\s+(?P<pod2>day|morning|afternoon|evening|night)|the\s+day\s+(?P<rel2>before|after))\b",
        _fix_next_day,
    ),
    (
        "weekday",
        rf"\b(?:(?P<pre>early|late)\s+)?(?:(?P<rel>last|this|next|coming|past|previous)\s+)?"
        rf"{WEEKDAY}(?:'s|’s)?(?:\s+{POD}\b)?",
        _weekday,
    ),
    ("weekend", r"\b(?:the|(?P<rel>last|this|next|past|coming))\s+weekend\b", _weekend),
    ("named_day", rf"\b(?P<name>(?-i:{'|'.join(NAMED_DAY_WORDS)}))\s+{WEEKDAY}\b", _named_day),
    (
        "clock",
        r"\b(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
        r"(?:\s+(?P<tz>(?-i:UTC|GMT|[A-Z]{2,4}T)))?|"
        r"(?P<h2>[01]\d|2[0-3]):?(?P<mi2>[0-5]\d)\s*(?P<tz2>(?-i:UTC|GMT))\b|"
        r"(?P<h3>[01]?\d|2[0-3]):(?P<mi3>[0-5]\d)\b(?!:\d)|(?P<word>noon|midnight)\b)",
        _clock,
    ),
    (
        "ref",
        r"\b(?:(?P<past>recently|lately|recent(?:\s+(?:years|months|weeks|days|times|history))?|"
        r"in\s+the\s+past|previously|formerly|historically)|"
        r"(?P<present>now|currently|nowadays|presently|at\s+present|these\s+days|"
        r"at\s+the\s+moment)|"
        r"(?P<future>(?:in\s+)?the\s+(?:near\s+|distant\s+)?future|(?:in\s+)?the\s+(?:long|short)"
        r"\s+term|in\s+the\s+coming\s+(?:days|weeks|months|years)))\b",
        _ref,
    ),
]


_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_UNIT_WORDS = frozenset(
    {f"{u}{s}" for u in ("second", "minute", "hour", "day", "week", "fortnight", "month", "year")
     for s in ("", "s")} | {"decade", "decades", "century", "centuries", "weekend", "weekends"}
)  # fmt: skip
_POD_WORDS = frozenset(PARTS_OF_DAY)
_RULE_KEYS: dict[str, frozenset[str]] = {
    "iso": frozenset({"#iso"}),
    "slash": frozenset({"#slash"}),
    "month_day": _MONTH_WORDS,
    "day_month": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "year_mod": frozenset({"#year"}),
    "year": frozenset({"#year"}),
    "decade": frozenset({"#decade", *DECADE_WORDS}),
    "century": frozenset({"century"}),
    "season": frozenset(SEASONS),
    "quarter": frozenset({"quarter", "q"}),
    "fiscal": frozenset({"fiscal", "fy"}),
    "this_edge": _UNIT_WORDS,
    "rel_unit": _UNIT_WORDS,
    "ago": _UNIT_WORDS,
    "duration": _UNIT_WORDS,
    "bare_units": _UNIT_WORDS,
    "range_first": _UNIT_WORDS,
    "unit_rel": _UNIT_WORDS,
    "whole": _UNIT_WORDS,
    "same_year_ago": _UNIT_WORDS | {"quarter"},
    "the_day": frozenset({"day"}),
    "set": _UNIT_WORDS | _WEEKDAY_WORDS | frozenset(_SET_WORDS),
    "today": frozenset({"yesterday", "today", "tomorrow", "tonight"}),
    "day_part": _POD_WORDS,
    "next_day": _POD_WORDS | {"day"},
    "weekday": _WEEKDAY_WORDS,
    "weekend": frozenset({"weekend"}),
    "named_day": _WEEKDAY_WORDS,
    "clock": frozenset({"#clock", "am", "pm", "a.m.", "p.m.", "utc", "gmt", "noon", "midnight"}),
    "ref": frozenset(
        {
            "recently",
            "lately",
            "recent",
            "past",
            "previously",
            "formerly",
            "historically",
            "now",
            "currently",
            "nowadays",
            "presently",
            "present",
            "days",
            "moment",
            "future",
            "term",
            "coming",
        }
    ),
}

RULES: tuple[Rule, ...] = tuple(
    Rule(name, re.compile(pattern, re.IGNORECASE), handler, _RULE_KEYS[name])
    for name, pattern, handler in _RULE_SPECS
)
RULE_PRIORITY: dict[str, int] = {rule.name: i for i, rule in enumerate(RULES)}
_KEY_INDEX: dict[str, tuple[str, ...]] = {
    key: tuple(r.name for r in RULES if key in r.keys) for rule in RULES for key in rule.keys
}

_LEADING_JUNK = re.compile(
    r"^(?:(?:on|in|at|during|from|for|of|by|until|till|to|within)\s+)+", re.I
)
_TRAILING_JUNK = re.compile(r"(?:'s|’s|[\s,;:.\-–—])+$")


def span_of(m: re.Match[str]) -> tuple[int, int]:
    """Span of a match: group `x` when the rule marks one, else the whole match, trimmed."""
    if m.groupdict().get("x") is not None:
        start, end = m.start("x"), m.end("x")
    else:
        start, end = m.start(), m.end()
    text = m.string[start:end]
    lead = _LEADING_JUNK.match(text)
    if lead and lead.end() < len(text):
        start += lead.end()
    trail = _TRAILING_JUNK.search(m.string[start:end])
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


_PROBE = Context(anchor=dt.date(2000, 6, 15))
_KEY_WORDS = frozenset(k for keys in _RULE_KEYS.values() for k in keys if not k.startswith("#"))
_TOKEN = re.compile(r"[ap]\.m\.|[a-z]+|\d[\d:/.\-]*s?")
_ISO_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}")
_WINDOW = 40


def _token_class(token: str) -> tuple[str, ...]:
    """Key classes of one token: the word itself, or #year/#iso/#slash/#clock/#decade."""
    if not token[0].isdigit():
        return (token,)
    classes = []
    if _ISO_TOKEN.fullmatch(token):
        classes.append("#iso")
    if "/" in token:
        classes.append("#slash")
    if ":" in token or "." in token:
        classes.append("#clock")
    if token.endswith("s"):
        classes.append("#decade")
    if token[:4].isdigit() and 1600 <= int(token[:4]) <= 2099:
        classes.append("#year")
    return tuple(classes)


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged stretches of text around tokens that can start one of its matches."""
    by_rule: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for tok in _TOKEN.finditer(text.lower()):
        word = tok.group()
        if not (word in _KEY_WORDS or word[0].isdigit()):
            continue
        for cls in _token_class(word):
            for name in _KEY_INDEX.get(cls, ()):
                start, end = max(0, tok.start() - _WINDOW), min(n, tok.end() + _WINDOW)
                spans = by_rule.setdefault(name, [])
                if spans and start <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
    return by_rule


def scan(text: str) -> list[Candidate]:
    """Non-overlapping grammar matches in `text`, longest first at each position."""
    found: list[Candidate] = []
    windows = _windows(text)
    for rule in RULES:
        for m in _matches(rule, text, windows.get(rule.name, ())):
            start, end = span_of(m)
            cand = Candidate(start, end, rule, m)
            if end > start and normalise(cand, _PROBE) is not None:
                found.append(cand)
    found.sort(key=lambda c: (-(c.end - c.start), RULE_PRIORITY[c.rule.name], c.start))
    chosen: list[Candidate] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _matches(rule: Rule, text: str, windows: Sequence[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Matches of `rule` inside the given windows of `text`."""
    for start, end in windows:
        yield from rule.pattern.finditer(text, start, end)


def normalise(candidate: Candidate, ctx: Context) -> Norm | None:
    """The normalised value of a grammar match in the given context; None if it is not a time
    or falls outside the calendar `datetime` can represent (years 1..9999)."""
    try:
        return candidate.rule.handler(candidate.match, ctx)
    except (ValueError, OverflowError):
        return None
