"""Export: what every format shares: its options, the events it writes and their reference links.

`ExportOptions` checks the options a writer gets (`figure_rule`, the filters of
`rashomon.store.events_read.event_query`, `event` for one event) before anything is written.
`export_items` pages through the matching event ids with keyset paging (never holding every
id), assembles `PAGE` views at a time and attaches each event's links to reference records,
so a writer that writes each item as it comes exports any store in constant memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.engine import Connection

from rashomon.errors import ConfigError, VocabularyError
from rashomon.model.records import EventKind
from rashomon.model.vocab import Vocabulary, load_vocabulary
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.assemble import POSITIVE_STATUS_NAMES
from rashomon.resolve.figures import DEFAULT_RULE, check_rule
from rashomon.resolve.references import ReferenceLink
from rashomon.resolve.views import EventView, PerpetratorView
from rashomon.store import Store, schema
from rashomon.store.event_fetch import stored_actors
from rashomon.store.events_read import event_query, iter_event_views, resolve_event_id
from rashomon.store.references import references_for

PAGE = 500
"""Event ids read (and views assembled) per round: what a writer holds at most at once."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The options every writer takes; `figure_rule` None means the format's own rule."""

    figure_rule: str | None = None
    include_text: bool = False
    kind: str | EventKind | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    actor: str | None = None
    event: str | None = None

    @classmethod
    def parse(cls, options: Mapping[str, Any]) -> ExportOptions:
        """Options as the CLI or a caller gives them; an unknown name or rule raises ConfigError."""
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown export option(s): {', '.join(unknown)}")
        parsed = cls(**options)
        if parsed.figure_rule is not None:
            check_rule(parsed.figure_rule)
        if parsed.kind is not None:
            try:
                EventKind(parsed.kind)
            except ValueError:
                raise ConfigError(f"unknown event kind {parsed.kind!r}; choose one of {', '.join(EventKind)}") from None
        return parsed

    def resolved(self, store: Store) -> ExportOptions:
        """These options with `event` as a full id (NotFound for no such event), before anything is written."""
        if self.event is None:
            return self
        with store.engine.connect() as connection:
            return replace(self, event=resolve_event_id(connection, self.event))

    def rule(self, default: str = DEFAULT_RULE) -> str:
        return self.figure_rule or default

    @property
    def filtered(self) -> bool:
        return any(v is not None for v in (self.kind, self.date_from, self.date_to, self.country, self.actor))


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One event to write and the reference records it is linked to."""

    view: EventView
    references: tuple[ReferenceLink, ...] = ()


def _filtered(connection: Connection, options: ExportOptions) -> Select[Any] | None:
    """The events query for the options' filters (None when they can match nothing)."""
    return event_query(
        connection,
        kind=options.kind,
        date_from=options.date_from,
        date_to=options.date_to,
        country=options.country,
        actor=options.actor,
    )


def _page(connection: Connection, options: ExportOptions, after: tuple[Any, str] | None) -> list[tuple[Any, str]]:
    """The next `PAGE` (date_start, id) keys in export order (dated by date, then undated), after `after`."""
    query = _filtered(connection, options)
    if query is None:
        return []
    e = schema.events.c
    query = query.add_columns(e.date_start).limit(PAGE)
    if after is not None:
        day, last = after
        if day is None:
            query = query.where(e.date_start.is_(None), e.id > last)
        else:
            query = query.where(or_(e.date_start > day, and_(e.date_start == day, e.id > last), e.date_start.is_(None)))
    return [(row[1], str(row[0])) for row in connection.execute(query)]


def iter_id_pages(store: Store, options: ExportOptions) -> Iterator[list[str]]:
    """The ids of the events to export, `PAGE` at a time, in date order (undated last)."""
    if options.event is not None:
        with store.engine.connect() as connection:
            yield [resolve_event_id(connection, options.event)]
        return
    after: tuple[Any, str] | None = None
    while True:
        with store.engine.connect() as connection:
            keys = _page(connection, options, after)
        if not keys:
            return
        yield [event_id for _, event_id in keys]
        after = keys[-1]


def prepare(store: Store, options: Mapping[str, Any]) -> ExportOptions:
    """A writer's options checked and its event resolved: every refusal happens here, before output."""
    return ExportOptions.parse(options).resolved(store)


def export_items(store: Store, options: ExportOptions, *, detail: bool = False) -> Iterator[ExportItem]:
    """Every event to export with its reference links, assembled a page at a time."""
    for ids in iter_id_pages(store, options):
        with store.engine.connect() as connection:
            links = references_for(connection, ids)
        for view in iter_event_views(store, ids, detail=detail):
            yield ExportItem(view, links.get(view.id, ()))


def load_actors(store: Store) -> ActorResolution:
    """The stored actors (kinds, parents, aliases), read once per export."""
    with store.engine.connect() as connection:
        return stored_actors(connection)


@cache
def _vocabulary() -> Vocabulary | None:
    try:
        return load_vocabulary()
    except VocabularyError:
        return None


def vocabulary() -> Vocabulary | None:
    """The packaged vocabulary, or None when it cannot be loaded (exports then use our own names)."""
    return _vocabulary()


def dataset_actor_name(actor_id: str | None, name: str, dataset: str) -> str:
    """The name a dataset (`gtd` or `acled`) uses for an actor when the vocabulary knows it, else ours."""
    found = vocabulary()
    if actor_id is None or found is None or not found.has_actor(actor_id):
        return name
    entry = found.actor(actor_id)
    return (entry.gtd_name if dataset == "gtd" else entry.acled_name) or name


def count_documents(store: Store, options: ExportOptions) -> int:
    """How many distinct documents report the events exported (counted in SQL, nothing held)."""
    ea, a = schema.event_accounts.c, schema.accounts.c
    with store.engine.connect() as connection:
        if options.event is not None:
            wanted: Any = [resolve_event_id(connection, options.event)]
        else:
            query = _filtered(connection, options)
            if query is None:
                return 0
            wanted = select(query.order_by(None).subquery().c.id)
        counted = (
            select(func.count(func.distinct(a.document_id)))
            .select_from(schema.event_accounts.join(schema.accounts, a.id == ea.account_id))
            .where(ea.event_id.in_(wanted))
        )
        return int(connection.execute(counted).scalar() or 0)


def asserted_perpetrators(view: EventView) -> list[PerpetratorView]:
    """Actors some report claims, attributes or suspects: what a dataset's perpetrator column may hold.

    An actor only accused is never written there (the column has no room for "accused by");
    formats with a status beside each name use `split_perpetrators` instead.
    """
    return [p for p in view.perpetrators if p.actor_id is not None and POSITIVE_STATUS_NAMES & set(p.statuses)]
