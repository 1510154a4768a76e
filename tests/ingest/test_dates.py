"""Publication dates from metadata strings and datelines; never from a stray number."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest.dates import date_line, find_dateline, parse_metadata_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("17 January, 2024", dt.date(2024, 1, 17)),
        ("Jan. 17, 2024", dt.date(2024, 1, 17)),
        ("2024-01-17", dt.date(2024, 1, 17)),
        ("Sept. 9th, 2023", dt.date(2023, 9, 9)),
        ("Published: Monday 3 March 2024, 10:45 GMT", dt.date(2024, 3, 3)),
        ("Updated 2024-03-05 10:00 UTC", dt.date(2024, 3, 5)),
        ("By Jane Roe | 3 March 2024", dt.date(2024, 3, 3)),
        ("KABUL, March 3, 2024 (Reuters) - Gunmen attacked", dt.date(2024, 3, 3)),
        ("MOGADISHU, Somalia, Feb. 4, 2023 — A blast", dt.date(2023, 2, 4)),
        ("17 janvier 2024", dt.date(2024, 1, 17)),
        # no year, an event date inside a sentence, numbers that are not dates:
        ("KABUL, March 3 (Reuters) - Gunmen attacked", None),
        ("On Tuesday, 5 March 2024, gunmen attacked a bus", None),
        ("Attack on 3 March 2024 kills five in market", None),
        ("12 killed in 2024 attacks", None),
        ("Election 2024: 5 things to know", None),
        ("Posted on 12/03/2024", None),
        ("31 February 2024", None),
        ("2024", None),
    ],
)
def test_dates_date_line(line: str, expected: dt.date | None) -> None:
    assert date_line(line) == expected


def test_dates_find_dateline_looks_only_near_the_top() -> None:
    top = "Headline here\n\n17 January, 2024\n\nBody."
    assert find_dateline(top) == dt.date(2024, 1, 17)
    buried = "Headline\n" + "\n".join(f"Paragraph {i} of the story." for i in range(12)) + "\n17 January, 2024\n"
    assert find_dateline(buried) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-17T10:00:00Z", dt.date(2024, 1, 17)),
        ("2023-05-09T08:15:00+00:00", dt.date(2023, 5, 9)),
        ("Wed, 17 Jan 2024 01:00:00 +0330", dt.date(2024, 1, 17)),
        ("17 January 2024", dt.date(2024, 1, 17)),
        ("17/01/2024", dt.date(2024, 1, 17)),
        ("01/02/2024", None),  # 1 February or 2 January: refuse to guess
        ("2024-13-01", None),
        ("3 days ago", None),
        ("yesterday", None),
        ("not a date at all", None),
        ("1700-01-01", None),
        (dt.datetime(2020, 5, 1, 23, 0), dt.date(2020, 5, 1)),
        (12345, None),
    ],
)
def test_dates_parse_metadata_date(value: object, expected: dt.date | None) -> None:
    assert parse_metadata_date(value) == expected
