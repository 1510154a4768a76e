"""Resolve stage: group account profiles into events, scalably and without chaining.

Consumes `Profile`s and analyst constraints; produces clusters of profile indexes and, for
each profile, the link that brought it in.

Blocking keeps the work near-linear: a pair is only scored when the coarser of the two dates
can contain the finer one in the same country (day against the same or the next day; a month
against that month; a year, or no date, only against accounts sharing a city, a province or
an actor). Scored pairs above the threshold are merged best first, and two clusters join only
when *every* pair across them is compatible (dates, places, kinds), no document appears in
both, and no analyst forbade it: one account matching two different events cannot chain them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rashomon.resolve.features import MERGE_THRESHOLD, Profile, compatible, score

_NO_COUNTRY = "?"
_ANY = "*"


@dataclass(frozen=True, slots=True)
class Link:
    """The scored pair that joined a profile to its cluster."""

    other: int
    score: float
    features: tuple[str, ...]


def candidate_pairs(profiles: Sequence[Profile]) -> Iterator[tuple[int, int]]:
    """Pairs worth scoring, each once (lower index first), by the blocking rules in the module docstring."""
    days: dict[tuple[str, int], list[int]] = defaultdict(list)
    day_any: dict[int, list[int]] = defaultdict(list)
    months: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    # (country or "*" for any, "c:city" / "a:admin1" / "x:actor", year or 0 for any year)
    local: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for profile in profiles:
        country = profile.country or _NO_COUNTRY
        year = _year(profile)
        if profile.lo is not None and profile.hi is not None and profile.precision >= 2:
            first, last = dt.date.fromordinal(profile.lo), dt.date.fromordinal(profile.hi)
            for month_key in {(country, first.year, first.month), (country, last.year, last.month)}:
                months[month_key].append(profile.index)
        if profile.precision == 3 and profile.lo is not None:
            days[(country, profile.lo)].append(profile.index)
            day_any[profile.lo].append(profile.index)
        for key in _local_keys(profile):
            for where in (country, _ANY):
                local[(where, key, 0)].append(profile.index)
                if year:
                    local[(where, key, year)].append(profile.index)
    seen: set[tuple[int, int]] = set()

    def emit(i: int, others: Iterable[int]) -> Iterator[tuple[int, int]]:
        for j in others:
            if i != j:
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    yield pair

    for profile in profiles:
        i, country, year = profile.index, profile.country or _NO_COUNTRY, _year(profile)
        if profile.precision == 3 and profile.lo is not None:
            for day in (profile.lo - 1, profile.lo, profile.lo + 1):
                if country == _NO_COUNTRY:
                    yield from emit(i, day_any[day])
                else:
                    yield from emit(i, days[(country, day)])
                    yield from emit(i, days[(_NO_COUNTRY, day)])
            continue
        if profile.precision == 2 and profile.lo is not None and country != _NO_COUNTRY:
            first = dt.date.fromordinal(profile.lo)
            yield from emit(i, months[(country, first.year, first.month)])
            yield from emit(i, months[(_NO_COUNTRY, first.year, first.month)])
            continue
        # A year, no date, or no country: only accounts that share a city, a province or an actor.
        for key in _local_keys(profile):
            if country != _NO_COUNTRY:
                yield from emit(i, local[(country, key, year)])
                yield from emit(i, local[(_NO_COUNTRY, key, year)])
            elif year or not key.startswith("x:"):
                yield from emit(i, local[(_ANY, key, year)])


def _local_keys(profile: Profile) -> list[str]:
    keys = [f"x:{actor}" for actor in sorted(profile.actors)]
    if profile.city is not None:
        keys.append(f"c:{profile.city}")
    elif profile.admin1 is not None:
        keys.append(f"a:{profile.admin1}")
    return keys


def _year(profile: Profile) -> int:
    """The year an account's date falls in, or 0 when unknown or spanning years."""
    if profile.lo is None or profile.hi is None:
        return 0
    first, last = dt.date.fromordinal(profile.lo), dt.date.fromordinal(profile.hi)
    return first.year if first.year == last.year else 0


class _Clusters:
    """Union of profiles into clusters that checks every cross pair before joining."""

    def __init__(self, profiles: Sequence[Profile], cannot: set[frozenset[str]]) -> None:
        self.profiles = profiles
        self.cannot = cannot
        self.owner = list(range(len(profiles)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
        self.documents: dict[int, set[str]] = {i: {p.document_id} for i, p in enumerate(profiles)}

    def find(self, i: int) -> int:
        return self.owner[i]

    def can_join(self, a: int, b: int, *, forced: bool = False) -> bool:
        ca, cb = self.find(a), self.find(b)
        if ca == cb:
            return False
        left, right = self.members[ca], self.members[cb]
        for i in left:
            for j in right:
                pi, pj = self.profiles[i], self.profiles[j]
                if frozenset((pi.account_id, pj.account_id)) in self.cannot:
                    return False
        if forced:
            return True
        if self.documents[ca] & self.documents[cb]:
            return False
        return all(compatible(self.profiles[i], self.profiles[j]) for i in left for j in right)

    def join(self, a: int, b: int) -> None:
        ca, cb = self.find(a), self.find(b)
        if len(self.members[ca]) < len(self.members[cb]):
            ca, cb = cb, ca
        for member in self.members[cb]:
            self.owner[member] = ca
        self.members[ca].extend(self.members.pop(cb))
        self.documents[ca] |= self.documents.pop(cb)


@dataclass(frozen=True, slots=True)
class Clustering:
    clusters: tuple[tuple[int, ...], ...]
    links: dict[int, Link]
    forced: frozenset[int]  # profiles placed by an analyst decision
    candidate_pairs: int


def cluster(
    profiles: Sequence[Profile],
    *,
    must: Sequence[frozenset[str]] = (),
    cannot: set[frozenset[str]] | None = None,
    standalone: set[int] | frozenset[int] = frozenset(),
    threshold: float = MERGE_THRESHOLD,
) -> Clustering:
    """Constrained best-first agglomeration; analyst groups are joined first and never split.

    Profiles in `standalone` join only through analyst decisions, never by score.
    """
    clusters = _Clusters(profiles, cannot or set())
    by_account = {profile.account_id: profile.index for profile in profiles}
    forced: set[int] = set()
    for group in must:
        indexes = sorted(by_account[account] for account in group if account in by_account)
        for other in indexes[1:]:
            if clusters.can_join(indexes[0], other, forced=True):
                clusters.join(indexes[0], other)
        if len(indexes) > 1:
            forced.update(indexes)
    edges: list[tuple[float, int, int, tuple[str, ...]]] = []
    pairs = 0
    for i, j in candidate_pairs(profiles):
        pairs += 1
        if i in standalone or j in standalone:
            continue
        a, b = profiles[i], profiles[j]
        if a.document_id == b.document_id or not compatible(a, b):
            continue
        value, features = score(a, b)
        if value >= threshold:
            edges.append((value, i, j, features))
    edges.sort(key=lambda edge: (-edge[0], edge[1], edge[2]))
    links: dict[int, Link] = {}
    for value, i, j, features in edges:
        same = clusters.find(i) == clusters.find(j)
        if not same and not clusters.can_join(i, j):
            continue
        if not same:
            clusters.join(i, j)
        for this, other in ((i, j), (j, i)):
            if this not in links or links[this].score < value:
                links[this] = Link(other, value, features)
    result = tuple(tuple(sorted(members)) for _, members in sorted(clusters.members.items()))
    return Clustering(result, links, frozenset(forced), pairs)
