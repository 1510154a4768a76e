"""Value types: finding every date expression in a sentence, with offsets.

Consumed by `extract` (event dates) on each sentence; produces `DateMatch` values whose offsets
point into the text given. Absolute dates ("3 January 2024", "in 2020", "between 2015 and 2020")
carry their `DateRange`; dates read from the reference ("yesterday", "3 January", "on Wednesday")
carry one when a reference is given; expressions relative to another event ("a day after", "two
days later") carry none: they are `relative` and the caller passes an anchor to `shift`.

The finder does not report numbers that only look like dates: counts ("2,024", "2000 people",
"at least 1999", "January 30 people" as in "in January 30 people died" without a comma is read as
a count), identifiers ("Highway 2020", "Resolution 2254", "Flight 1900"), parts of other tokens
("F-16", "338th", "COVID-19"), times and versions ("10:30", "v2.2024"). When expressions overlap,
the longest wins ("on 3 January 2024" over "2024").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rashomon.model.types import date_relative
from rashomon.model.types.date import COMPILED, MONTH, RELATIONS, WEEKDAYS, DateRange, Prefer
from rashomon.model.types.numbers import COUNT_NOUN_AFTER, names_an_identifier, year_counts


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in text; `start`/`end` are offsets into it and `text` its words.

    `value` is None when the expression is `relative` to another event (pass an anchor and
    `text` to `shift`) or needs a reference that was not given. `from_reference` says the value
    is read from the reference ("yesterday", "3 January", "last week"). `relation` is "since",
    "until", "by", "before", "after" or "from" for a date those words introduce, "between" for
    ranges, and for relative expressions a code such as "after+1d", "before-2d", "after+?d"
    (unknown amount), "same+0d", "anniversary+4y" or "same-day-in-2020"; otherwise None.
    """

    start: int
    end: int
    text: str
    value: DateRange | None
    relative: bool
    relation: str | None
    from_reference: bool = False


_NUMBER_FIRST = frozenset({"dmy", "day_range", "iso", "numeric", "year_range", "year", "decade"})
_COUNTABLE = frozenset({"year", "year_range"})
_RANGES = frozenset({"year_range", "day_range", "month_day_range"})
_NEEDS: dict[str, str] = {
    "dmy": "month", "mdy": "month", "day_range": "month", "month_day_range": "month", "month_year": "month",
    "month": "month", "iso": "digit", "numeric": "digit", "season": "digit", "decade": "digit",
    "year_range": "digit", "year": "digit", "weekday": "weekday", "ago": "word", "period": "word", "day_word": "word",
}  # fmt: skip
_MONTH_RE = re.compile(MONTH, re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"(?-i:" + "|".join(w.title() for w in WEEKDAYS if len(w) > 5) + r")\b", re.IGNORECASE)
_WORD_RE = re.compile(
    r"\b(?:ago|yesterday|today|tonight|tomorrow|last|this|next|past|previous|earlier|later|after|before|prior|ahead|"
    r"following|preceding|subsequent|same|that|eve|anniversary|on)\b",
    re.IGNORECASE,
)
_FIGURE_QUALIFIER_BEFORE = re.compile(
    r"\b(?:at\s+least|more\s+than|over|nearly|almost|some|about|around|approximately|roughly|up\s+to|as\s+many\s+as|"
    r"fewer\s+than|less\s+than|no\s+fewer\s+than|an\s+estimated|a\s+total\s+of|killed|killing|wounded|injured)\s*$",
    re.IGNORECASE,
)


def _glued(text: str, start: int, end: int) -> bool:
    """The span is part of a longer token: "F-16", "v2.2024", "2020s", "1999%", "$2000", "10:2020"."""
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "$€£¥#_@+":
        return True
    if before in "-/:.–" and start > 1 and text[start - 2].isalnum():
        return True
    after = text[end] if end < len(text) else " "
    if after.isalnum() or after in "%_":
        return True
    return after in "-/:.,–" and end + 1 < len(text) and text[end + 1].isdigit()


def _core_start(match: re.Match[str]) -> int:
    if match.start("prep") < 0:
        return match.start()
    index = match.end("prep")
    while index < match.end() and match.string[index].isspace():
        index += 1
    return index


def _is_count(name: str, match: re.Match[str], core: int) -> bool:
    text, end = match.string, match.end()
    if name == "mdy" and not match["y"]:  # "in January 30 people died"
        return COUNT_NOUN_AFTER.match(text, end) is not None
    if name not in _COUNTABLE:
        return False
    if match.start("prep") < 0 and _FIGURE_QUALIFIER_BEFORE.search(text, max(0, core - 24), core):
        return True
    return year_counts(text, core, match.end("y") if name == "year" else end)


def _relation(name: str, match: re.Match[str]) -> str | None:
    prep = " ".join((match["prep"] or "").lower().split())
    relation = RELATIONS.get(prep)
    if name in _RANGES and (relation in (None, "from")):
        return "between"
    return relation


def _absolute(text: str, reference: dt.date | None, prefer: Prefer) -> list[DateMatch]:
    features = {
        "digit": any(c.isdigit() for c in text),
        "month": _MONTH_RE.search(text) is not None,
        "weekday": _WEEKDAY_RE.search(text) is not None,
        "word": _WORD_RE.search(text) is not None,
    }
    found: list[DateMatch] = []
    for name, pattern, handler in COMPILED:
        if not features[_NEEDS[name]]:
            continue
        for match in pattern.finditer(text):
            core = _core_start(match)
            if name in _NUMBER_FIRST and names_an_identifier(text, core):
                continue
            if _glued(text, match.start(), match.end()) or _is_count(name, match, core):
                continue
            if name == "month" and not (match["prep"] or match["w"] or match["q"]):
                continue  # "May" alone may be a verb or a name
            value, from_reference = handler(match, reference, prefer)
            if value is None and not from_reference:
                continue
            found.append(
                DateMatch(match.start(), match.end(), match[0], value, False, _relation(name, match), from_reference)
            )
    return found


def _relative(text: str) -> list[DateMatch]:
    found: list[DateMatch] = []
    for name, pattern in date_relative.COMPILED:
        for match in pattern.finditer(text):
            offset = date_relative.interpret(name, match)
            if offset is not None and not _glued(text, match.start(), match.end()):
                found.append(DateMatch(match.start(), match.end(), match[0], None, True, offset.relation))
    return found


def find_dates(text: str, *, reference: dt.date | None = None, prefer: Prefer = "past") -> list[DateMatch]:
    """Every date expression in `text`, in order, without overlaps (the longest wins).

    `reference` (usually the publication date) resolves "yesterday", "3 January", "on Wednesday";
    `prefer` is as for `parse_date`.
    """
    candidates = _absolute(text, reference, prefer)
    if _WORD_RE.search(text):
        candidates += _relative(text)
    candidates.sort(key=lambda m: (m.start - m.end, m.start))
    chosen: list[DateMatch] = []
    for candidate in candidates:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda m: m.start)
