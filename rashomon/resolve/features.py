"""Resolve stage: what two accounts have in common, as hard constraints and scored evidence.

Consumes accounts (with resolved actors and a TF-IDF vector of their text) and produces, for
a pair of accounts, whether they *may* be one event (`compatible`) and how strongly the
evidence says they *are* (`score`, with the feature names that explain it).

Hard constraints (never merge): incompatible kinds, dates that do not overlap (with one day
of slack for reports across time zones), different countries, cities or provinces. The
evidence is additive: an exact date is worth more than a month; a named city more than a
country; the same actor (or a parent/child pair, province -> Islamic State) is positive, two
different known perpetrators weakly negative because reports disagree on who did it; close
tolls and similar wording help a little. A missing date or place is unknown, not a match, so
it costs a little instead of counting as agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rashomon.model.records import Account, DatePrecision, EventKind, FigureKind, FigureScope, PerpetratorStatus
from rashomon.resolve.catalogue import ActorCatalogue
from rashomon.resolve.names import skeleton

MERGE_THRESHOLD = 3.0
"""Score at which two compatible accounts are taken to be one event."""

DATE_SLACK_DAYS = 1
VIOLENT_FAMILY = "violent"
POSITIVE_STATUSES = frozenset({PerpetratorStatus.CLAIMED, PerpetratorStatus.ATTRIBUTED, PerpetratorStatus.SUSPECTED})
_PRECISION = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1}
_UNKNOWN_ATTACK_TYPES = frozenset({"", "unknown"})

# (feature name, weight): the weights are the whole scoring model, kept together to be read at once.
WEIGHTS: Mapping[str, float] = {
    "date:same-day": 3.0,
    "date:adjacent-day": 1.5,
    "date:same-month": 0.5,
    "date:same-year": 0.1,
    "date:unknown": -1.0,
    "date:before-report": -0.5,
    "place:same-city": 2.0,
    "place:same-site": 0.5,
    "place:different-site": -0.5,
    "place:same-admin1": 0.7,
    "place:same-country": 0.2,
    "place:unknown": -0.5,
    "kind:attack-vs-strike": -1.0,
    "kind:violent-vs-other": -0.5,
    "actor:same": 1.5,
    "actor:parent-child": 1.0,
    "actor:different": -0.5,
    "killed:same": 0.5,
    "killed:close": 0.3,
    "attack-type:same": 0.3,
    "attack-type:different": -0.3,
    "suicide:same": 0.2,
    "suicide:different": -0.3,
}
TEXT_WEIGHT = 2.5
"""Multiplies the cosine similarity of the accounts' text."""


@dataclass(frozen=True, slots=True)
class Profile:
    """An account reduced to what matching compares, computed once per account."""

    index: int
    account_id: str
    document_id: str
    kind: EventKind
    family: str
    lo: int | None  # first possible day (ordinal); None when unknown or only bounded above
    hi: int | None  # last possible day (ordinal); None when the date is unknown
    precision: int  # 3 day, 2 month, 1 year, 0 unknown or publication fallback
    country: str | None
    admin1: str | None
    city: str | None
    site: str | None
    actors: frozenset[str]
    lineage: frozenset[str]
    killed: tuple[int, ...]
    attack_type: str | None
    suicide: bool | None
    vector: Mapping[int, float]


def family_of(kind: EventKind) -> str:
    """Attacks, strikes and other violence may be one event seen differently; other kinds only match their own."""
    return VIOLENT_FAMILY if kind in (EventKind.ATTACK, EventKind.STRIKE, EventKind.OTHER) else kind.value


def make_profile(
    index: int,
    account: Account,
    actors: frozenset[str],
    catalogue: ActorCatalogue,
    vector: Mapping[int, float],
) -> Profile:
    """Reduce one account; `actors` are the resolved ids of its positive perpetrator claims."""
    lo: int | None = None
    hi: int | None = None
    precision = 0
    if account.date is not None:
        hi = account.date.end.toordinal()
        if account.date.basis != "publication":
            lo = account.date.start.toordinal()
            precision = _PRECISION[account.date.precision]
    place = account.place
    lineage: frozenset[str] = frozenset().union(*(catalogue.lineage(actor) for actor in actors)) if actors else actors
    attack_type = account.attack_type if (account.attack_type or "").casefold() not in _UNKNOWN_ATTACK_TYPES else None
    return Profile(
        index=index,
        account_id=account.id,
        document_id=account.document_id,
        kind=account.kind,
        family=family_of(account.kind),
        lo=lo,
        hi=hi,
        precision=precision,
        country=(place.country or None) if place else None,
        admin1=_key(place.admin1) if place else None,
        city=_key(place.city) if place else None,
        site=_key(place.site) if place else None,
        actors=actors,
        lineage=lineage,
        killed=tuple(
            sorted({f.quantity.value for f in account.figures_of(FigureKind.KILLED) if f.scope is FigureScope.EVENT})
        ),
        attack_type=attack_type,
        suicide=account.suicide,
        vector=vector,
    )


def _key(name: str | None) -> str | None:
    return (skeleton(name) or None) if name else None


def compatible(a: Profile, b: Profile) -> bool:
    """May the two accounts be one event? Kinds, dates (one day slack) and place hierarchy must agree."""
    if a.family != b.family:
        return False
    if a.hi is not None and b.hi is not None:
        a_lo = a.lo if a.lo is not None else -(10**9)
        b_lo = b.lo if b.lo is not None else -(10**9)
        if a_lo - DATE_SLACK_DAYS > b.hi or b_lo - DATE_SLACK_DAYS > a.hi:
            return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return False
    return not (a.city is not None and b.city is not None and a.city != b.city)


def score(a: Profile, b: Profile) -> tuple[float, tuple[str, ...]]:
    """How strongly the evidence says two compatible accounts are one event, and which features said it."""
    features = [*_date_features(a, b), *_place_features(a, b), *_kind_features(a, b), *_actor_features(a, b)]
    features += _detail_features(a, b)
    total = sum(WEIGHTS[name] for name in features)
    similarity = cosine(a.vector, b.vector)
    if similarity >= 0.05:
        total += TEXT_WEIGHT * similarity
        features.append(f"text:{similarity:.2f}")
    return round(total, 3), tuple(features)


def _date_features(a: Profile, b: Profile) -> list[str]:
    if a.hi is None or b.hi is None:
        return ["date:unknown"]
    if a.lo is None or b.lo is None:
        return ["date:before-report"]
    precision = min(a.precision, b.precision)
    if precision == 3:
        return ["date:same-day"] if a.lo == b.lo else ["date:adjacent-day"]
    return ["date:same-month"] if precision == 2 else ["date:same-year"]


def _place_features(a: Profile, b: Profile) -> list[str]:
    if a.country is None or b.country is None:
        return ["place:unknown"]
    found: list[str] = []
    if a.city is not None and a.city == b.city:
        found.append("place:same-city")
        if a.site is not None and b.site is not None:
            found.append("place:same-site" if a.site == b.site else "place:different-site")
    elif a.admin1 is not None and a.admin1 == b.admin1:
        found.append("place:same-admin1")
    else:
        found.append("place:same-country")
    return found


def _kind_features(a: Profile, b: Profile) -> list[str]:
    if a.kind is b.kind:
        return []
    if {a.kind, b.kind} == {EventKind.ATTACK, EventKind.STRIKE}:
        return ["kind:attack-vs-strike"]
    return ["kind:violent-vs-other"]


def _actor_features(a: Profile, b: Profile) -> list[str]:
    if not a.actors or not b.actors:
        return []
    if a.actors & b.actors:
        return ["actor:same"]
    if a.lineage & b.actors or b.lineage & a.actors:
        return ["actor:parent-child"]
    return ["actor:different"]


def _detail_features(a: Profile, b: Profile) -> list[str]:
    found: list[str] = []
    if a.killed and b.killed:
        gap = min(abs(x - y) / max(x, y, 1) for x in a.killed for y in b.killed)
        if gap == 0:
            found.append("killed:same")
        elif gap <= 0.2:
            found.append("killed:close")
    if a.attack_type is not None and b.attack_type is not None:
        found.append("attack-type:same" if a.attack_type == b.attack_type else "attack-type:different")
    if a.suicide is not None and b.suicide is not None:
        if a.suicide != b.suicide:
            found.append("suicide:different")
        elif a.suicide:
            found.append("suicide:same")
    return found


def cosine(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    """Dot product of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())
