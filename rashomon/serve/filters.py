"""Serve stage: reading the event filters and paging from a request, the same way for API and pages.

The API declares its parameters with types (so OpenAPI documents them) and hands them here;
the web forms send every field as text, empty when unused, so pages parse leniently: an empty
field filters nothing and a malformed one is a `ConfigError` (400) that names the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rashomon.errors import ConfigError
from rashomon.model.records import EventKind, FigureKind
from rashomon.resolve.figures import DEFAULT_RULE, RULES
from rashomon.serve.queries import SORTS, EventFilter

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
FIGURE_KINDS = tuple(kind.value for kind in FigureKind)
EVENT_KINDS = tuple(kind.value for kind in EventKind)


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name, "").strip()
    return value or None


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        if len(value) == 7:  # a month, as the timeline links send it
            return dt.date.fromisoformat(value + "-01")
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _int(params: Mapping[str, str], name: str, *, low: int = 0, high: int | None = None) -> int | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a whole number") from None
    if number < low or (high is not None and number > high):
        raise ConfigError(f"{name}: {number} is out of range")
    return number


def _choice(params: Mapping[str, str], name: str, choices: tuple[str, ...], default: str | None) -> str | None:
    value = _text(params, name)
    if value is None:
        return default
    if value not in choices:
        raise ConfigError(f"{name}: {value!r} is not one of {', '.join(choices)}")
    return value


def month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_filter(params: Mapping[str, str]) -> EventFilter:
    """The event filter of a query string; `date_to` given as a month or year means its last day."""
    date_to = _date(params, "date_to")
    raw_to = _text(params, "date_to") or ""
    if date_to is not None and len(raw_to) == 7:
        date_to = month_end(date_to)
    elif date_to is not None and len(raw_to) == 4:
        date_to = dt.date(date_to.year, 12, 31)
    return EventFilter(
        kind=_choice(params, "kind", EVENT_KINDS, None),
        date_from=_date(params, "date_from"),
        date_to=date_to,
        country=(_text(params, "country") or "").upper() or None,
        actor=_text(params, "actor"),
        q=_text(params, "q"),
        figure=_choice(params, "figure", FIGURE_KINDS, "killed") or "killed",
        figure_min=_int(params, "figure_min"),
        figure_max=_int(params, "figure_max"),
        conflicts_only=_text(params, "conflicts") in ("1", "true", "on", "yes"),
        sort=_choice(params, "sort", SORTS, "date") or "date",
    )


def parse_rule(params: Mapping[str, str]) -> str:
    return _choice(params, "rule", RULES, DEFAULT_RULE) or DEFAULT_RULE


def parse_paging(params: Mapping[str, str], *, default: int = DEFAULT_LIMIT) -> Paging:
    limit = _int(params, "limit", low=1, high=MAX_LIMIT)
    offset = _int(params, "offset", low=0)
    return Paging(limit if limit is not None else default, offset or 0)
