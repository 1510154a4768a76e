"""Finding every date expression in a sentence, with offsets (`rashomon.model.types.date_find`).

Why: the extractor dates each event from these matches, so the offsets must point at the words,
relative expressions must be flagged for an anchor instead of guessed, and numbers that only
look like years (counts, identifiers, parts of other tokens) must not date anything.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.model.types.date import DatePrecision, DateRange
from rashomon.model.types.date_find import DateMatch, find_dates
from tests.model.spelling import MONTH_NAMES

WEDNESDAY = dt.date(2024, 1, 10)
DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
REFERENCES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))

Row = tuple[str, str | None, bool, str | None]  # words, ISO start..end or None, relative, relation


def rows(text: str, reference: dt.date | None = WEDNESDAY) -> list[Row]:
    found = find_dates(text, reference=reference)
    for match in found:
        assert text[match.start : match.end] == match.text
    return [(m.text, _iso(m), m.relative, m.relation) for m in found]


def _iso(match: DateMatch) -> str | None:
    value = match.value
    return None if value is None else f"{value.start.isoformat()}..{value.end.isoformat()}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen attacked a village on 4 January, a day after the bombing.",
            [("on 4 January", "2024-01-04..2024-01-04", False, None), ("a day after", None, True, "after+1d")],
        ),
        (
            "The blast on Saturday came two days ahead of the vote.",
            [("on Saturday", "2024-01-06..2024-01-06", False, None), ("two days ahead of", None, True, "before-2d")],
        ),
        (
            "A second bomb went off the same day in 2020.",
            [("the same day in 2020", None, True, "same-day-in-2020")],
        ),
        (
            "The group, active since the 1990s, struck in mid-December 2023.",
            [
                ("since the 1990s", "1990-01-01..1999-12-31", False, "since"),
                ("in mid-December 2023", "2023-12-01..2023-12-31", False, None),
            ],
        ),
        (
            "Police said last week that the cell was broken up.",
            [("last week", "2024-01-01..2024-01-07", False, None)],
        ),
        ("The siege lasted from 2015 to 2017.", [("from 2015 to 2017", "2015-01-01..2017-12-31", False, "between")]),
        ("After 2 May 2019 the curfew eased.", [("After 2 May 2019", "2019-05-02..2019-05-02", False, "after")]),
        (
            "The attack came days after the vote and weeks before the festival.",
            [("days after", None, True, "after+?d"), ("weeks before", None, True, "before-?w")],
        ),
        ("Troops left the valley on the eve of the talks.", [("on the eve of", None, True, "before-1d")]),
        ("Fighters struck hours after the truce.", [("hours after", None, True, "same+0d")]),
        (
            "On the night of 3 January 2024 rebels attacked.",
            [("On the night of 3 January 2024", "2024-01-03..2024-01-03", False, None)],
        ),
        (
            "The attack came on the fourth anniversary of the massacre.",
            [("on the fourth anniversary of", None, True, "anniversary+4y")],
        ),
    ],
)
def test_date_find_expressions_in_a_sentence(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_date_find_reference_dates_need_a_reference() -> None:
    (match,) = find_dates("Gunmen attacked on Saturday.")
    assert match.value is None and not match.relative and match.from_reference
    (dated,) = find_dates("Gunmen attacked on Saturday.", reference=WEDNESDAY)
    assert dated.value == DateRange.day(dt.date(2024, 1, 6)) and dated.from_reference
    (explicit,) = find_dates("Gunmen attacked on 6 January 2024.", reference=WEDNESDAY)
    assert not explicit.from_reference


@pytest.mark.parametrize(
    "text",
    [
        "Police said 2000 people fled in the night.",
        "Officials said at least 1999 died.",
        "Officials counted 2,024 graves.",
        "Flight 1900 and Resolution 2254 were debated.",
        "An F-16 flew over Highway 2020 at 10:30.",
        "The COVID-19 ward ran version v2.2024 with 1999% more load and $2000.",
        "The may march will go ahead.",  # lower-case "may" and "march" are verbs
    ],
)
def test_date_find_skips_numbers_and_words_that_date_nothing(text: str) -> None:
    assert rows(text) == []


def test_date_find_the_longest_expression_wins() -> None:
    assert rows("A bomb exploded on 3 January 2024 near the port.") == [
        ("on 3 January 2024", "2024-01-03..2024-01-03", False, None)
    ]


@pytest.mark.xfail(
    reason="bug: a year range followed by a casualty verb is read as a count ('killed' is in "
    "COUNT_NOUN_AFTER), so 'between 2015 and 2020 killed' gives two separate years",
    strict=True,
)
def test_date_find_a_year_range_before_a_casualty_verb() -> None:
    assert rows("Attacks between 2015 and 2020 killed 40 people.") == [
        ("between 2015 and 2020", "2015-01-01..2020-12-31", False, "between")
    ]


# --- properties -----------------------------------------------------------------------------


@given(DAYS, st.sampled_from(["On {}, gunmen attacked a convoy.", "Gunmen attacked a convoy on {} near the river."]))
def test_date_find_any_full_date_in_a_sentence(day: dt.date, template: str) -> None:
    words = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    text = template.format(words)
    (match,) = find_dates(text)
    assert match.text.endswith(words) and text[match.start : match.end] == match.text
    assert match.value == DateRange.day(day)


_PIECES = [
    "on", "in", "since", "the", "a", "day", "days", "after", "before", "later", "two", "3", "4 January", "March",
    "2019", "2,019", "Saturday", "last", "week", "yesterday", "ago", "same", "eve", "of", "next", "following",
    "between", "and", "2015", "-", "2017", "people", "killed", "mid-December 2023", "the 1990s", ",", ".", "F-16",
    "Flight", "anniversary", "hours", "that", "night", "early", "1999", "%", "at least", "said",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=25), REFERENCES)
def test_date_find_matches_are_ordered_disjoint_and_exact(words: list[str], reference: dt.date) -> None:
    text = " ".join(words)
    previous_end = 0
    for match in find_dates(text, reference=reference):
        assert previous_end <= match.start < match.end
        previous_end = match.end
        assert text[match.start : match.end] == match.text == match.text.strip()
        if match.relative:  # waits for an anchor: no value, a relation code
            assert match.value is None and match.relation
        else:
            assert match.value is not None  # a reference was given, so everything else resolves
            assert match.value.start <= match.value.end


_PAST_PIECES = [p for p in _PIECES if p not in ("next", "following")]


@given(st.lists(st.sampled_from(_PAST_PIECES), max_size=25), REFERENCES)
def test_date_find_reference_readings_never_start_after_the_reference(words: list[str], reference: dt.date) -> None:
    """Past tense is the default: what is read from the reference lies on or before it."""
    for match in find_dates(" ".join(words), reference=reference):
        if match.from_reference:
            assert match.value is not None
            assert match.value.start <= reference
            if match.value.precision is DatePrecision.DAY:
                assert match.value.end <= reference
