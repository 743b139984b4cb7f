"""Property tests for the dates stage over publication dates and generated sentences.

- a weekday in a past-tense clause resolves on or before the publication day, at most six
  days before it; in a future-tense clause, never before it;
- every calendar range the grammar produces has start ≤ end, whatever the anchor, tense and
  narrative context.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from sitrep.model import Granularity
from sitrep.stages import timex_grammar as grammar
from sitrep.stages.dates import find_times

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ANCHORS = st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31))
PAST = [
    "Troops shelled the town on {d}.",
    "The minister resigned {d}.",
    "Rebels said they had seized the depot on {d}.",
    "Protesters gathered {d} morning.",
]
FUTURE = ["The ministers will meet on {d}.", "Talks are expected to resume on {d}.",
          "A vote is scheduled for {d}.", "The envoy will arrive {d} evening."]  # fmt: skip
SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


def _weekday_dates(nlp: Language, text: str, anchor: dt.date) -> list[dt.date]:
    """Start dates of the weekday expressions found in `text`."""
    return [
        t.start_date
        for t in find_times(nlp(text), anchor=anchor)
        if t.start_date is not None and any(w in t.text for w in WEEKDAYS)
    ]


@SLOW
@given(ANCHORS, st.sampled_from(WEEKDAYS), st.sampled_from(PAST))
def test_past_weekday_within_six_days_before(
    nlp: Language, anchor: dt.date, weekday: str, template: str
) -> None:
    found = _weekday_dates(nlp, template.format(d=weekday), anchor)
    assert found
    for d in found:
        assert 0 <= (anchor - d).days <= 6
        assert WEEKDAYS[d.weekday()] == weekday


@SLOW
@given(ANCHORS, st.sampled_from(WEEKDAYS), st.sampled_from(FUTURE))
def test_future_weekday_never_before_anchor(
    nlp: Language, anchor: dt.date, weekday: str, template: str
) -> None:
    found = _weekday_dates(nlp, template.format(d=weekday), anchor)
    assert found
    for d in found:
        assert 0 <= (d - anchor).days <= 7


@given(ANCHORS, st.integers(0, 6), st.booleans())
def test_grammar_weekday_side_follows_tense(anchor: dt.date, weekday: int, future: bool) -> None:
    text = f"on {WEEKDAYS[weekday]}"
    (cand,) = grammar.scan(text)
    norm = grammar.normalise(cand, grammar.Context(anchor, future=future))
    assert norm is not None and norm.start_date is not None
    delta = (norm.start_date - anchor).days
    assert (0 <= delta <= 7) if future else (-6 <= delta <= 0)


# ---------------------------------------------------------------- ranges

FRAGMENTS = [
    "last", "next", "this", "the following", "the previous", "the same", "earlier this",
    "later this", "early", "mid-", "late", "the end of", "since", "in", "on", "a year ago",
    "three", "a", "two hundred", "several", "days", "week", "month", "year", "quarter",
    "decade", "weekend", "summer", "winter", "spring", "fall", "January", "December", "March 3",
    "February 29", "2024", "1999", "the 1990s", "Monday", "Friday night", "Good Friday",
    "yesterday", "tomorrow", "tonight", "the day", "the day after", "the next day",
    "ago", "later", "earlier", "before", "after", "the entire", "fiscal", "the third quarter",
    "of", "and", "between", "to", "at 9 a.m.", "16:15 UTC", ",", "now", "recently", "the year",
]  # fmt: skip
KNOWN = [g for g in Granularity if g is not Granularity.UNKNOWN]
CONTEXTS = st.builds(
    grammar.Context,
    anchor=st.one_of(st.none(), ANCHORS),
    future=st.booleans(),
    ref=st.one_of(st.none(), ANCHORS),
    last=st.one_of(
        st.none(),
        st.tuples(ANCHORS, st.sampled_from(KNOWN)),
    ),
)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8), CONTEXTS)
def test_every_grammar_range_is_ordered(words: list[str], ctx: grammar.Context) -> None:
    text = " ".join(words)
    for cand in grammar.scan(text):
        norm = grammar.normalise(cand, ctx)
        if norm is None or norm.start_date is None or norm.end_date is None:
            continue
        assert norm.start_date <= norm.end_date, (text[cand.start : cand.end], norm)


@SLOW
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=10), ANCHORS)
def test_every_found_range_is_ordered(nlp: Language, words: list[str], anchor: dt.date) -> None:
    text = "Officials said " + " ".join(words) + "."
    for t in find_times(nlp(text), anchor=anchor):
        assert text[t.start : t.end] == t.text
        if t.start_date is not None and t.end_date is not None:
            assert t.start_date <= t.end_date, t
