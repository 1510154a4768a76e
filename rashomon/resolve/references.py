"""Resolve stage: does an extracted event describe the same happening as a reference record?

Consumes what linking needs of one event (`LinkTarget`: its date interval, country, admin1,
city and perpetrators with every name they go by) and one `ReferenceRecord` from GTD or
ACLED; produces a `LinkMatch` (score and the features that matched) or None.

The rule, in order; the first two and the place are required:
- the date intervals overlap (a month-precision record overlaps every day of its month);
- the country is the same ISO code;
- the city is the same (folded, or one letter or two apart: "Kirman"/"Kerman"), or, when either
  side has no city, the admin1 is;
- perpetrators, when both sides name one, share an actor (the record's names looked up in the
  vocabulary, or spelled the same as a name of the event's actor, its parent or its branches);
  both naming someone and nobody in common is no link.

The score is the mean of three parts: the date (1 for the same single day, 0.6 for an overlap
only), the place (1 city, 0.7 admin1) and the perpetrator (1 shared, 0.5 not given).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from rashomon.ingest.references import ReferenceRecord
from rashomon.model.vocab.folding import fold_name

_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_CITY_SIMILARITY = 0.93
MAX_LINKS = 5
"""At most this many records are linked to one event, best first."""


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """One event as linking sees it; `actor_ids` and `names` already include parents and branches."""

    event_id: str
    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None
    admin1: str | None
    city: str | None
    actor_ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # folded


@dataclass(frozen=True, slots=True)
class LinkMatch:
    score: float
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReferenceLink:
    """A stored link from an event to a reference record, with why it was made."""

    event_id: str
    record: ReferenceRecord
    score: float
    features: tuple[str, ...]


def name_variants(name: str) -> frozenset[str]:
    """Folded forms of a dataset's actor name: as written, without and inside its parentheses,
    and each side of a colon ("JNIM: Group for Support of Islam and Muslims")."""
    parts = {name, _PARENTHESIS.sub(" ", name)}
    parts.update(match.group(1) for match in _PARENTHESIS.finditer(name))
    for part in list(parts):
        parts.update(part.split(":"))
    return frozenset(folded for part in parts if (folded := fold_name(part)))


def _same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    left, right = fold_name(a), fold_name(b)
    return bool(left) and (left == right or JaroWinkler.similarity(left, right) >= _CITY_SIMILARITY)


def _date_part(target: LinkTarget, record: ReferenceRecord) -> float | None:
    if None in (target.date_start, target.date_end, record.date_start, record.date_end):
        return None
    assert target.date_start and target.date_end and record.date_start and record.date_end
    if target.date_start > record.date_end or record.date_start > target.date_end:
        return None
    single = target.date_start == target.date_end == record.date_start == record.date_end
    return 1.0 if single else 0.6


def _place_part(target: LinkTarget, record: ReferenceRecord) -> tuple[float, str] | None:
    if target.city and record.city:
        return (1.0, "city") if _same_place(target.city, record.city) else None
    if _same_place(target.admin1, record.admin1):
        return 0.7, "admin1"
    return None


def match(
    target: LinkTarget, record: ReferenceRecord, record_actor_ids: frozenset[str] = frozenset()
) -> LinkMatch | None:
    """The link between an event and a record under the module's rule, or None.

    `record_actor_ids` are the vocabulary actors the record's perpetrator names mean.
    """
    if not target.country or target.country != record.country:
        return None
    date = _date_part(target, record)
    if date is None:
        return None
    place = _place_part(target, record)
    if place is None:
        return None
    features = ["date:same-day" if date == 1.0 else "date:overlap", "country", place[1]]
    perpetrator = 0.5
    if record.perpetrators and (target.actor_ids or target.names):
        names = frozenset().union(*(name_variants(name) for name in record.perpetrators))
        if not (record_actor_ids & target.actor_ids or names & target.names):
            return None
        perpetrator = 1.0
        features.append("perpetrator")
    return LinkMatch(round((date + place[0] + perpetrator) / 3, 3), tuple(features))
