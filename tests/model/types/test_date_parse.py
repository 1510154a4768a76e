"""Single date expressions read into ranges at a precision (`rashomon.model.types.date`).

Why: an event's date decides which reports `resolve` may merge, so "January 2020" must be the
whole month at MONTH precision and "on Saturday" must never land after the day the report was
written. The conventions tested here are those in the module docstring. Publication dates of
documents are tested in tests/ingest/test_dates.py.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model.types.date import DatePrecision, DateRange, add_months, parse_date, vague_count
from tests.model.spelling import MONTH_NAMES, ordinal

D, M, Y = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
WEDNESDAY = dt.date(2024, 1, 10)
DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
REFERENCES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
WEEKDAY_NAMES = list(calendar.day_name)


def span(phrase: str, reference: dt.date | None = None) -> tuple[str, str, DatePrecision]:
    value = parse_date(phrase, reference=reference)
    assert value is not None, phrase
    return value.start.isoformat(), value.end.isoformat(), value.precision


def assert_well_formed(value: DateRange) -> None:
    """MONTH ranges are calendar months, YEAR ranges whole years; every range contains its start."""
    assert value.start <= value.end
    if value.precision is M:
        assert value.start.day == 1
        assert (value.end + dt.timedelta(days=1)).day == 1
    if value.precision is Y:
        assert value.start.day == 1  # a year, or a season from the 1st of its first month
        assert (value.end + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("4 January 2024", ("2024-01-04", "2024-01-04", D)),
        ("January 3, 2024", ("2024-01-03", "2024-01-03", D)),
        ("Jan. 3, 2024", ("2024-01-03", "2024-01-03", D)),
        ("the 3rd of January, 2024", ("2024-01-03", "2024-01-03", D)),
        ("Wednesday, 3 January 2024", ("2024-01-03", "2024-01-03", D)),
        ("JANUARY 3 2024", ("2024-01-03", "2024-01-03", D)),
        ("2024-01-03", ("2024-01-03", "2024-01-03", D)),
        ("03/01/2024", ("2024-01-03", "2024-01-03", D)),  # day first
        ("01/13/2024", ("2024-01-13", "2024-01-13", D)),  # month first only when day first is impossible
        ("Wed, 03 Jan 2024 10:00:00 +0000", ("2024-01-03", "2024-01-03", D)),  # the dateparser fallback
        ("3-5 January 2024", ("2024-01-03", "2024-01-05", D)),
        ("January 2020", ("2020-01-01", "2020-01-31", M)),
        ("mid-December 2023", ("2023-12-01", "2023-12-31", M)),  # "mid" keeps the whole month
        ("the end of February 2024", ("2024-02-01", "2024-02-29", M)),
        ("in 2020", ("2020-01-01", "2020-12-31", Y)),
        ("early 2014", ("2014-01-01", "2014-12-31", Y)),
        ("the first half of 2016", ("2016-01-01", "2016-12-31", Y)),
        ("summer 2019", ("2019-06-01", "2019-08-31", Y)),
        ("winter 2019", ("2019-12-01", "2020-02-29", Y)),  # into the next year, leap day included
        ("the 1990s", ("1990-01-01", "1999-12-31", Y)),
        ("the '80s", ("1980-01-01", "1989-12-31", Y)),
        ("between 2015 and 2020", ("2015-01-01", "2020-12-31", Y)),
        ("2015-17", ("2015-01-01", "2017-12-31", Y)),
    ],
)
def test_date_absolute_expressions(phrase: str, expected: tuple[str, str, DatePrecision]) -> None:
    assert span(phrase) == expected
    assert span(phrase, WEDNESDAY) == expected  # a reference changes nothing for a full date


@pytest.mark.parametrize(
    "phrase",
    ["31 February 2024", "3.1.24", "May", "a day after", "between 2021 and 2019", "1700", "2100", "", " , "],
)
def test_date_not_a_date(phrase: str) -> None:
    assert parse_date(phrase, reference=WEDNESDAY) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on 4 January", ("2024-01-04", "2024-01-04", D)),
        ("5 January", ("2024-01-05", "2024-01-05", D)),
        ("between 3 and 5 January", ("2024-01-03", "2024-01-05", D)),
        ("4 February", ("2023-02-04", "2023-02-04", D)),  # not yet this year: last year's
        ("in May", ("2023-05-01", "2023-05-31", M)),
        ("last month", ("2023-12-01", "2023-12-31", M)),
        ("earlier this month", ("2024-01-01", "2024-01-31", M)),
        ("last year", ("2023-01-01", "2023-12-31", Y)),
        ("on Saturday", ("2024-01-06", "2024-01-06", D)),
        ("on Wednesday", ("2024-01-10", "2024-01-10", D)),  # the reference day itself
        ("last Wednesday", ("2024-01-03", "2024-01-03", D)),  # strictly before
        ("next Friday", ("2024-01-12", "2024-01-12", D)),
        ("yesterday", ("2024-01-09", "2024-01-09", D)),
        ("the day before yesterday", ("2024-01-08", "2024-01-08", D)),
        ("last week", ("2024-01-01", "2024-01-07", D)),  # Monday to Sunday of the week before
        ("this week", ("2024-01-08", "2024-01-10", D)),  # Monday to the reference
        ("the past week", ("2024-01-03", "2024-01-10", D)),
        ("two days ago", ("2024-01-08", "2024-01-08", D)),
        ("three weeks ago", ("2023-12-20", "2023-12-20", D)),
        ("a few days ago", ("2024-01-03", "2024-01-08", D)),  # some day two to seven days back
    ],
)
def test_date_expressions_read_from_the_reference(phrase: str, expected: tuple[str, str, DatePrecision]) -> None:
    assert parse_date(phrase) is None  # without a reference there is nothing to count from
    assert span(phrase, WEDNESDAY) == expected


def test_date_prefer_nearest_may_read_ahead_of_the_reference() -> None:
    second_of_january = dt.date(2024, 1, 2)
    assert span("3 January", second_of_january)[0] == "2023-01-03"
    nearest = parse_date("3 January", reference=second_of_january, prefer="nearest")
    assert nearest == DateRange.day(dt.date(2024, 1, 3))
    assert parse_date("on Friday", reference=WEDNESDAY, prefer="nearest") == DateRange.day(dt.date(2024, 1, 12))


def test_date_ranges_refuse_to_end_before_they_start() -> None:
    with pytest.raises(ValueError, match="after it ends"):
        DateRange(dt.date(2024, 1, 2), dt.date(2024, 1, 1), D)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2024, 12, 15), 1, dt.date(2025, 1, 15)),
        (dt.date(2024, 1, 15), -13, dt.date(2022, 12, 15)),
    ],
)
def test_date_add_months_clamps_to_the_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("words", "count"), [("a", 1), ("an", 1), ("a couple of", 2), ("two", 2), ("a few", None)])
def test_date_vague_counts(words: str, count: int | None) -> None:
    assert vague_count(words) == count


# --- properties -----------------------------------------------------------------------------


@given(DAYS)
def test_date_any_written_day_reads_back(day: dt.date) -> None:
    month = MONTH_NAMES[day.month - 1]
    expected = DateRange.day(day)
    for phrase in (
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"the {ordinal(day.day)} of {month} {day.year}",
        f"{WEEKDAY_NAMES[day.weekday()]}, {day.day} {month} {day.year}",
        day.isoformat(),
        f"on {day.day:02d}/{day.month:02d}/{day.year}",
    ):
        assert parse_date(phrase) == expected, phrase


@given(DAYS, st.sampled_from(["", "early ", "mid-", "late ", "the end of "]))
def test_date_a_month_is_the_whole_month(day: dt.date, words: str) -> None:
    value = parse_date(f"{words}{MONTH_NAMES[day.month - 1]} {day.year}")
    assert value == DateRange.month(day.year, day.month)
    assert value.start <= day <= value.end
    assert_well_formed(value)


@given(DAYS, st.sampled_from(["in ", "early ", "late ", "the end of ", ""]))
def test_date_a_year_is_the_whole_year(day: dt.date, words: str) -> None:
    value = parse_date(f"{words}{day.year}")
    assert value == DateRange.year(day.year)
    assert value.start <= day <= value.end
    assert_well_formed(value)


@given(REFERENCES, st.integers(min_value=0, max_value=3000), st.sampled_from([("days", 1), ("weeks", 7)]))
def test_date_n_days_ago_is_exactly_that_day(reference: dt.date, n: int, unit: tuple[str, int]) -> None:
    word, size = unit
    expected = DateRange.day(reference - dt.timedelta(days=n * size))
    assert parse_date(f"{n} {word} ago", reference=reference) == expected


@given(REFERENCES, st.sampled_from(WEEKDAY_NAMES), st.sampled_from(["on ", "", "last ", "next "]))
def test_date_a_weekday_lies_in_the_week_the_word_points_to(reference: dt.date, weekday: str, word: str) -> None:
    value = parse_date(f"{word}{weekday}", reference=reference)
    assert value is not None and value.start == value.end and value.precision is D
    assert value.start.strftime("%A") == weekday
    back = (reference - value.start).days
    window = {"last ": range(1, 8), "next ": range(-7, 0)}.get(word, range(7))
    assert back in window


_PAST = [
    "on 4 January", "29 February", "the 31st of December", "January 30", "3-5 March", "in May", "last March",
    "on Saturday", "Saturday night", "last Saturday", "yesterday", "last night", "the day before yesterday", "today",
    "last week", "this week", "the past week", "last weekend", "early last week", "the past month", "last month",
    "earlier this month", "last year", "late last year", "the past year", "a few days ago", "two days ago",
    "several days ago", "some weeks ago", "three weeks ago", "two months ago", "a year ago", "a decade ago",
]  # fmt: skip


@given(REFERENCES, st.sampled_from(_PAST))
def test_date_past_reading_never_starts_after_the_reference(reference: dt.date, phrase: str) -> None:
    """With prefer="past" (reports are written after the fact) no reading begins after the reference;
    a reading to the day also ends by it. Months and years may run on past it."""
    value = parse_date(phrase, reference=reference)
    assert value is not None
    assert value.start <= reference
    if value.precision is D:
        assert value.end <= reference
    assert_well_formed(value)


@given(REFERENCES, DAYS)
def test_date_a_day_without_a_year_is_the_latest_one_not_after_the_reference(reference: dt.date, day: dt.date) -> None:
    value = parse_date(f"{day.day} {MONTH_NAMES[day.month - 1]}", reference=reference)
    assert value is not None and value.precision is D
    found = value.start
    assert (found.month, found.day) == (day.month, day.day)
    assert found <= reference
    for year in range(found.year + 1, reference.year + 1):  # no later reading would do
        if calendar.isleap(year) or (day.month, day.day) != (2, 29):
            assert dt.date(year, day.month, day.day) > reference
