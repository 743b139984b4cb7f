"""Tests for the date rules added for issue 5: narrative-relative units, clock times with their
day, split month/year phrases, vague and ranged durations, named days, fiscal years, numbers.

Each rule is checked with at least two differently worded sentences (written for these tests).
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from sitrep.model import Granularity, TimeExpr
from sitrep.stages import timex_calendar as cal
from sitrep.stages.dates import find_times
from sitrep.stages.timex_lexicon import parse_number

THU = dt.date(2025, 3, 13)  # a Thursday


def times(nlp: Language, text: str, anchor: dt.date | None = THU) -> dict[str, TimeExpr]:
    """Expressions found in `text`, keyed by their text."""
    return {t.text: t for t in find_times(nlp(text), anchor=anchor)}


def value_of(nlp: Language, text: str, expr: str, anchor: dt.date | None = THU) -> str | None:
    """The value given to the expression `expr` in `text`."""
    found = times(nlp, text, anchor)
    assert expr in found, f"{expr!r} not in {list(found)}"
    return found[expr].value


# ---------------------------------------------------------------- narrative-relative units


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The rebels seized the port in 2014. The following year, it was lost.",
         "The following year", "2015"),
        ("Sales fell in 2022 after the previous year had been strong.", "the previous year",
         "2021"),
        ("The dam burst in May 2021; the following month, aid arrived.", "the following month",
         "2021-06"),
        ("Talks opened on February 3. The following week, they stalled.", "The following week",
         "2025-W07"),
    ],
)  # fmt: skip
def test_previous_and_following_count_from_the_narrative(
    nlp: Language, text: str, expr: str, value: str
) -> None:
    assert value_of(nlp, text, expr) == value


def test_following_year_without_narrative_counts_from_anchor(nlp: Language) -> None:
    assert value_of(nlp, "The following year was quieter.", "The following year") == "2026"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Exports dropped last year after climbing the year before.", "the year before", "2023"),
        ("Elections took place in 2019, and the year after, riots began.", "the year after",
         "2020"),
        ("Output hit a record in 2009, up from the year previous.", "the year previous", "2008"),
    ],
)  # fmt: skip
def test_unit_before_or_after(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


def test_unit_after_an_event_is_not_dated_from_the_narrative(nlp: Language) -> None:
    found = times(nlp, "Prices rose in June 2023, the month after the strike ended.")
    assert not any(t.text.lower().startswith("the month after") for t in found.values())


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Profits were $2 billion in 2023, and $5 billion for the entire year.",
         "the entire year", "2023"),
        ("It rained on March 4, and the whole month was wet.", "the whole month", "2025-03"),
        ("The whole year was hard for farmers.", "The whole year", "2025"),
    ],
)  # fmt: skip
def test_whole_unit_is_the_narrative_unit(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Car sales fell 20% in January, compared with the same month a year ago.",
         "the same month a year ago", "2024-01"),
        ("Profits in the third quarter of 2024 beat the same quarter last year.",
         "the same quarter last year", "2023-Q3"),
        ("Traffic on March 2 was double the same day a year earlier.",
         "the same day a year earlier", "2024-03-02"),
    ],
)  # fmt: skip
def test_same_unit_a_year_back(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


# ---------------------------------------------------------------- the day


def test_the_day_is_the_narrative_day(nlp: Language) -> None:
    text = "Shares slid on Monday but recovered by the end of the day."
    t = times(nlp, text)["the end of the day"]
    assert (t.value, t.mod) == ("2025-03-10", "END")
    assert value_of(nlp, "The index rose 2% to end the day at a high.", "the day") == "2025-03-13"


def test_the_day_of_an_event_is_not_a_date(nlp: Language) -> None:
    found = times(nlp, "Nobody spoke about the day of the attack.")
    assert "the day" not in found


def test_the_day_after_follows_the_narrative(nlp: Language) -> None:
    text = "The bridge was hit on March 2. The day after, engineers arrived."
    assert value_of(nlp, text, "The day after") == "2025-03-03"


# ---------------------------------------------------------------- clock times and their day


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The blast happened at 16:15 UTC, June 1st, near the port.", "16:15 UTC",
         "2024-06-01T16:15Z"),
        ("The vote will be held at 9 a.m. on Friday.", "9 a.m", "2025-03-14T09:00"),
        ("Sirens sounded at 10:30 on March 3, 2024.", "10:30", "2024-03-03T10:30"),
    ],
)  # fmt: skip
def test_clock_takes_the_day_that_follows(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


def test_clock_and_weekday_join(nlp: Language) -> None:
    t = times(nlp, "Trading stopped at 12:00 UTC Monday after the crash.")["12:00 UTC Monday"]
    assert (t.type, t.value, t.start_date) == ("TIME", "2025-03-10T12:00Z", dt.date(2025, 3, 10))
    t = times(nlp, "The convoy left at 6 pm Tuesday.")["6 pm Tuesday"]
    assert t.value == "2025-03-11T18:00"


# ---------------------------------------------------------------- month of a relative year


@pytest.mark.parametrize(
    ("text", "month", "value"),
    [
        ("Licences lapse after October of next year.", "October", "2026-10"),
        ("The plant closed in June of last year.", "June", "2024-06"),
    ],
)
def test_month_of_relative_year_is_split(nlp: Language, text: str, month: str, value: str) -> None:
    found = times(nlp, text)
    assert found[month].value == value
    assert any(t.endswith("year") and found[t].granularity is Granularity.YEAR for t in found)


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Stocks have fallen over the past five trading days.", "the past five trading days",
         "P5D"),
        ("The refund takes ten business days.", "ten business days", "P10D"),
        ("The plan collapsed in just minutes.", "minutes", "PTXM"),
        ("Rescuers reached them within hours.", "hours", "PTXH"),
        ("The decades-long feud ended.", "decades-long", "PXY"),
        ("A months-long siege followed.", "months-long", "PXM"),
        ("The review will take between 60 and 90 days.", "60", "P60D"),
        ("Repairs last from two to three weeks.", "two", "P2W"),
        ("The dynasty ruled for two hundred years.", "two hundred years", "P200Y"),
        ("The treaty held for a hundred and fifty years.", "a hundred and fifty years", "P150Y"),
        ("Clashes went on for half a dozen days.", "half a dozen days", "P6D"),
        ("Villages emptied over dozens of years.", "dozens of years", "PXY"),
    ],
)  # fmt: skip
def test_more_durations(nlp: Language, text: str, expr: str, value: str) -> None:
    found = times(nlp, text)
    match = [t for t in found.values() if t.text.endswith(expr)]
    assert match, f"{expr!r} not in {list(found)}"
    assert (match[0].type, match[0].value) == ("DURATION", value)


def test_numbers_above_ninety_nine() -> None:
    assert parse_number("two hundred") == 200
    assert parse_number("one hundred and five") == 105
    assert parse_number("a dozen") == 12
    assert parse_number("hundreds of") is None


# ---------------------------------------------------------------- part of this year


@pytest.mark.parametrize(
    ("anchor", "expr", "value"),
    [
        (dt.date(2006, 10, 5), "later this year", "2006-Q4"),
        (dt.date(2025, 11, 20), "later this year", "2025-Q4"),
        (dt.date(2025, 3, 13), "later this year", "2025"),
        (dt.date(2025, 2, 10), "earlier this year", "2025-Q1"),
        (dt.date(2025, 8, 10), "earlier this year", "2025"),
    ],
)
def test_part_of_this_year(nlp: Language, anchor: dt.date, expr: str, value: str) -> None:
    verb = "will open" if expr.startswith("later") else "opened"
    t = times(nlp, f"The plant {verb} {expr}.", anchor)[expr]
    assert t.value == value
    assert t.start_date is not None and t.end_date is not None
    assert t.start_date <= anchor <= t.end_date


# ---------------------------------------------------------------- names that are not dates


def test_year_inside_a_name_is_not_a_date(nlp: Language) -> None:
    found = times(nlp, "The Russell 2000 index fell, as did shares of Acme.")
    assert not any(t.value == "2000" for t in found.values())
    found = times(nlp, "Users still run Windows 2000 in some offices.")
    assert not any(t.value == "2000" for t in found.values())
    assert value_of(nlp, "The dam was built in 2000.", "2000") == "2000"
    assert value_of(nlp, "It rained in March 2000.", "March 2000") == "2000-03"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Traders still fear another Black Monday.", "Black Monday", "1987-10-19"),
        ("Churches filled on Good Friday.", "Good Friday", "2024-03-29"),
        ("Pilgrims will gather on Good Friday.", "Good Friday", "2025-04-18"),
        ("Stores reported record sales on Black Friday.", "Black Friday", "2024-11-29"),
        ("Bells rang on Easter Monday.", "Easter Monday", "2024-04-01"),
    ],
)
def test_named_days(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


def test_easter_dates() -> None:
    assert cal.easter(2024) == dt.date(2024, 3, 31)
    assert cal.easter(2025) == dt.date(2025, 4, 20)
    assert cal.easter(2000) == dt.date(2000, 4, 23)
    assert cal.nth_weekday(2024, 11, 3, 4) == dt.date(2024, 11, 28)  # Thanksgiving 2024


# ---------------------------------------------------------------- fiscal years


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Revenue for fiscal 2024 rose.", "fiscal 2024", "FY2024"),
        ("The 2023 fiscal year was weak.", "The 2023 fiscal year", "FY2023"),
        ("Profit rose in the current fiscal year.", "the current fiscal year", "FY2025"),
        ("FY24 results beat forecasts.", "FY24", "FY2024"),
    ],
)
def test_fiscal_years(nlp: Language, text: str, expr: str, value: str) -> None:
    t = times(nlp, text)[expr]
    assert (t.value, t.start_date) == (value, None)


def test_expressions_off_the_calendar_are_not_resolved(nlp: Language) -> None:
    import datetime as dt

    from sitrep.stages.dates import find_times

    doc = nlp("Rebels have held the valley since the last decade, a century ago.")
    for t in find_times(doc, anchor=dt.date(1, 6, 1)):  # year 1: "last decade" is year -10
        assert t.start_date is None or t.start_date.year >= 1
