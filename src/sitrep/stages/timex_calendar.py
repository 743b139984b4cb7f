"""Calendar arithmetic for temporal expressions: pure functions over `datetime.date`.

Input → output: dates and small integers → dates, inclusive ranges and TimeML value strings.
It does not read text; the grammar in `timex_grammar` decides which of these to call.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

Range = tuple[dt.date, dt.date]


def month_range(year: int, month: int) -> Range:
    """First and last day of a calendar month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> Range:
    """First and last day of a calendar year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def decade_range(decade: int) -> Range:
    """First and last day of a decade given by its first year (1990 → 1990..1999)."""
    return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)


def quarter_range(year: int, quarter: int) -> Range:
    """First and last day of a calendar quarter (1..4)."""
    first = 3 * (quarter - 1) + 1
    return month_range(year, first)[0], month_range(year, first + 2)[1]


def season_range(year: int, season: str) -> Range:
    """Inclusive range of a season; winter YYYY-WI runs from December YYYY to February YYYY+1."""
    first, last = SEASON_MONTHS[season]
    if season == "WI":
        return dt.date(year, 12, 1), month_range(year + 1, 2)[1]
    return dt.date(year, first, 1), month_range(year, last)[1]


def week_range(day: dt.date) -> Range:
    """Monday and Sunday of the ISO week containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def week_value(day: dt.date) -> str:
    """TimeML value of the ISO week containing `day` (2025-W11)."""
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` shifted by whole months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` shifted by whole years (29 February becomes 28 February in common years)."""
    return add_months(day, 12 * years)


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The most recent day with ISO weekday index `weekday` (Monday 0) on or before `anchor`."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The first day with weekday index `weekday` (Monday 0) strictly after `anchor`."""
    delta = (weekday - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=delta or 7)


def month_nearest(anchor: dt.date, month: int, *, future: bool) -> int:
    """Year of month `month` nearest `anchor`: on or before it, or on or after it if `future`."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def day_month_nearest(anchor: dt.date, month: int, day: int, *, future: bool) -> dt.date | None:
    """The date month/day nearest to `anchor` on the side given by `future`; None if impossible."""
    years = (anchor.year, anchor.year + 1) if future else (anchor.year, anchor.year - 1)
    for year in (*years, years[-1] + (1 if future else -1) * 3):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        if (future and candidate >= anchor) or (not future and candidate <= anchor):
            return candidate
    return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """`date(year, month, day)`, or None when that day does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def season_of(day: dt.date) -> tuple[int, str]:
    """The season (year, code) containing `day`; January and February belong to last year's WI."""
    for code, (first, last) in SEASON_MONTHS.items():
        if code != "WI" and first <= day.month <= last:
            return day.year, code
    return (day.year if day.month == 12 else day.year - 1), "WI"


def season_last(anchor: dt.date, season: str) -> int:
    """Year of the latest `season` that ended before `anchor` ("last summer")."""
    year = anchor.year
    while season_range(year, season)[1] >= anchor:
        year -= 1
    return year


def season_next(anchor: dt.date, season: str) -> int:
    """Year of the first `season` that starts after `anchor` ("next summer")."""
    year = anchor.year - 1
    while season_range(year, season)[0] <= anchor:
        year += 1
    return year


def season_this(anchor: dt.date, season: str) -> int:
    """Year of `season` in the anchor's seasonal year ("this winter" in January: last Dec's)."""
    current_year, current = season_of(anchor)
    if current == season:
        return current_year
    return anchor.year


def season_nearest(anchor: dt.date, season: str, *, future: bool) -> int:
    """Year of the season nearest `anchor`: begun by then, or (`future`) not yet over."""
    if future:
        year = anchor.year - 1
        while season_range(year, season)[1] < anchor:
            year += 1
        return year
    year = anchor.year + 1
    while season_range(year, season)[0] > anchor:
        year -= 1
    return year


def easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday of `year`, by the anonymous Gregorian computus."""
    golden = year % 19
    century, years = divmod(year, 100)
    leap_c, rest_c = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - leap_c - (century - correction + 1) // 3 + 19 * golden + 15) % 30
    leap_y, rest_y = divmod(years, 4)
    weekday = (32 + 2 * rest_c + 2 * leap_y - moon - rest_y) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The `n`-th (1-based) day with weekday index `weekday` (Monday 0) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def nearest_yearly(anchor: dt.date, on: Callable[[int], dt.date], *, future: bool) -> dt.date:
    """The occurrence of a yearly day (`on(year)`) nearest `anchor`: the latest on or before it,
    or (`future`) the earliest on or after it."""
    days = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if future:
        return min(d for d in days if d >= anchor)
    return max(d for d in days if d <= anchor)
