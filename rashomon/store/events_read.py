"""Store stage: resolved events, actors, conflicts, decisions and notes read back as views.

Consumes the rows `rashomon.store.events.resolve_store` wrote and produces the frozen views of
`rashomon.resolve.views`. Filters run in SQL; accounts, claims and sentences are then fetched
only for the events asked for, a batch at a time, so iterating over every event of a large
store keeps memory flat. Views are computed by `rashomon.resolve.assemble` from the accounts,
the same way resolution computed them: headline figures are never read from a column.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, Text, cast, func, or_, select
from sqlalchemy.engine import Connection

from rashomon.errors import ConfigError, NotFound
from rashomon.model.records import Account, AnalystDecision, EventKind
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import VOCABULARY, ActorResolution
from rashomon.resolve.assemble import event_view
from rashomon.resolve.decisions import APART, KeyIndex, account_key, anchored
from rashomon.resolve.events import account_order
from rashomon.resolve.views import ActorView, ConflictView, EventView, Note
from rashomon.store import schema
from rashomon.store.event_fetch import (
    accounts_by_id,
    all_decisions,
    anchors_of,
    chunks,
    documents_info,
    notes_of,
    sentences_of,
    stored_actors,
)
from rashomon.store.event_rows import conflict_from_row, event_from_rows
from rashomon.store.store import Store

BATCH = 100
"""Events assembled per round trip when iterating."""


# selecting events -------------------------------------------------------------------------


def actor_ids_for(connection: Connection, actor: str) -> set[str]:
    """Actor ids an `--actor` value means: an id, or any name or alias (folded)."""
    found = set(connection.execute(select(schema.actors.c.id).where(schema.actors.c.id == actor)).scalars())
    a = schema.actor_aliases.c
    found |= set(connection.execute(select(a.actor_id).where(a.folded == fold_name(actor))).scalars())
    return found


def _like_json_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f'%"{escaped}"%'


def event_query(
    connection: Connection,
    *,
    kind: str | EventKind | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str | None = None,
    actor: str | None = None,
) -> Select[Any] | None:
    """The ids of matching events in date order (undated last), or None when nothing can match."""
    e = schema.events.c
    query = select(e.id).order_by(e.date_start.is_(None), e.date_start, e.id)
    if kind is not None:
        try:
            query = query.where(e.kind == EventKind(kind).value)
        except ValueError:
            raise ConfigError(f"unknown event kind {kind!r}; choose one of {', '.join(EventKind)}") from None
    if date_from is not None:
        query = query.where(func.coalesce(e.date_end, e.date_start) >= date_from)
    if date_to is not None:
        query = query.where(e.date_start <= date_to)
    if country is not None:
        query = query.where(e.place_country == country.strip().upper())
    if actor is not None:
        ids = actor_ids_for(connection, actor)
        if not ids:
            return None
        text = cast(e.perpetrator_ids, Text)
        query = query.where(or_(*(text.like(_like_json_string(actor_id), escape="\\") for actor_id in sorted(ids))))
    return query


def event_ids(
    store: Store,
    *,
    kind: str | EventKind | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[str]:
    """Ids of the events matching every filter given, in date order; filtering happens in SQL."""
    with store.engine.connect() as connection:
        query = event_query(connection, kind=kind, date_from=date_from, date_to=date_to, country=country, actor=actor)
        if query is None:
            return []
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return [str(found) for found in connection.execute(query).scalars()]


def iter_event_views(store: Store, ids: Sequence[str], *, detail: bool = False) -> Iterator[EventView]:
    """Views of these events in the order given, assembled `BATCH` at a time on short connections."""
    with store.engine.connect() as connection:
        actors = stored_actors(connection)
        decisions = all_decisions(connection) if detail else []
    for part in chunks(ids, BATCH):
        with store.engine.connect() as connection:
            views = _views(connection, part, actors, decisions, detail=detail)
        for event_id in part:
            if event_id in views:
                yield views[event_id]


def _views(
    connection: Connection,
    ids: list[str],
    actors: ActorResolution,
    decisions: Sequence[AnalystDecision],
    *,
    detail: bool,
) -> dict[str, EventView]:
    e, ea = schema.events, schema.event_accounts
    rows = {row["id"]: row for row in connection.execute(select(e).where(e.c.id.in_(ids))).mappings()}
    links: dict[str, list[Any]] = defaultdict(list)
    for row in connection.execute(select(ea).where(ea.c.event_id.in_(ids))).mappings():
        links[row["event_id"]].append(row)
    account_ids = [row["account_id"] for group in links.values() for row in group]
    accounts = accounts_by_id(connection, account_ids)
    anchors = anchors_of(connection, account_ids)
    documents = documents_info(connection, {account.document_id for account in accounts.values()})
    conflicts: dict[str, list[Any]] = defaultdict(list)
    sentences: dict[tuple[str, int, int], str] = {}
    notes: dict[str, list[Note]] = {}
    if detail:
        c = schema.conflicts
        for row in connection.execute(select(c).where(c.c.event_id.in_(ids)).order_by(c.c.id)).mappings():
            conflicts[row["event_id"]].append(conflict_from_row(row))
        sentences = sentences_of(connection, list(accounts.values()))
        notes = notes_of(connection, ids)

    account_key_order = account_order(documents, anchors)

    def order(link: Any) -> tuple[dt.datetime, str, int, str]:
        return account_key_order(accounts[link["account_id"]])

    views: dict[str, EventView] = {}
    for event_id, row in rows.items():
        ordered = sorted((link for link in links[event_id] if link["account_id"] in accounts), key=order)
        if not ordered:  # every account went with a re-extraction: stale until the next resolve_store
            continue
        event = event_from_rows(row, ordered)
        members = [accounts[account_id] for account_id in event.account_ids]
        keys = {account.id: account_key(account.document_id, anchors.get(account.id, (0, 0))) for account in members}
        views[event_id] = event_view(
            event,
            members,
            documents,
            actors,
            keys=keys,
            conflicts=conflicts.get(event_id, []),
            decisions=_decisions_about(event_id, members, anchors, decisions) if detail else (),
            notes=notes.get(event_id, []),
            sentences=sentences or None,
            detail=detail,
        )
    return views


def _decisions_about(
    event_id: str,
    accounts: Sequence[Account],
    anchors: dict[str, tuple[int, int]],
    decisions: Sequence[AnalystDecision],
) -> list[AnalystDecision]:
    """The decisions that name an account of this event (by key, as replay maps them) or produced it."""
    index = KeyIndex(anchored(account, anchors.get(account.id, (0, 0))) for account in accounts)
    return [
        decision
        for decision in decisions
        if decision.target_event == event_id
        or any(index.lookup(key.removeprefix(APART)) is not None for key in decision.account_keys)
    ]


# public readers ---------------------------------------------------------------------------


def iter_events(
    store: Store,
    *,
    kind: str | EventKind | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    detail: bool = False,
) -> Iterator[EventView]:
    """Like `load_events`, one view at a time: what exports and long listings use."""
    ids = event_ids(
        store, kind=kind, date_from=date_from, date_to=date_to, country=country, actor=actor, limit=limit, offset=offset
    )
    return iter_event_views(store, ids, detail=detail)


def load_events(
    store: Store,
    *,
    kind: str | EventKind | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    detail: bool = False,
) -> list[EventView]:
    """Events matching every filter given, in date order (undated last).

    `date_from`/`date_to` keep events whose date interval overlaps them; `country` is an ISO
    code; `actor` an actor id or any of its names, matched against the event's perpetrators
    (claimed, attributed or suspected). With `detail`, accounts, conflicts, claim sentences,
    decisions and notes are filled too.
    """
    return list(
        iter_events(
            store,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            country=country,
            actor=actor,
            limit=limit,
            offset=offset,
            detail=detail,
        )
    )


def resolve_event_id(connection: Connection, event_id: str) -> str:
    """The id itself, or the one event whose id starts with it; NotFound otherwise."""
    e = schema.events.c
    if connection.execute(select(e.id).where(e.id == event_id)).scalar() is not None:
        return event_id
    escaped = event_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = list(connection.execute(select(e.id).where(e.id.like(f"{escaped}%", escape="\\")).limit(3)).scalars())
    if len(found) == 1:
        return str(found[0])
    if found:
        raise NotFound(f"event id {event_id!r} is ambiguous: {', '.join(found)}...")
    raise NotFound(f"no event {event_id!r}")


def load_event(store: Store, event_id: str) -> EventView:
    """One event with everything filled: accounts, conflicts, claim sentences, decisions, notes.

    A unique prefix of an id is accepted; raises NotFound otherwise.
    """
    with store.engine.connect() as connection:
        found = resolve_event_id(connection, event_id)
    for view in iter_event_views(store, [found], detail=True):
        return view
    raise NotFound(f"no event {event_id!r}")


def load_actors(store: Store) -> list[ActorView]:
    """Every stored actor with its origin and the number of events it is a perpetrator of, most first."""
    with store.engine.connect() as connection:
        actors = stored_actors(connection)
        counts: dict[str, int] = defaultdict(int)
        for ids in connection.execute(select(schema.events.c.perpetrator_ids)).scalars():
            for actor_id in ids or ():
                counts[actor_id] += 1
    views = [
        ActorView(actor, actors.origins.get(actor.id, VOCABULARY), counts.get(actor.id, 0)) for actor in actors.actors
    ]
    return sorted(views, key=lambda view: (-view.events, view.actor.name.casefold(), view.actor.id))


def load_conflicts(store: Store, event_id: str | None = None) -> list[ConflictView]:
    """Every conflict (or one event's), each with all claims of its attribute and the figure's evolution."""
    c, e = schema.conflicts.c, schema.events.c
    with store.engine.connect() as connection:
        if event_id is not None:
            ids = [resolve_event_id(connection, event_id)]
        else:
            query = (
                select(e.id)
                .where(e.id.in_(select(c.event_id).distinct()))
                .order_by(e.date_start.is_(None), e.date_start, e.id)
            )
            ids = [str(found) for found in connection.execute(query).scalars()]
    return [conflict for view in iter_event_views(store, ids, detail=True) for conflict in view.conflicts]


def load_decisions(store: Store) -> list[AnalystDecision]:
    """Every analyst decision, oldest first."""
    with store.engine.connect() as connection:
        return all_decisions(connection)


def load_notes(store: Store, event_id: str) -> list[Note]:
    """The analysts' notes on one event, oldest first."""
    with store.engine.connect() as connection:
        return notes_of(connection, [event_id]).get(event_id, [])
