"""Extract stage: dates found in a sentence, resolved against the document's reference date.

Wraps the date value type (`rashomon.model.types.date`) for the extraction rules: absolute
dates resolve against a reference (the publication date, else the last full date the text
gave); relative ones ("a day after the attack") keep their relation until the account they
are relative to is known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rashomon.extract.syntax import Tree
from rashomon.model.types.date import MONTH, DatePrecision, DateRange
from rashomon.model.types.date_find import find_dates


@dataclass(frozen=True, slots=True)
class DateFound:
    start: int
    end: int
    text: str
    value: DateRange | None
    relative: bool
    relation: str | None
    from_reference: bool = False
    inverted: bool = False  # the event is the point the relation counts from ("a day after <it>")


_RELATION_WORDS = frozenset({"after", "before", "following", "preceding"})


def referred_to(tree: Tree, date: DateFound, triggers: Iterable[int]) -> bool:
    """Whether one of a frame's event words (`triggers`, token indices) sits in the phrase that a
    relative date's "after"/"before" governs ("one day after the assassination", "a day after
    bombers had killed 43")."""
    relation = next(
        (t for t in tree.tokens if date.start <= t.start < date.end and t.lemma.lower() in _RELATION_WORDS), None
    )
    if relation is None:
        return False
    under = {t.i for t in tree.subtree(relation)}
    if relation.dep == "mark":
        clause = tree.head(relation)
        under |= {t.i for t in tree.subtree(clause)} if clause is not None else set()
    return any(token in under for token in triggers)


def inverted_text(text: str) -> str:
    """The relation read from the other end: "a day after" -> "a day before"."""
    swaps = {"after": "before", "before": "after", "later": "earlier", "earlier": "later"}
    return re.sub(r"\b(after|before|later|earlier)\b", lambda m: swaps[m[1].lower()], text, flags=re.I)


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
                match.from_reference,
            )
        )
    return found


_MONTH_WORD = re.compile(MONTH, re.IGNORECASE)
_YEAR_WORD = re.compile(r"\b(?:1[89]|20)\d\d\b")


def in_context_year(
    dates: Sequence[DateFound], context: Sequence[DateFound], *, published: dt.date | None
) -> list[DateFound]:
    """Year-less calendar dates ("on 22 March") read in the year of the full date just before
    them ("on 18 March 2016, and four days later, on 22 March"), not the publication's year.

    `context` holds the dates of the last few sentences; dates earlier in the same sentence count
    too. Only a full date to the day or month anchors (a year alone, "in 2019", is background).
    The nearest reading to that date wins; never one after the publication date.
    Weekdays and "yesterday" stay read from the publication date, as news writes them.
    """
    out: list[DateFound] = []
    full = [d for d in context if _full(d)]
    for found in dates:
        if _full(found):
            full.append(found)
        anchor = next((d for d in reversed(full) if d.end <= found.start or d in context), None)
        if found.from_reference and anchor is not None and anchor.value is not None and _calendar(found.text):
            again = find_dates(found.text, reference=anchor.value.start, prefer="nearest")
            value = again[0].value if again else None
            if value is not None and (published is None or value.start <= published):
                found = replace(found, value=value)
        out.append(found)
    return out


def _full(found: DateFound) -> bool:
    """A date given with its year, to the day or the month."""
    return (
        found.value is not None
        and not found.relative
        and not found.from_reference
        and found.value.precision in (DatePrecision.DAY, DatePrecision.MONTH)
    )


def _calendar(text: str) -> bool:
    """A day and month or a month, without a year ("22 March", "in May")."""
    return bool(_MONTH_WORD.search(text)) and not _YEAR_WORD.search(text)


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
