"""Value types: dates stated relative to another event ("a day after", "two days later", "the next day").

Consumed by `extract`, which picks the anchor (the date of the event the words point to: "a day
after the bombing"); produces `DateRange` values through `shift`, and `Offset` values that say
what an expression means before any anchor is known (`find_dates` reports them as relations).

Conventions:

- "a day after", "one day after", "the next day", "the following day", "the day after", "the
  next morning" are +1 day; "two days later", "two days on" +2; "two days before", "two days
  prior to", "two days ahead of", "the day before", "the eve of" are before the anchor.
- "hours after", "minutes later", "that night", "later that day", "the same day" are the
  anchor's own day (an event late at night may spill into the next day; reports rarely say).
- Weeks are seven days; months and years are calendar steps ("a month after 31 January" is the
  last day of February). The result keeps the anchor's precision: "a year earlier" than March
  2024 (MONTH) is March 2023 (MONTH).
- "the following week" is Monday..Sunday of the week after the anchor's week (a DAY range);
  "the following month" / "the previous year" are whole months / years.
- An unknown amount ("days before", "a few days later", "weeks after") is a DAY range of two to
  seven days (two to eight weeks) on that side of the anchor; unknown months or years give None.
- "the same day in 2020" is the anchor's month and day in 2020. "on the fourth anniversary of"
  is four years after the anchor; "on the anniversary of" needs a year in the expression or a
  `reference` (the latest anniversary not after it), else None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rashomon.model.types.date import YEAR, DatePrecision, DateRange, add_months, vague_count
from rashomon.model.types.numbers import NUMBER

Unit = Literal["day", "week", "month", "year"]

_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_ORDINAL_UNITS)},
    **{w: i + 10 for i, w in enumerate(_ORDINAL_TEENS)},
    **_ORDINAL_TENS,
    **{f"{t}-{u}": n + i + 1 for t, n in _TENS.items() for i, u in enumerate(_ORDINAL_UNITS)},
}
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"

_AFTER = r"later|after(?:wards?)?|on(?!\s+end\b)"
_BEFORE = r"before(?:hand)?|earlier|prior\s+to|ahead\s+of|previously"
_UNITS = r"days?|weeks?|months?|years?|hours?|minutes?|nights?|decades?"

#: Relative expressions, as (name, pattern); `interpret` reads the match.
PATTERNS: list[tuple[str, str]] = [
    ("same_day_in", rf"(?:on\s+)?the\s+same\s+(?:day|date)\s+(?:in|of)\s+(?P<y>{YEAR})\b"),
    ("anniversary", rf"(?:on\s+)?the\s+(?:(?P<ord>{_ORDINAL})\s+)?anniversary(?:\s+of)?\b"),
    ("count", rf"(?:(?P<n>an?|a\s+few|a\s+couple\s+of|several|some|{NUMBER})\s+)?(?P<u>{_UNITS})\s+"
              rf"(?P<dir>{_AFTER}|{_BEFORE})\b"),
    ("next", r"the\s+(?P<w>next|following|subsequent|previous|preceding|prior|same)\s+"
             r"(?P<u>day|morning|afternoon|evening|night|week|month|year)\b"),
    ("the_unit_after", rf"the\s+(?P<u>day|night|evening|morning|week|month|year)\s+(?P<dir>{_AFTER}|{_BEFORE})\b"),
    ("eve", r"(?:on\s+)?the\s+eve\s+of\b"),
    ("that_day", r"(?:(?:earlier|later)\s+(?:on\s+)?)?(?:that|the\s+same)\s+(?:same\s+)?"
                 r"(?P<u>day|night|morning|evening|afternoon|week|month|year)\b"),
]  # fmt: skip
COMPILED: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(p, re.IGNORECASE)) for name, p in PATTERNS]

_YEAR_RE = re.compile(rf"\b{YEAR}\b")
_PART_OF_DAY = ("morning", "afternoon", "evening", "night")


@dataclass(frozen=True, slots=True)
class Offset:
    """What a relative expression means before the anchor is known.

    `sign` is +1 (after), -1 (before) or 0 (the anchor's own day or period); `amount` is None
    when the words give no number ("days before"); `whole` means the result is a whole week,
    month or year ("the following month"); `year` sets the year ("the same day in 2020").
    """

    sign: int
    amount: int | None
    unit: Unit
    whole: bool = False
    year: int | None = None
    anniversary: bool = False

    @property
    def relation(self) -> str:
        """A short code for `DateMatch.relation`: "after+1d", "before-2w", "same+0d", "after+?d"."""
        if self.anniversary:
            return f"anniversary+{'?' if self.amount is None else self.amount}y"
        if self.year is not None:
            return f"same-day-in-{self.year}"
        amount = "?" if self.amount is None else str(self.amount)
        if self.sign == 0:
            return f"same+0{self.unit[0]}"
        return f"after+{amount}{self.unit[0]}" if self.sign > 0 else f"before-{amount}{self.unit[0]}"


_UNIT_WORDS: dict[str, tuple[Unit, int]] = {
    "week": ("week", 1),
    "month": ("month", 1),
    "year": ("year", 1),
    "decade": ("year", 10),
}


def _unit(word: str) -> tuple[Unit, int]:
    """Unit and multiplier of a unit word: "decades" are ten years, "nights" are days."""
    return _UNIT_WORDS.get(word.lower().rstrip("s"), ("day", 1))


def interpret(name: str, match: re.Match[str]) -> Offset | None:
    """The offset one of `COMPILED`'s matches stands for."""
    if name == "same_day_in":
        return Offset(0, 0, "day", year=int(match["y"]))
    if name == "anniversary":
        ordinal = match["ord"]
        years = None if ordinal is None else ORDINALS.get(ordinal.lower()) or int(re.sub(r"\D", "", ordinal))
        return Offset(1, years, "year", anniversary=True)
    if name == "eve":
        return Offset(-1, 1, "day")
    sign = 1
    if match.groupdict().get("dir"):
        sign = -1 if re.fullmatch(_BEFORE, match["dir"], re.IGNORECASE) else 1
    unit_word = match["u"].lower()
    if name == "count":
        if unit_word.startswith(("hour", "minute")):
            return Offset(0, 0, "day")
        count = vague_count(match["n"]) if match["n"] else None
        if match["n"] is None and not unit_word.endswith("s"):
            return None  # "day after" without "the" or a number is not a date expression
        unit, factor = _unit(unit_word)
        return Offset(sign, None if count is None else count * factor, unit)
    if name == "that_day":
        if unit_word in ("week", "month", "year"):
            return Offset(0, 0, _unit(unit_word)[0], whole=True)
        return Offset(0, 0, "day")
    if name == "next":
        word = match["w"].lower()
        if word == "same":
            return (
                Offset(0, 0, "day")
                if unit_word in ("day", *_PART_OF_DAY)
                else Offset(0, 0, _unit(unit_word)[0], whole=True)
            )
        sign = -1 if word in ("previous", "preceding", "prior") else 1
    if unit_word in ("day", *_PART_OF_DAY):
        return Offset(sign, 1, "day")
    return Offset(sign, 1, _unit(unit_word)[0], whole=name == "next")


def read_offset(expression: str) -> Offset | None:
    """The offset a whole relative expression ("two days later", "the following day") stands for."""
    phrase = " ".join(expression.split()).strip(" ,;.")
    for name, pattern in COMPILED:
        match = pattern.fullmatch(phrase)
        if match is not None:
            return interpret(name, match)
    return None


def _add(day: dt.date, amount: int, unit: Unit) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(days=7 * amount)
    return add_months(day, amount * (12 if unit == "year" else 1))


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _moved(anchor: DateRange, amount: int, unit: Unit) -> DateRange:
    start, end = _add(anchor.start, amount, unit), _add(anchor.end, amount, unit)
    if unit in ("month", "year") and anchor.precision is not DatePrecision.DAY and _is_month_end(anchor.end):
        # keep whole months whole (a day on 28 February stays one day, in a leap year too)
        end = add_months(end.replace(day=1), 1) - dt.timedelta(days=1)
    return DateRange(start, end, anchor.precision)


def _whole(anchor: DateRange, offset: Offset) -> DateRange:
    step = offset.sign
    if offset.unit == "year":
        return DateRange.year(anchor.start.year + step)
    if offset.unit == "month":
        moved = add_months(anchor.start.replace(day=1), step)
        return DateRange.month(moved.year, moved.month)
    monday = anchor.start - dt.timedelta(days=anchor.start.weekday()) + dt.timedelta(days=7 * step)
    return DateRange(monday, monday + dt.timedelta(days=6), DatePrecision.DAY)


def _anniversary(anchor: DateRange, offset: Offset, expression: str, reference: dt.date | None) -> DateRange | None:
    if offset.amount is not None:
        return _moved(anchor, offset.amount, "year")
    named = _YEAR_RE.search(expression)
    if named is not None:
        return _moved(anchor, int(named[0]) - anchor.start.year, "year")
    if reference is None or reference.year <= anchor.start.year:
        return None
    latest = _moved(anchor, reference.year - anchor.start.year, "year")
    if latest.start > reference:
        latest = _moved(anchor, reference.year - anchor.start.year - 1, "year")
    return latest if latest.start.year > anchor.start.year else None


def apply_offset(
    anchor: DateRange, offset: Offset, *, expression: str = "", reference: dt.date | None = None
) -> DateRange | None:
    """Move `anchor` by `offset` following the module's conventions."""
    if offset.anniversary:
        return _anniversary(anchor, offset, expression, reference)
    if offset.year is not None:
        return _moved(anchor, offset.year - anchor.start.year, "year")
    if offset.whole:
        return _whole(anchor, offset)
    if offset.amount is None:
        if offset.unit not in ("day", "week"):
            return None
        size = 7 if offset.unit == "week" else 1
        low, high = (2 * size, (8 if size == 7 else 7) * size)
        if offset.sign > 0:
            return DateRange(
                anchor.end + dt.timedelta(days=low), anchor.end + dt.timedelta(days=high), DatePrecision.DAY
            )
        return DateRange(
            anchor.start - dt.timedelta(days=high), anchor.start - dt.timedelta(days=low), DatePrecision.DAY
        )
    return _moved(anchor, offset.sign * offset.amount, offset.unit)


def shift(anchor: DateRange, expression: str, *, reference: dt.date | None = None) -> DateRange | None:
    """The date `expression` ("a day after", "two days before", "the following week") points to,
    counted from `anchor`, the date of the event it is relative to. None if not understood.

    `reference` (the publication date) only serves "on the anniversary of" without a year.
    """
    offset = read_offset(expression)
    if offset is None:
        return None
    return apply_offset(anchor, offset, expression=expression, reference=reference)
