"""Value types: dates as reports write them, read into ranges at a precision.

Consumed by `extract` (event dates), `ingest` (publication dates) and `resolve` (matching events
by date); produces `DateRange` values. A date is always a closed range `start..end` plus a
`DatePrecision`, so "3 January 2024", "January 2024" and "2024" compare the same way.

Conventions (the reference for analysts):

- **Day, month, year.** "3 January 2024", "January 3, 2024", "Jan. 3, 2024", "3rd of January
  2024", "Wednesday, 3 January 2024", "2024-01-03" give one day at DAY precision.
- **All-numeric dates** are read day first ("03/01/2024" is 3 January), as most of the world
  writes them; month first only when day first is impossible ("01/13/2024" is 13 January).
  Only four-digit years are read ("3.1.24" is not a date).
- **Month and year**: "January 2024" is 2024-01-01..2024-01-31 at MONTH precision. "early",
  "mid-", "late", "the end of", "the beginning of" before a month keep the whole month at MONTH
  precision: the words narrow the month but no data set records a third of a month.
- **Years**: "2020", "in 2020", "early 2014", "the end of 2019" are the whole year at YEAR
  precision. Seasons are their (northern, meteorological) months at YEAR precision: "summer
  2019" is 2019-06-01..2019-08-31, "winter 2019" is 2019-12-01..2020-02-29; the ISO form stays
  "2019". Decades: "the 1990s" is 1990-01-01..1999-12-31 at YEAR precision. Year ranges
  ("between 2015 and 2020", "2015-2020") span both years at YEAR precision.
- **Day ranges**: "3-5 January 2024", "between 3 and 5 January" span the days at DAY precision.
  A DAY range whose start is before its end means "some day in this range".
- **Dates that need the reference** (the publication date, or another date the caller chooses):
  "3 January" (no year), "in May", "on Wednesday", "yesterday", "last week", "two days ago".
  Without a reference they give None. With `prefer="past"` (the default, for publication dates)
  the reading is the latest one not after the reference: "3 January" read on 2 January 2024 is
  3 January 2023, "on Wednesday" is the latest Wednesday on or before the reference. With
  `prefer="nearest"` (when the reference is another event's date) it is the closest reading.
  "last Friday" is strictly before the reference; "next Friday" strictly after.
- **Periods**: "last week" is Monday..Sunday of the week before the reference's week, "this week"
  Monday..the reference, "the past week" the seven days up to the reference (all DAY ranges);
  "last month" and "earlier this month" are whole months at MONTH precision; "last year" and
  "this year" whole years. "a few days ago" is a DAY range 2..7 days before the reference.
- **Relative to another event** ("a day after", "two days later", "the following day"): see
  `shift`; the caller chooses the anchor date.

Parsing uses this module's own patterns; dateparser (fixed settings, English, cached, loaded on
first use) is only a fallback in `parse_date` for absolute dates in other layouts (e.g. feed
timestamps "Wed, 03 Jan 2024 10:00:00 +0000"): it is unreliable on running text and misreads
"mid-December" and "the 1990s".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, Literal

from rashomon.model.types.numbers import NUMBER, parse_number


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


Prefer = Literal["past", "nearest"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A closed interval of days at a precision: one day, one month, one year, or a span of them."""

    start: dt.date
    end: dt.date
    precision: DatePrecision

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"date range starts {self.start} after it ends {self.end}")

    @classmethod
    def day(cls, day: dt.date) -> DateRange:
        return cls(day, day, DatePrecision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), DatePrecision.MONTH)

    @classmethod
    def year(cls, year: int, until: int | None = None) -> DateRange:
        return cls(dt.date(year, 1, 1), dt.date(until or year, 12, 31), DatePrecision.YEAR)


# --- vocabulary -----------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})  # fmt: skip
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def _names(words: dict[str, int], *, abbreviated: bool) -> str:
    """Case-sensitive alternatives (Title and UPPER case), so that "may" and "march" stay verbs."""
    keys = sorted((k for k in words if (k in _ABBREVIATIONS) == abbreviated), key=len, reverse=True)
    forms = "|".join(f"{k.title()}|{k.upper()}" for k in keys)
    return rf"(?-i:{forms})\b\.?" if abbreviated else rf"(?-i:{forms})\b"


#: A month name, capitalised ("January", "JAN", "Jan."); a lower-case "may" or "march" is not a month.
MONTH = rf"(?:{_names(MONTHS, abbreviated=False)}|{_names(MONTHS, abbreviated=True)})"
_WEEKDAY_FULL = _names(WEEKDAYS, abbreviated=False)
_WEEKDAY = rf"(?:{_WEEKDAY_FULL}|{_names(WEEKDAYS, abbreviated=True)})"
YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|to|until|through|and)\s*"
_QUALIFIER = (
    r"(?:early|mid|late|(?:(?:at|towards?|by)\s+)?the\s+(?:very\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|"
    r"second\s+half|first\s+week|last\s+week|first\s+days|last\s+days)\s+of|end\s+of|beginning\s+of|start\s+of)"
)
_PREP = (
    r"(?:(?P<prep>(?:on|in)\s+the\s+(?:night|morning|evening|afternoon|early\s+hours)\s+of|on|in|during|since|until|till|by|before|after|from|prior\s+to|as\s+of|through|throughout|"
    r"following|ahead\s+of|up\s+to|back\s+in|as\s+early\s+as|as\s+recently\s+as)\s+)?"
)
RELATIONS: dict[str, str] = {
    "since": "since", "until": "until", "till": "until", "up to": "until", "by": "by", "before": "before",
    "prior to": "before", "ahead of": "before", "after": "after", "following": "after", "from": "from",
}  # fmt: skip


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


# --- readings -------------------------------------------------------------------------------


def _day(year: int, month: int, day: int) -> DateRange | None:
    try:
        return DateRange.day(dt.date(year, month, day))
    except ValueError:
        return None


def _days(first: DateRange | None, last: DateRange | None) -> DateRange | None:
    if first is None or last is None or first.start > last.end:
        return None
    return DateRange(first.start, last.end, DatePrecision.DAY)


def _without_year(month: int, day: int, reference: dt.date | None, prefer: Prefer) -> DateRange | None:
    """ "3 January" read against the reference: the latest reading not after it, or the nearest."""
    if reference is None:
        return None
    readings = [r for y in range(reference.year - 8, reference.year + 2) if (r := _day(y, month, day))]
    if prefer == "nearest":
        return min(readings, key=lambda r: (abs((r.start - reference).days), r.start > reference), default=None)
    return max((r for r in readings if r.start <= reference), key=lambda r: r.start, default=None)


def _month_alone(month: int, word: str, reference: dt.date | None, prefer: Prefer) -> DateRange | None:
    """ "in May", "last March", "next June": that month in the right year around the reference."""
    if reference is None:
        return None
    here = reference.year * 12 + reference.month - 1
    options = [y * 12 + month - 1 for y in range(reference.year - 1, reference.year + 2)]
    if word == "this":
        options = [reference.year * 12 + month - 1]
    elif word == "last" or (word == "past" and prefer == "past"):
        options = [o for o in options if o < here]
    elif word == "next":
        options = [o for o in options if o > here][:1]
    elif prefer == "past":
        options = [o for o in options if o <= here]
    else:
        options = sorted(options, key=lambda o: (abs(o - here), o > here))[:1]
    return DateRange.month(*_year_month(max(options))) if options else None


def weekday_on_or_before(weekday: int, word: str, reference: dt.date, prefer: Prefer) -> dt.date:
    """ "on Wednesday" read against the reference: on or before it ("last": strictly before, "next": after)."""
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if word == "last":
        return reference - dt.timedelta(days=back or 7)
    if word == "next":
        return reference + dt.timedelta(days=ahead or 7)
    if word == "this":
        return reference + dt.timedelta(days=weekday - reference.weekday())
    if prefer == "nearest" and ahead < back:
        return reference + dt.timedelta(days=ahead)
    return reference - dt.timedelta(days=back)


def _year_month(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar arithmetic: 31 January plus one month is the last day of February."""
    year, month = _year_month(day.year * 12 + day.month - 1 + months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _season(name: str, year: int) -> DateRange:
    first, last = SEASONS[name.lower()]
    end_year = year + 1 if last < first else year
    end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
    return DateRange(dt.date(year, first, 1), end, DatePrecision.YEAR)


def vague_count(words: str) -> int | None:
    """ "two" -> 2, "a" -> 1, "a couple of" -> 2; None for "a few", "several", "some" (2..7 of a unit)."""
    words = " ".join(words.lower().split())
    if words in ("a", "an"):
        return 1
    if words == "a couple of":
        return 2
    return parse_number(words)


Reading = tuple[DateRange | None, bool]  # the value, and whether it was computed from the reference
Handler = Callable[[re.Match[str], dt.date | None, Prefer], Reading]


def _dmy(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    month, day = month_number(m["m"]), _day_number(m["d"])
    if m["y"]:
        return _day(int(m["y"]), month, day), False
    return _without_year(month, day, ref, prefer), True


def _day_range(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    month, first, last = month_number(m["m"]), _day_number(m["d1"]), _day_number(m["d2"])
    if m["y"]:
        return _days(_day(int(m["y"]), month, first), _day(int(m["y"]), month, last)), False
    end = _without_year(month, last, ref, prefer)
    return (None if end is None else _days(_day(end.start.year, month, first), end)), True


def _iso(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    return _day(int(m["y"]), int(m["m"]), int(m["d"])), False


def _all_numeric(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    return _day(year, b, a) or _day(year, a, b), False  # day first unless impossible


def _month_year(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    return DateRange.month(int(m["y"]), month_number(m["m"])), False


def _month_word(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    if not (m["prep"] or m["w"] or m["q"]):  # a bare "May" or "March" may be a verb or a name
        return None, True
    return _month_alone(month_number(m["m"]), (m["w"] or "").lower(), ref, prefer), True


def _season_year(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    return _season(m["s"], int(m["y"])), False


def _decade(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    first = int(m["c"] + m["dd"] + "0") if m["c"] else (1900 if int(m["sd"]) >= 3 else 2000) + int(m["sd"]) * 10
    return DateRange.year(first, first + 9), False


def _year_range(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    first, last_text = int(m["y1"] or m["y1_"]), m["y2"]
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    return (DateRange.year(first, last) if first < last else None), False


def _year(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    return DateRange.year(int(m["y"])), False


def _deictic_day(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    if ref is None:
        return None, True
    word = " ".join(m["w"].lower().split())
    offsets = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}
    return DateRange.day(ref + dt.timedelta(days=offsets.get(word, 0))), True


def _weekday(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    if ref is None:
        return None, True
    word = (m["w"] or "").lower()
    return DateRange.day(weekday_on_or_before(WEEKDAYS[m["wd"].lower()], word, ref, prefer)), True


def _period(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    if ref is None:
        return None, True
    word, unit = " ".join(m["w"].lower().split()), m["u"].lower()
    step = -1 if word.endswith(("last", "previous")) else 1 if word == "next" else 0
    if word in ("past", "the past"):  # the stretch of time up to the reference
        back = {"week": ref - dt.timedelta(days=7), "weekend": ref - dt.timedelta(days=2)}
        start = back.get(unit) or add_months(ref, -1 if unit == "month" else -12)
        return DateRange(start, ref, DatePrecision.DAY), True
    if unit == "month":
        return DateRange.month(*_year_month(ref.year * 12 + ref.month - 1 + step)), True
    if unit == "year":
        return DateRange.year(ref.year + step), True
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7 * step)
    if unit == "weekend":
        return DateRange(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), DatePrecision.DAY), True
    end = ref if step == 0 and prefer == "past" else monday + dt.timedelta(days=6)
    return DateRange(monday, max(monday, end), DatePrecision.DAY), True


def _ago(m: re.Match[str], ref: dt.date | None, prefer: Prefer) -> Reading:
    if ref is None:
        return None, True
    count, unit = vague_count(m["n"]), m["u"].lower().rstrip("s")
    if count is None:  # "a few days ago": some day two to seven units back
        if unit not in ("day", "week"):
            return None, True
        size = 7 if unit == "week" else 1
        return DateRange(ref - dt.timedelta(days=7 * size), ref - dt.timedelta(days=2 * size), DatePrecision.DAY), True
    if unit in ("day", "week"):
        return DateRange.day(ref - dt.timedelta(days=count * (7 if unit == "week" else 1))), True
    if unit == "month":
        return DateRange.month(*_year_month(ref.year * 12 + ref.month - 1 - count)), True
    return DateRange.year(ref.year - count * (10 if unit == "decade" else 1)), True


#: Every form, longest first, as (name, pattern, handler); each is tried after an optional
#: introducing word ("on", "since", "in the early hours of"). The finder guards some by name.
_D, _M, _Y, _OPT_Y = rf"(?P<d>{_DAY})", rf"(?P<m>{MONTH})", rf"(?P<y>{YEAR})", rf"(?:,?\s+(?P<y>{YEAR})\b)?"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_NUM_DAY, _NUM_MONTH = r"(?:3[01]|[12]\d|0?[1-9])", r"(?:1[0-2]|0?[1-9])"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PERIOD_WORD = (
    r"(?P<w>(?:the\s+)?(?:past|previous)|(?:early|late)\s+(?:last|this)|last|this|next|earlier\s+this|later\s+this"
    r"|earlier\s+in\s+the)"
)
_COUNT = rf"(?P<n>an?|a\s+few|several|some|a\s+couple\s+of|{NUMBER})"

FORMS: list[tuple[str, str, Handler]] = [
    ("dmy", rf"{_WD_PREFIX}(?:the\s+)?{_D}(?:\s+of)?\s+{_M}{_OPT_Y}", _dmy),
    ("mdy", rf"{_WD_PREFIX}{_M}\s+(?:the\s+)?{_D}\b{_OPT_Y}(?![:.]\d)", _dmy),
    ("day_range", rf"(?:between\s+)?(?:the\s+)?(?P<d1>{_DAY}){_DASH}(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+{_M}{_OPT_Y}",
     _day_range),
    ("month_day_range", rf"{_M}\s+(?P<d1>{_DAY})\s*(?:-|–|to|through)\s*(?P<d2>{_DAY})\b{_OPT_Y}", _day_range),
    ("iso", rf"{_Y}(?P<sep>[-/.])(?P<m>{_NUM_MONTH})(?P=sep)(?P<d>{_NUM_DAY})(?!\d)", _iso),
    ("numeric", rf"(?P<a>{_NUM_DAY})(?P<sep>[/.-])(?P<b>{_NUM_DAY})(?P=sep){_Y}(?!\d)", _all_numeric),
    ("month_year", rf"(?:{_QUALIFIER}[\s-]*)?{_M},?\s+(?:of\s+)?{_Y}\b", _month_year),
    ("month", rf"(?:(?P<w>last|this|next|past)\s+|(?P<q>{_QUALIFIER})[\s-]*)?{_M}", _month_word),
    ("season", rf"(?:(?:early|late|mid)[\s-]*)?(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?\s+{_Y}\b",
     _season_year),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?:(?P<c>1[89]|20)(?P<dd>\d)0s|['’](?P<sd>\d)0s)\b", _decade),
    ("year_range", rf"(?:between\s+(?P<y1>{YEAR})\s+and\s+|(?P<y1_>{YEAR})\s*(?:-|–|to|until|till|through)\s*)"
     rf"(?P<y2>{YEAR}|\d\d)\b", _year_range),
    ("year", rf"(?:{_QUALIFIER}[\s-]*)?{_Y}\b", _year),
    ("day_word", r"(?P<w>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
     r"|this\s+(?:morning|afternoon|evening))\b", _deictic_day),
    ("weekday", rf"(?:(?P<w>last|this|next|past|early|late)\s+)?(?P<wd>{_WEEKDAY_FULL}){_PART_OF_DAY}", _weekday),
    ("period", rf"{_PERIOD_WORD}\s+(?P<u>week|weekend|month|year)\b", _period),
    ("ago", rf"{_COUNT}\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+ago\b", _ago),
]  # fmt: skip

COMPILED: list[tuple[str, re.Pattern[str], Handler]] = [
    (name, re.compile(_PREP + pattern, re.IGNORECASE), handler) for name, pattern, handler in FORMS
]
_NAME_WORD = re.compile(r"[A-Za-z]+")
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|later|earlier|after|before|next|last|this|yesterday|today|tomorrow)\b", re.IGNORECASE
)


def _capitalise_names(text: str) -> str:
    def fix(word: re.Match[str]) -> str:
        lower = word[0].lower()
        return word[0].title() if lower in MONTHS or lower in WEEKDAYS else word[0]

    return _NAME_WORD.sub(fix, text)


def parse_date(text: str, *, reference: dt.date | None = None, prefer: Prefer = "past") -> DateRange | None:
    """Read one date expression ("3 January 2024", "mid-December 2023", "on Wednesday", "the 1990s").

    Expressions that need the reference ("3 January", "yesterday", "last week") give None
    without one. Expressions relative to another event ("a day after") give None: use `shift`.
    """
    phrase = _capitalise_names(" ".join(text.split()).strip(" ,;:()[]").removesuffix("."))
    if not phrase:
        return None
    for _name, pattern, handler in COMPILED:
        match = pattern.fullmatch(phrase)
        if match is not None:
            value, _from_reference = handler(match, reference, prefer)
            if value is not None:
                return value
    if re.search(YEAR, phrase) and not _RELATIVE_WORDS.search(phrase):
        return _parse_with_dateparser(phrase)
    return None


_PERIODS = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.DAY,
    "time": DatePrecision.DAY,
    "month": DatePrecision.MONTH,
}


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    """One parser per process with fixed settings; its first use loads dateparser's data (~0.1 s)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _parse_with_dateparser(phrase: str) -> DateRange | None:
    """Absolute dates in layouts the patterns above do not cover; the year must be in the text."""
    data = _dateparser().get_date_data(phrase)
    found = data.date_obj
    if found is None or str(found.year) not in phrase:
        return None
    if _PERIODS.get(data.period) is DatePrecision.MONTH:
        return DateRange.month(found.year, found.month)
    return DateRange.day(found.date())
