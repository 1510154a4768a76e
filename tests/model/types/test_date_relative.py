"""Dates relative to another event: "a day after", "two days ahead of", "the same day in 2020".

Why: many reports date an attack only by another one ("a day after the bombing"); `shift` must
move the anchor by exactly what the words say, keep its precision, and give None rather than a
guess when the words carry no amount it can use (`rashomon.model.types.date_relative`).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model.types.date import DatePrecision, DateRange
from rashomon.model.types.date_relative import Offset, read_offset, shift
from tests.model.spelling import spell

D, M, Y = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
ANCHOR = DateRange.day(dt.date(2024, 1, 31))  # a Wednesday, the last day of a month, in a leap year
MARCH = DateRange.month(2024, 3)
ANCHORS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 12, 31))


def days(start: str, end: str | None = None) -> DateRange:
    return DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end or start), D)


@pytest.mark.parametrize(
    ("expression", "relation"),
    [
        ("a day after", "after+1d"),
        ("one day after", "after+1d"),
        ("the next day", "after+1d"),
        ("the following morning", "after+1d"),
        ("two days later", "after+2d"),
        ("ten days on", "after+10d"),
        ("two days ahead of", "before-2d"),
        ("two days prior to", "before-2d"),
        ("the day before", "before-1d"),
        ("on the eve of", "before-1d"),
        ("three weeks earlier", "before-3w"),
        ("a decade later", "after+10y"),
        ("hours after", "same+0d"),
        ("later that day", "same+0d"),
        ("the same day", "same+0d"),
        ("a few days later", "after+?d"),
        ("weeks before", "before-?w"),
        ("the same day in 2020", "same-day-in-2020"),
        ("on the fourth anniversary of", "anniversary+4y"),
        ("on the 10th anniversary of", "anniversary+10y"),
        ("on the anniversary of", "anniversary+?y"),
    ],
)
def test_date_relative_offsets(expression: str, relation: str) -> None:
    offset = read_offset(expression)
    assert offset is not None
    assert offset.relation == relation


@pytest.mark.parametrize("expression", ["day after", "after", "the bombing", "", "last week", "4 January"])
def test_date_relative_not_relative_expressions(expression: str) -> None:
    assert read_offset(expression) is None
    assert shift(ANCHOR, expression) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("a day after", days("2024-02-01")),
        ("two days ahead of", days("2024-01-29")),
        ("the eve of", days("2024-01-30")),
        ("later that day", ANCHOR),
        ("the same day in 2020", days("2020-01-31")),
        ("a month after", days("2024-02-29")),  # calendar months, clamped to the month's end
        ("a year earlier", days("2023-01-31")),
        ("three weeks later", days("2024-02-21")),
        ("the following week", days("2024-02-05", "2024-02-11")),  # Monday to Sunday
        ("the following month", DateRange.month(2024, 2)),
        ("the previous year", DateRange.year(2023)),
        ("days before", days("2024-01-24", "2024-01-29")),  # two to seven days before
        ("a few days later", days("2024-02-02", "2024-02-07")),
        ("weeks after", days("2024-02-14", "2024-03-27")),  # two to eight weeks after
        ("months after", None),  # no amount, and months are too long to guess a window
        ("on the fourth anniversary of", days("2028-01-31")),
        ("on the anniversary of", None),  # needs a year or a reference
    ],
)
def test_date_relative_shift_a_day(expression: str, expected: DateRange | None) -> None:
    assert shift(ANCHOR, expression) == expected


def test_date_relative_shift_keeps_the_anchor_precision() -> None:
    assert shift(MARCH, "a year earlier") == DateRange.month(2023, 3)
    assert shift(MARCH, "two months later") == DateRange.month(2024, 5)
    assert shift(DateRange.year(2019), "a year later") == DateRange.year(2020)
    assert shift(MARCH, "the same day in 2020") == DateRange.month(2020, 3)


def test_date_relative_anniversary_counts_back_from_the_reference() -> None:
    expected = days("2026-01-31")
    assert shift(ANCHOR, "on the anniversary of", reference=dt.date(2026, 5, 1)) == expected
    assert shift(ANCHOR, "on the anniversary of", reference=dt.date(2026, 1, 15)) == days("2025-01-31")
    assert shift(ANCHOR, "on the anniversary of", reference=dt.date(2024, 6, 1)) is None  # none has passed yet


def test_date_relative_offset_relation_codes() -> None:
    assert Offset(1, 3, "week").relation == "after+3w"
    assert Offset(-1, None, "day").relation == "before-?d"
    assert Offset(0, 0, "month", whole=True).relation == "same+0m"


# --- properties -----------------------------------------------------------------------------


@given(ANCHORS, st.integers(min_value=2, max_value=2000), st.booleans(), st.booleans())
def test_date_relative_n_days_moves_by_n(anchor: dt.date, n: int, in_words: bool, after: bool) -> None:
    amount = spell(n) if in_words else str(n)
    direction = "later" if after else "earlier"
    moved = anchor + dt.timedelta(days=n if after else -n)
    assert shift(DateRange.day(anchor), f"{amount} days {direction}") == DateRange.day(moved)


@given(ANCHORS, st.integers(min_value=2, max_value=200))
def test_date_relative_weeks_are_seven_days(anchor: dt.date, n: int) -> None:
    assert shift(DateRange.day(anchor), f"{n} weeks after") == DateRange.day(anchor + dt.timedelta(weeks=n))
    assert shift(DateRange.day(anchor), f"{n} weeks before") == DateRange.day(anchor - dt.timedelta(weeks=n))


@given(ANCHORS)
def test_date_relative_a_day_after_then_a_day_before_returns(anchor: dt.date) -> None:
    start = DateRange.day(anchor)
    after = shift(start, "a day after")
    assert after is not None
    assert shift(after, "the day before") == start


@given(ANCHORS, st.integers(min_value=1, max_value=120), st.sampled_from(["later", "earlier"]))
def test_date_relative_months_keep_whole_months_whole(anchor: dt.date, n: int, direction: str) -> None:
    month = DateRange.month(anchor.year, anchor.month)
    moved = shift(month, f"{n} months {direction}")
    assert moved is not None and moved.precision is M
    index = anchor.year * 12 + anchor.month - 1 + (n if direction == "later" else -n)
    assert moved == DateRange.month(index // 12, index % 12 + 1)


@given(ANCHORS, st.integers(min_value=1900, max_value=2090))
def test_date_relative_the_same_day_in_a_year(anchor: dt.date, year: int) -> None:
    moved = shift(DateRange.day(anchor), f"the same day in {year}")
    assert moved is not None and moved.start == moved.end and moved.start.year == year
    assert moved.start.month == anchor.month
    assert moved.start.day == anchor.day or (anchor.month, anchor.day, moved.start.day) == (2, 29, 28)


@given(ANCHORS, st.sampled_from(["days after", "a few days later", "several days after", "days before"]))
def test_date_relative_an_unknown_amount_is_a_window_on_its_side(anchor: dt.date, expression: str) -> None:
    window = shift(DateRange.day(anchor), expression)
    assert window is not None and window.precision is D
    if "before" in expression:
        assert (anchor - window.end).days == 2 and (anchor - window.start).days == 7
    else:
        assert (window.start - anchor).days == 2 and (window.end - anchor).days == 7
