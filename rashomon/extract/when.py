"""Extract stage: dates found in a sentence, resolved against the document's reference date.

Wraps the date value type (`rashomon.model.types.date`) for the extraction rules: absolute
dates resolve against a reference (the publication date, else the last full date the text
gave); relative ones ("a day after the attack") keep their relation until the account they
are relative to is known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rashomon.model.types.date import DateRange
from rashomon.model.types.date_find import find_dates


@dataclass(frozen=True, slots=True)
class DateFound:
    start: int
    end: int
    text: str
    value: DateRange | None
    relative: bool
    relation: str | None


def sentence_dates(text: str, start: int, end: int, *, reference: dt.date | None) -> list[DateFound]:
    """Dates in text[start:end] with document offsets."""
    found = []
    for match in find_dates(text[start:end], reference=reference):
        found.append(
            DateFound(
                start + match.start,
                start + match.end,
                match.text,
                match.value,
                match.relative,
                match.relation,
            )
        )
    return found


def ranges_overlap(a: DateRange, b: DateRange, *, slack_days: int = 0) -> bool:
    slack = dt.timedelta(days=slack_days)
    return a.start - slack <= b.end and b.start - slack <= a.end


def dates_compatible(a: DateFound, b: DateFound) -> bool:
    """Two dates can describe one event when their intervals overlap (unknown is compatible)."""
    if a.value is None or b.value is None:
        return True
    return ranges_overlap(a.value, b.value)


def more_precise(a: DateRange, b: DateRange) -> bool:
    return (a.end - a.start) < (b.end - b.start)
