"""Serve stage: the read queries the store's readers lack (search, counts, figure ranges, aggregates).

Consumes a `Store` and its tables; produces event ids (which `rashomon.store.events_read`
turns into views), totals for pagination and small aggregate records for the timeline, map,
actor network and listings. Filtering reuses the store's own `event_query`, so a filter means
the same thing in the CLI, the exports and the web app; this module only adds what they do not
have: full-text search (`rashomon.serve.search`), a figure range, conflict-only listings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Numeric, Select, String, and_, cast, func, or_, select
from sqlalchemy.engine import Connection

from rashomon.model.records import FigureScope
from rashomon.serve.cache import ResultCache
from rashomon.serve.search import SearchIndex
from rashomon.store import schema
from rashomon.store.events_read import event_query
from rashomon.store.store import Store

SORTS = ("date", "-date")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Every filter of the event list. Empty fields filter nothing.

    `figure_min`/`figure_max` keep events for which at least one report states a figure of
    kind `figure` (about the event itself, not a sub-count or a total) inside the range: the
    headline rules are computed from the claims later and are not stored, so a range over
    headlines cannot be asked of the database.
    """

    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    actor: str | None = None
    q: str | None = None
    figure: str = "killed"
    figure_min: int | None = None
    figure_max: int | None = None
    conflicts_only: bool = False
    sort: str = "date"

    def params(self) -> dict[str, str]:
        """The filter as query-string parameters (for pagination and links), empty ones left out."""
        found: dict[str, str] = {}
        for name in ("kind", "country", "actor", "q"):
            value = getattr(self, name)
            if value:
                found[name] = str(value)
        if self.date_from:
            found["date_from"] = self.date_from.isoformat()
        if self.date_to:
            found["date_to"] = self.date_to.isoformat()
        if self.figure_min is not None or self.figure_max is not None:
            found["figure"] = self.figure
        if self.figure_min is not None:
            found["figure_min"] = str(self.figure_min)
        if self.figure_max is not None:
            found["figure_max"] = str(self.figure_max)
        if self.conflicts_only:
            found["conflicts"] = "1"
        if self.sort != "date":
            found["sort"] = self.sort
        return found


@dataclass(frozen=True, slots=True)
class Page:
    """One page of ids with the total number of matches."""

    total: int
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored document without its text: what listings show."""

    id: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    published_source: str | None
    language: str | None
    format: str
    source: str
    url: str | None
    size_chars: int
    ingested_at: dt.datetime | None
    near_duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class MapPoint:
    """Events at one place (rounded to a tenth of a degree), for the map."""

    lat: float
    lon: float
    country: str | None
    label: str
    events: int


@dataclass(frozen=True, slots=True)
class ActorLinks:
    """Perpetrator actors, how many events name each, and how often two are named for the same event."""

    events: dict[str, int] = field(default_factory=dict)
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)


def _prepare(index: SearchIndex, flt: EventFilter) -> None:
    # Before any read transaction starts, so that the reads see the refreshed search table.
    if flt.q and flt.q.strip():
        index.refresh("events")


def _filtered(connection: Connection, index: SearchIndex, flt: EventFilter) -> Select[Any] | None:
    query = event_query(
        connection,
        kind=flt.kind or None,
        date_from=flt.date_from,
        date_to=flt.date_to,
        country=flt.country or None,
        actor=flt.actor or None,
    )
    if query is None:
        return None
    e = schema.events.c
    if flt.q and flt.q.strip():
        matching = index.event_ids_matching(connection, flt.q)
        if matching is None:
            return None
        query = query.where(e.id.in_(matching))
    if flt.figure_min is not None or flt.figure_max is not None:
        query = query.where(e.id.in_(_figure_events(flt.figure, flt.figure_min, flt.figure_max)))
    if flt.conflicts_only:
        query = query.where(e.id.in_(select(schema.conflicts.c.event_id)))
    if flt.sort == "-date":
        query = query.order_by(None).order_by(e.date_start.is_(None), e.date_start.desc(), e.id.desc())
    return query


def _figure_events(kind: str, low: int | None, high: int | None) -> Select[Any]:
    c, ea = schema.claims.c, schema.event_accounts.c
    conditions = [c.attribute == kind, or_(c.scope.is_(None), c.scope == FigureScope.EVENT.value), c.value.is_not(None)]
    if low is not None:
        conditions.append(c.value >= low)
    if high is not None:
        conditions.append(c.value <= high)
    return (
        select(ea.event_id)
        .select_from(schema.claims.join(schema.event_accounts, ea.account_id == c.account_id))
        .where(and_(*conditions))
    )


def event_page(
    store: Store, index: SearchIndex, flt: EventFilter, *, limit: int, offset: int, cache: ResultCache | None = None
) -> Page:
    """The ids of one page of matching events and the number of all matches (kept in `cache` if given)."""
    _prepare(index, flt)
    with store.engine.connect() as connection:
        query = _filtered(connection, index, flt)
        if query is None:
            return Page(0, ())
        ids = tuple(str(found) for found in connection.execute(query.limit(limit).offset(offset)).scalars())
        counting = select(func.count()).select_from(query.order_by(None).subquery())
        if cache is None:
            total = connection.execute(counting).scalar()
        else:
            total = cache.get(("event-total", replace(flt, sort="date")), lambda: connection.execute(counting).scalar())
        return Page(int(total or 0), ids)


def month_counts(store: Store, index: SearchIndex, flt: EventFilter) -> list[tuple[str, int]]:
    """(YYYY-MM, events) for every month with a dated matching event, oldest first."""
    e = schema.events.c
    month = func.substr(cast(e.date_start, String), 1, 7)
    _prepare(index, flt)
    with store.engine.connect() as connection:
        query = _filtered(connection, index, flt)
        if query is None:
            return []
        ids = query.order_by(None).subquery()
        grouped = (
            select(month, func.count())
            .where(e.id.in_(select(ids.c.id)), e.date_start.is_not(None))
            .group_by(month)
            .order_by(month)
        )
        return [(str(found), int(count)) for found, count in connection.execute(grouped)]


def map_points(store: Store, index: SearchIndex, flt: EventFilter) -> tuple[list[MapPoint], dict[str, int]]:
    """Matching events grouped by place (those with coordinates), and counts per country of all of them."""
    e = schema.events.c
    lat = func.round(cast(e.place_lat, Numeric(9, 4)), 1)  # numeric: PostgreSQL rounds no floats to digits
    lon = func.round(cast(e.place_lon, Numeric(9, 4)), 1)
    _prepare(index, flt)
    with store.engine.connect() as connection:
        query = _filtered(connection, index, flt)
        if query is None:
            return [], {}
        ids = select(query.order_by(None).subquery().c.id)
        grouped = (
            select(lat, lon, e.place_country, func.min(func.coalesce(e.place_city, e.place_name)), func.count())
            .where(e.id.in_(ids), e.place_lat.is_not(None), e.place_lon.is_not(None))
            .group_by(lat, lon, e.place_country)
        )
        points = [
            MapPoint(float(a), float(b), country, str(label or country or ""), int(count))
            for a, b, country, label, count in connection.execute(grouped)
        ]
        by_country = select(e.place_country, func.count()).where(e.id.in_(ids)).group_by(e.place_country)
        countries = {str(code): int(count) for code, count in connection.execute(by_country) if code}
    return points, countries


def actor_links(store: Store) -> ActorLinks:
    """Perpetrator counts and co-perpetrator pairs over every stored event."""
    events: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    with store.engine.connect() as connection:
        for ids in connection.execute(select(schema.events.c.perpetrator_ids)).scalars():
            found = sorted(set(ids or ()))
            events.update(found)
            for i, first in enumerate(found):
                for second in found[i + 1 :]:
                    pairs[(first, second)] += 1
    return ActorLinks(dict(events), dict(pairs))


def _document_columns() -> tuple[Any, ...]:
    d = schema.documents.c
    return (
        d.id,
        d.title,
        d.publisher,
        d.published,
        d.published_source,
        d.language,
        d.format,
        d.source,
        d.url,
        d.size_chars,
        d.ingested_at,
        d.near_duplicate_of,
    )


def document_page(
    store: Store, index: SearchIndex, *, q: str | None, limit: int, offset: int
) -> tuple[int, list[DocumentRow]]:
    """One page of documents (newest publication first), optionally only those matching a search."""
    d = schema.documents.c
    query = select(*_document_columns()).order_by(d.published.is_(None), d.published.desc(), d.id)
    if q and q.strip():
        index.refresh("documents")
    with store.engine.connect() as connection:
        if q and q.strip():
            matching = index.document_ids_matching(connection, q)
            if matching is None:
                return 0, []
            query = query.where(d.id.in_(matching))
        total = connection.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar()
        rows = [DocumentRow(*row) for row in connection.execute(query.limit(limit).offset(offset))]
    return int(total or 0), rows


def document_rows(store: Store, ids: Sequence[str]) -> dict[str, DocumentRow]:
    """Listing rows of these documents, by id."""
    if not ids:
        return {}
    query = select(*_document_columns()).where(schema.documents.c.id.in_(list(ids)))
    with store.engine.connect() as connection:
        rows = [DocumentRow(*row) for row in connection.execute(query)]
    return {row.id: row for row in rows}


def document_events(store: Store, document_id: str) -> list[str]:
    """Ids of the events that hold an account of this document, in date order."""
    e, ea, a = schema.events.c, schema.event_accounts.c, schema.accounts.c
    query = (
        select(e.id)
        .where(
            e.id.in_(
                select(ea.event_id)
                .join_from(schema.event_accounts, schema.accounts, a.id == ea.account_id)
                .where(a.document_id == document_id)
            )
        )
        .order_by(e.date_start.is_(None), e.date_start, e.id)
    )
    with store.engine.connect() as connection:
        return [str(found) for found in connection.execute(query).scalars()]


def conflict_page(store: Store, *, limit: int, offset: int) -> tuple[int, list[tuple[str, int]]]:
    """One page of conflicts in event date order, as (event id, position among that event's conflicts)."""
    e, c = schema.events.c, schema.conflicts.c
    query = (
        select(c.id, c.event_id)
        .join_from(schema.conflicts, schema.events, e.id == c.event_id)
        .order_by(e.date_start.is_(None), e.date_start, e.id, c.id)
    )
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(schema.conflicts)).scalar()
        rows = list(connection.execute(query.limit(limit).offset(offset)))
        events = sorted({row.event_id for row in rows})
        order: dict[int, int] = {}
        if events:
            every = connection.execute(select(c.id, c.event_id).where(c.event_id.in_(events)).order_by(c.id))
            seen: Counter[str] = Counter()
            for conflict_id, event_id in every:
                order[conflict_id] = seen[event_id]
                seen[event_id] += 1
    return int(total or 0), [(str(row.event_id), order[row.id]) for row in rows]


def facet_values(store: Store) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(kind, events) and (country, events) over every event, most frequent first: the filter menus."""
    e = schema.events.c
    with store.engine.connect() as connection:
        kinds = connection.execute(select(e.kind, func.count()).group_by(e.kind).order_by(func.count().desc()))
        kind_counts = [(str(kind), int(count)) for kind, count in kinds]
        countries = connection.execute(
            select(e.place_country, func.count())
            .where(e.place_country.is_not(None))
            .group_by(e.place_country)
            .order_by(func.count().desc(), e.place_country)
        )
        country_counts = [(str(code), int(count)) for code, count in countries]
    return kind_counts, country_counts


def actor_exists(store: Store, actor_id: str) -> bool:
    with store.engine.connect() as connection:
        return connection.execute(select(schema.actors.c.id).where(schema.actors.c.id == actor_id)).first() is not None
