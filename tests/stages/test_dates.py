"""Tests for the dates stage: temporal expressions, their TimeML values and event dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from sitrep.model import Granularity, TimeExpr
from sitrep.stages import timex_calendar as cal
from sitrep.stages import timex_grammar as grammar
from sitrep.stages.dates import event_when, find_dateline, find_times
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


# ---------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The army retook the village on Thursday.", "Thursday", "2025-03-13"),
        ("Shelling hit the port on Wednesday.", "Wednesday", "2025-03-12"),
        ("Talks collapsed Tuesday after a day of wrangling.", "Tuesday", "2025-03-11"),
        ("Envoys met last Friday in Riyadh.", "last Friday", "2025-03-07"),
        ("The ministers will meet on Friday in Geneva.", "Friday", "2025-03-14"),
        ("Delegations are expected to arrive on Monday.", "Monday", "2025-03-17"),
        ("A vote is scheduled for next Tuesday.", "next Tuesday", "2025-03-18"),
    ],
)
def test_weekdays_follow_tense(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


def test_weekday_part_of_day_and_early(nlp: Language) -> None:
    found = times(nlp, "Drones struck early Thursday. More came Wednesday night.")
    assert found["early Thursday"].value == "2025-03-13"
    assert found["early Thursday"].mod == "START"
    night = found["Wednesday night"]
    assert (night.type, night.value, night.granularity) == (
        "TIME",
        "2025-03-12TNI",
        Granularity.TIME,
    )


def test_possessive_weekday(nlp: Language) -> None:
    found = times(nlp, "Wednesday's strike killed four people.")
    assert found["Wednesday"].value == "2025-03-12"


# ---------------------------------------------------------------- absolute forms


@pytest.mark.parametrize(
    ("text", "expr", "value", "granularity"),
    [
        ("The offensive began on 13 March 2025.", "13 March 2025", "2025-03-13", Granularity.DAY),
        ("It was signed on March 3, 2022.", "March 3, 2022", "2022-03-03", Granularity.DAY),
        ("The siege began in March 2022.", "March 2022", "2022-03", Granularity.MONTH),
        ("Fighting flared in 2014 and again later.", "2014", "2014", Granularity.YEAR),
        ("The dispute dates back to the 1990s.", "the 1990s", "199", Granularity.DECADE),
        ("It was a hit in the '80s.", "the '80s", "198", Granularity.DECADE),
        ("Results for the third quarter of 2024 came out.", "the third quarter of 2024", "2024-Q3",
         Granularity.QUARTER),
        ("The base was built in the 19th century.", "the 19th century", "18", Granularity.UNKNOWN),
    ],
)  # fmt: skip
def test_absolute_dates(
    nlp: Language, text: str, expr: str, value: str, granularity: Granularity
) -> None:
    found = times(nlp, text)
    assert found[expr].value == value
    assert found[expr].granularity == granularity
    assert found[expr].resolved


def test_absolute_dates_resolve_without_anchor(nlp: Language) -> None:
    found = times(nlp, "The town fell on February 24, 2022.", anchor=None)
    t = found["February 24, 2022"]
    assert (t.value, t.start_date, t.resolved) == ("2022-02-24", dt.date(2022, 2, 24), True)


def test_leap_days(nlp: Language) -> None:
    assert value_of(nlp, "A raid on February 29, 2024 failed.", "February 29, 2024") == "2024-02-29"
    impossible = times(nlp, "A raid on February 29, 2023 failed.")
    assert all(t.value is None and not t.resolved for t in impossible.values())
    assert (
        value_of(nlp, "Troops left a year ago.", "a year ago", anchor=dt.date(2024, 2, 29))
        == "2023"
    )


def test_month_without_year_is_nearest_past_or_future(nlp: Language) -> None:
    january = dt.date(2025, 1, 10)
    assert value_of(nlp, "The town fell in December.", "December", january) == "2024-12"
    assert value_of(nlp, "Elections will be held in December.", "December", january) == "2025-12"
    assert value_of(nlp, "The truce was agreed in March.", "March") == "2025-03"


def test_may_as_modal_is_not_a_month(nlp: Language) -> None:
    assert "May" not in times(nlp, "May the talks succeed. Officials may resign.")
    assert value_of(nlp, "The strike happened in May.", "May") == "2024-05"


# ---------------------------------------------------------------- seasons and since


def test_last_summer_depends_on_anchor(nlp: Language) -> None:
    march = times(nlp, "Ukraine invaded the region last summer.")["last summer"]
    assert (march.value, march.start_date, march.end_date) == (
        "2024-SU", dt.date(2024, 6, 1), dt.date(2024, 8, 31))  # fmt: skip
    assert march.granularity == Granularity.SEASON
    december = dt.date(2025, 12, 5)
    assert value_of(nlp, "Ukraine invaded the region last summer.", "last summer", december) == (
        "2025-SU"
    )


def test_winter_spans_the_year_boundary() -> None:
    assert cal.season_range(2024, "WI") == (dt.date(2024, 12, 1), dt.date(2025, 2, 28))
    assert cal.season_last(dt.date(2025, 3, 13), "WI") == 2024


def test_since_month_runs_to_anchor(nlp: Language) -> None:
    t = times(nlp, "Kyiv's troops have held the area since August.")["since August"]
    assert (t.value, t.start_date, t.end_date) == ("2024-08", dt.date(2024, 8, 1), THU)


# ---------------------------------------------------------------- relative expressions


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Prices rose last week.", "last week", "2025-W10"),
        ("Exports fell last month.", "last month", "2025-02"),
        ("Output dropped last year.", "last year", "2024"),
        ("A summit is planned next year.", "next year", "2026"),
        ("The town was shelled three days ago.", "three days ago", "2025-03-10"),
        ("The ceasefire was agreed earlier this month.", "earlier this month", "2025-03"),
        ("Rockets fell yesterday.", "yesterday", "2025-03-12"),
        ("The minister spoke today.", "today", "2025-03-13"),
        ("Talks resume tomorrow.", "tomorrow", "2025-03-14"),
        ("Sirens sounded last night.", "last night", "2025-03-12TNI"),
    ],
)
def test_relative_to_anchor(nlp: Language, text: str, expr: str, value: str) -> None:
    assert value_of(nlp, text, expr) == value


def test_earlier_this_month_ends_at_anchor(nlp: Language) -> None:
    t = times(nlp, "The ceasefire was agreed earlier this month.")["earlier this month"]
    assert (t.start_date, t.end_date) == (dt.date(2025, 3, 1), THU)


def test_next_day_follows_the_narrative(nlp: Language) -> None:
    text = "Russian forces entered the town on Tuesday. The next day, they raised a flag."
    assert value_of(nlp, text, "The next day") == "2025-03-12"
    text = "The bridge was hit on March 2. Two weeks later, it collapsed."
    assert value_of(nlp, text, "Two weeks later") == "2025-03-16"
    text = "The bridge was hit on March 2. A day later, engineers arrived."
    assert value_of(nlp, text, "A day later") == "2025-03-03"


def test_relative_without_anchor_is_unresolved(nlp: Language) -> None:
    found = times(nlp, "The army retook the village on Thursday after shelling in August.", None)
    assert (found["Thursday"].value, found["Thursday"].resolved) == ("XXXX-WXX-4", False)
    assert (found["August"].value, found["August"].resolved) == ("XXXX-08", False)
    assert found["Thursday"].start_date is None
    assert times(nlp, "Rockets fell yesterday.", None)["yesterday"].resolved is False


# ---------------------------------------------------------------- durations, sets, references


@pytest.mark.parametrize(
    ("text", "expr", "kind", "value"),
    [
        ("The war has lasted three years.", "three years", "DURATION", "P3Y"),
        ("The siege lasted two and a half months.", "two and a half months", "DURATION", "P2.5M"),
        ("The battle raged for 36 hours.", "36 hours", "DURATION", "PT36H"),
        ("Fighting went on for several weeks.", "several weeks", "DURATION", "PXW"),
        ("Convoys leave every week.", "every week", "SET", "P1W"),
        ("Inspectors report monthly.", "monthly", "SET", "P1M"),
        ("Tensions have risen recently.", "recently", "DATE", "PAST_REF"),
        ("Troops are currently deployed.", "currently", "DATE", "PRESENT_REF"),
        ("Talks may resume in the future.", "the future", "DATE", "FUTURE_REF"),
    ],
)
def test_durations_sets_refs(nlp: Language, text: str, expr: str, kind: str, value: str) -> None:
    t = times(nlp, text)[expr]
    assert (t.type, t.value) == (kind, value)


def test_ages_are_not_durations(nlp: Language) -> None:
    assert not any(t.type == "DURATION" for t in find_times(nlp("A 60-year-old man died."),
                                                            anchor=THU))  # fmt: skip


def test_offsets_point_into_text(nlp: Language) -> None:
    text = "On Thursday, March 13, 2025, at 08:30 UTC, troops advanced; by noon they had stopped."
    for t in find_times(nlp(text), anchor=THU):
        assert text[t.start : t.end] == t.text
        assert t.text == t.text.strip()


def test_clock_time(nlp: Language) -> None:
    t = times(nlp, "The first missile hit at 08:30 UTC.")["08:30 UTC"]
    assert (t.type, t.value) == ("TIME", "2025-03-13T08:30Z")


# ---------------------------------------------------------------- dateline


def test_dateline() -> None:
    text = "KYIV, March 13 (Reuters) — Russia said on Thursday it had retaken Sudzha."
    found = find_dateline(text)
    assert found is not None
    start, end, dateline = found
    assert start == 0 and text[end:].startswith("Russia")
    assert dateline.startswith("KYIV, March 13 (Reuters)")
    assert find_dateline("BLANTYRE — Malawi's president said") is not None
    assert find_dateline("Russia said it had retaken the town.") is None


# ---------------------------------------------------------------- event_when


def _when_for(nlp: Language, text: str, trigger: str, anchor: dt.date | None = THU):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = find_times(doc, anchor=anchor)
    start = text.index(trigger)
    return event_when(doc, start, start + len(trigger), found, anchor=anchor)


def test_event_when_trigger_attachment(nlp: Language) -> None:
    when = _when_for(nlp, "Officials said on Wednesday that Russia retook the town on Tuesday.",
                     "retook")  # fmt: skip
    assert (when.start, when.how, when.text) == (dt.date(2025, 3, 11), "trigger", "Tuesday")
    assert when.resolved


def test_event_when_possessive_and_relative_clause(nlp: Language) -> None:
    when = _when_for(nlp, "Wednesday's strike killed four people.", "strike")
    assert (when.start, when.how) == (dt.date(2025, 3, 12), "trigger")
    text = "Troops entered Sudzha, which was captured last summer by Ukraine."
    when = _when_for(nlp, text, "captured")
    assert (when.start, when.end, when.granularity) == (
        dt.date(2024, 6, 1), dt.date(2024, 8, 31), Granularity.SEASON)  # fmt: skip


def test_event_when_narrative_and_unresolved(nlp: Language) -> None:
    text = "Shelling hit Kharkiv on Tuesday. A school was damaged and two people were killed."
    when = _when_for(nlp, text, "damaged")
    assert (when.start, when.how) == (dt.date(2025, 3, 11), "narrative")
    when = _when_for(nlp, text.replace(". A", ".\nA"), "damaged")  # a new paragraph
    assert when.how == "unresolved"
    when = _when_for(nlp, "A school was damaged and two people were killed.", "damaged")
    assert (when.start, when.end, when.resolved, when.how) == (None, THU, False, "unresolved")


def test_event_when_ignores_durations_and_uses_since_start(nlp: Language) -> None:
    when = _when_for(nlp, "The siege lasted three months.", "siege")
    assert not when.resolved
    when = _when_for(nlp, "Ukraine has occupied the area since August.", "occupied")
    assert (when.start, when.end) == (dt.date(2024, 8, 1), THU)


# ---------------------------------------------------------------- properties


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 6))
def test_weekday_within_a_week_on_or_before(anchor: dt.date, weekday: int) -> None:
    m = grammar.RULES[grammar.RULE_PRIORITY["weekday"]].pattern.search(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    )
    assert m is not None
    norm = grammar.normalise(grammar.Candidate(m.start(), m.end(), grammar.RULES[
        grammar.RULE_PRIORITY["weekday"]], m), grammar.Context(anchor))  # fmt: skip
    assert norm is not None and norm.start_date is not None
    assert 0 <= (anchor - norm.start_date).days < 7
    assert norm.start_date.weekday() == weekday


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.sampled_from(["SP", "SU", "FA",
                                                                                "WI"]))  # fmt: skip
def test_last_season_ended_before_anchor(anchor: dt.date, code: str) -> None:
    year = cal.season_last(anchor, code)
    first, last = cal.season_range(year, code)
    assert last < anchor
    assert cal.season_range(year + 1, code)[1] >= anchor
    assert first < last


@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(-400, 400))
def test_add_months_lands_in_the_target_month(day: dt.date, months: int) -> None:
    shifted = cal.add_months(day, months)
    assert (shifted.year * 12 + shifted.month) - (day.year * 12 + day.month) == months
    assert shifted.day <= day.day


@given(st.integers(1, 99))
def test_parse_number_digits(n: int) -> None:
    assert parse_number(str(n)) == n


def test_parse_number_words() -> None:
    assert parse_number("twenty-five") == 25
    assert parse_number("two and a half") == 2.5
    assert parse_number("several") is None
