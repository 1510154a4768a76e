"""Ingest stage: publication dates from metadata strings and from datelines near the top of a text.

Consumes strings, produces `datetime.date`s. The publication date anchors every relative date
extraction resolves later ("on Tuesday", "two days later"), so a wrong one is costly and a
missing one is only a warning (R003). Hence the rules:

- metadata values (HTML meta, feed, record, PDF) are parsed as ISO 8601 or RFC 2822 first,
  then by dateparser with fixed settings: no relative dates, day, month and year all required;
- a dateline is looked for only in the first lines of the text, only as a full date with a
  month name (or ISO 8601), and only on a line that is little more than that date or that
  starts like an agency dateline ("CITY, March 3, 2024 (Agency) -"). A number alone is never
  read as a date, and a date without a year gives nothing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import cache
from typing import Any

# Languages dateparser may use for metadata strings and short date lines. Fixed, so that the
# same string always gives the same date whatever the machine's locale.
DATEPARSER_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "ar", "fa", "tr", "id")
DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_LOCALE_DATE_ORDER": True,
}

EARLIEST_YEAR = 1900
DATELINE_LINES = 8  # how many non-empty lines from the top may carry the dateline
DATELINE_CHARS = 1500  # and how far into the text
MAX_EXTRA_WORDS = 6  # words besides the date on a "By Jane Roe, 3 March 2024" byline

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# "KABUL, March 3, 2024 (Reuters) -": capitalised place, comma, the date straight away, then an
# optional agency in brackets and a dash. Without the dash it is a sentence ("On Tuesday, 5 March
# 2024, gunmen...") and its date is the event's, not the report's.
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?,\s+(?=\S)")
_AGENCY_TAIL = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*[-–—:]")
# Words a "Published: Monday 3 March 2024, 10:45 GMT" line may hold besides the date.
_DATELINE_WORDS = frozenset(
    [
        "published",
        "updated",
        "posted",
        "last",
        "modified",
        "first",
        "issued",
        "released",
        "on",
        "at",
        "date",
        "dated",
        "time",
        "local",
        "am",
        "pm",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "eet",
        "eest",
        "msk",
        "ist",
        "pkt",
        "irst",
        "ast",
        "eat",
        "wat",
        "cat",
        "est",
        "edt",
        "pst",
        "pdt",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
_BYLINE = re.compile(r"^by\s", re.IGNORECASE)
_ISO_LIKE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_WORD = re.compile(r"[^\W\d_]+")
_FOUR_DIGITS = re.compile(r"\b(?:19|20)\d\d\b")


def valid_date(year: int, month: int, day: int, *, today: dt.date | None = None) -> dt.date | None:
    """The date if it exists and is plausible for a report: from 1900 to next year."""
    latest = (today or dt.date.today()).year + 1
    if not EARLIEST_YEAR <= year <= latest:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_metadata_date(value: object) -> dt.date | None:
    """A publication date from a metadata value: a date, a datetime or a string."""
    if isinstance(value, dt.datetime):
        return valid_date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return valid_date(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if _ISO_LIKE.match(text):
        return _iso(text)  # "2024-13-01" is an error, not 13 January
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric is not None:
        return _numeric(numeric)
    return _iso(text) or _rfc2822(text) or _english(text, whole=True) or _dateparser(text)


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline in the first lines of `text`, or None. See the module docstring."""
    lines = [line.strip() for line in text[:DATELINE_CHARS].split("\n") if line.strip()]
    for line in lines[:DATELINE_LINES]:
        found = date_line(line)
        if found is not None:
            return found
    return None


def date_line(line: str) -> dt.date | None:
    """The date a single line states, when the line is a dateline or little more than a date."""
    agency = _AGENCY_DATELINE.match(line)
    if agency is not None:
        found = _agency_date(line[agency.end() :])
        if found is not None:
            return found
    if len(line) > 120:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        rest = [word.lower() for word in _WORD.findall(line[: match.start()] + " " + line[match.end() :])]
        if all(word in _DATELINE_WORDS for word in rest):
            return _from_match(match)
        if _BYLINE.match(line) and len(rest) <= MAX_EXTRA_WORDS:
            return _from_match(match)
        return None
    if len(line) <= 40 and _FOUR_DIGITS.search(line) and _WORD.search(line):
        return _dateparser(line)
    return None


def is_date_line(line: str) -> bool:
    """True when a line is only a date (so it is not a headline)."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is not None:
            rest = line[: match.start()] + " " + line[match.end() :]
            return len(_WORD.findall(rest)) <= 2
    return False


def _from_match(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month").lower().rstrip(".")
    month = _MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    if month is None:
        return None
    return valid_date(int(match.group("year")), month, int(match.group("day")))


def _agency_date(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match is not None and _AGENCY_TAIL.match(text, match.end()):
            return _from_match(match)
    return None


def _english(text: str, *, whole: bool) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if whole and len(_WORD.findall(text[: match.start()] + " " + text[match.end() :])) > 2:
            continue
        return _from_match(match)
    return None


def _iso(text: str) -> dt.date | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    for parse in (dt.datetime.fromisoformat, dt.date.fromisoformat):
        try:
            parsed = parse(candidate)
        except ValueError:
            continue
        return valid_date(parsed.year, parsed.month, parsed.day)
    return None


def _numeric(match: re.Match[str]) -> dt.date | None:
    """12/03/2024 is 12 March in most of the world and 3 December in the US: refuse to guess."""
    first, second, year = (int(part) for part in match.groups())
    if first <= 12 and second <= 12 and first != second:
        return None
    day, month = (first, second) if first > 12 or first == second else (second, first)
    return valid_date(year, month, day)


def _rfc2822(text: str) -> dt.date | None:
    if "," not in text and not text[:1].isdigit():
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return valid_date(parsed.year, parsed.month, parsed.day)


def _dateparser(text: str) -> dt.date | None:
    parsed = _parser()(text)
    if parsed is None:
        return None
    return valid_date(parsed.year, parsed.month, parsed.day)


@cache
def _parser() -> Any:
    """dateparser's parser, built once: importing and configuring it costs about 0.2 s."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=list(DATEPARSER_LANGUAGES), settings=DATEPARSER_SETTINGS)

    def parse(text: str) -> dt.datetime | None:
        found = parser.get_date_data(text)
        return found.date_obj if found is not None else None

    return parse
