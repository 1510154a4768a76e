"""Store stage: resolved actors, events, conflicts, analyst decisions and notes, written and read back.

Consumes a `Store` and the resolve stage's records; produces rows in `actors`,
`actor_aliases`, `events`, `event_accounts`, `conflicts`, `decisions`, `notes`, and reads
them back as the frozen views of `rashomon.resolve.views` (the readers live in
`rashomon.store.events_read` and are re-exported here).

- `resolve_store` reads every account, resolves it, replays the analysts' decisions and
  replaces actors, events and conflicts in one transaction: readers see the old resolution or
  the new one, never half of each;
- the `load_*` functions filter in SQL and fetch only the rows of the events asked for;
- `record_merge` / `record_split` keep a decision (who, when, why, stable account keys) and
  apply it at once to the events concerned; every later `resolve_store` replays it, so it
  survives re-extraction of the documents (see `rashomon.resolve.decisions`).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from rashomon.model.records import Account, AnalystDecision, Conflict, Event, MergeReason
from rashomon.model.vocab import Vocabulary, load_vocabulary
from rashomon.resolve.actors import DISCOVERED, ActorResolution, catalogue_from_vocabulary
from rashomon.resolve.catalogue import ActorCatalogue
from rashomon.resolve.decisions import APART, MERGE, SPLIT, DecisionError, account_key
from rashomon.resolve.events import account_order, assemble_event, event_id_for, resolve_accounts
from rashomon.resolve.views import DocumentInfo, Note, ResolutionReport
from rashomon.store import schema
from rashomon.store.event_fetch import accounts_by_id, anchors_of, documents_info, stored_actors
from rashomon.store.event_rows import actor_rows, conflict_row, decision_row, event_account_rows, event_row
from rashomon.store.events_read import (
    iter_events,
    load_actors,
    load_conflicts,
    load_decisions,
    load_event,
    load_events,
    load_notes,
    resolve_event_id,
)
from rashomon.store.store import Store

__all__ = [
    "DecisionError",
    "DecisionOutcome",
    "add_note",
    "iter_events",
    "load_actors",
    "load_conflicts",
    "load_decisions",
    "load_event",
    "load_events",
    "load_notes",
    "record_merge",
    "record_split",
    "resolve_store",
    "stored_actors",
]


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    """A recorded decision and the events it produced."""

    decision: AnalystDecision
    event_ids: tuple[str, ...]


def _catalogue(vocabulary: Vocabulary | ActorCatalogue | None) -> ActorCatalogue:
    if isinstance(vocabulary, ActorCatalogue):
        return vocabulary
    return catalogue_from_vocabulary(vocabulary if vocabulary is not None else load_vocabulary())


def _mention_texts(connection: Connection) -> dict[str, str]:
    """Each account's mention sentences, cut from the document text in SQL (no full texts in Python)."""
    m, d = schema.mentions.c, schema.documents.c
    sentence = func.substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
    query = (
        select(m.account_id, m.sentence_start, sentence)
        .join_from(schema.mentions, schema.documents, d.id == m.document_id)
        .distinct()
    )
    parts: dict[str, list[tuple[int, str]]] = {}
    for account_id, start, text in connection.execute(query):
        parts.setdefault(account_id, []).append((start, text or ""))
    return {account_id: " ".join(text for _, text in sorted(found)) for account_id, found in parts.items()}


# writing ----------------------------------------------------------------------------------


def _write_actors(connection: Connection, actors: ActorResolution) -> None:
    connection.execute(delete(schema.actor_aliases))
    connection.execute(delete(schema.actors))
    actor_table, alias_table = actor_rows(actors)
    if actor_table:
        connection.execute(schema.actors.insert(), actor_table)
    if alias_table:
        connection.execute(schema.actor_aliases.insert(), alias_table)


def _write_events(connection: Connection, events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
    now = dt.datetime.now(dt.UTC)
    if events:
        connection.execute(schema.events.insert(), [event_row(event, now) for event in events])
        links = [row for event in events for row in event_account_rows(event)]
        if links:
            connection.execute(schema.event_accounts.insert(), links)
    if conflicts:
        connection.execute(schema.conflicts.insert(), [conflict_row(conflict) for conflict in conflicts])


def _delete_events(connection: Connection, ids: Sequence[str]) -> None:
    """Remove events with their links and conflicts (explicitly: not every engine cascades)."""
    connection.execute(delete(schema.conflicts).where(schema.conflicts.c.event_id.in_(list(ids))))
    connection.execute(delete(schema.event_accounts).where(schema.event_accounts.c.event_id.in_(list(ids))))
    connection.execute(delete(schema.events).where(schema.events.c.id.in_(list(ids))))


def resolve_store(store: Store, *, vocabulary: Vocabulary | ActorCatalogue | None = None) -> ResolutionReport:
    """Resolve every stored account into events and replace actors, events and conflicts in one transaction.

    `vocabulary` defaults to the packaged one; an `ActorCatalogue` may be given instead. The
    analysts' decisions are replayed; keys that no longer match an account are reported.
    """
    started = time.perf_counter()
    catalogue = _catalogue(vocabulary)
    accounts = store.accounts()
    with store.engine.connect() as connection:
        documents = documents_info(connection)
        anchors = anchors_of(connection)
        texts = _mention_texts(connection)
    resolution = resolve_accounts(
        accounts,
        documents=documents,
        anchors=anchors,
        catalogue=catalogue,
        decisions=load_decisions(store),
        texts=texts,
    )
    with store.transaction() as connection:
        connection.execute(delete(schema.conflicts))
        connection.execute(delete(schema.event_accounts))
        connection.execute(delete(schema.events))
        _write_actors(connection, resolution.actors)
        _write_events(connection, resolution.events, resolution.conflicts)
    document_of = {account.id: account.document_id for account in accounts}
    origins = resolution.actors.origins
    return ResolutionReport(
        accounts=len(accounts),
        events=len(resolution.events),
        multi_document_events=sum(
            1 for event in resolution.events if len({document_of.get(a) for a in event.account_ids}) > 1
        ),
        actors=len(origins),
        discovered_actors=sum(1 for origin in origins.values() if origin == DISCOVERED),
        conflicts=len(resolution.conflicts),
        decisions_applied=resolution.constraints.applied,
        unmapped_keys=tuple(resolution.constraints.unmapped),
        candidate_pairs=resolution.candidate_pairs,
        seconds=round(time.perf_counter() - started, 3),
    )


# analyst decisions ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Loaded:
    """The events a decision touches, read inside the decision's own transaction."""

    event_accounts: dict[str, list[Account]]
    anchors: dict[str, tuple[int, int]]
    documents: dict[str, DocumentInfo]
    actors: ActorResolution
    taken: set[str]

    def key(self, account: Account) -> str:
        return account_key(account.document_id, self.anchors.get(account.id, (0, 0)))


def _load(connection: Connection, event_ids: Sequence[str]) -> _Loaded:
    ea = schema.event_accounts.c
    grouped: dict[str, list[str]] = {event_id: [] for event_id in event_ids}
    for event_id, account_id in connection.execute(
        select(ea.event_id, ea.account_id).where(ea.event_id.in_(list(event_ids)))
    ):
        grouped[event_id].append(account_id)
    all_ids = [account_id for ids in grouped.values() for account_id in ids]
    accounts = accounts_by_id(connection, all_ids)
    anchors = anchors_of(connection, all_ids)
    documents = documents_info(connection, {account.document_id for account in accounts.values()})
    taken = set(connection.execute(select(schema.events.c.id)).scalars())
    return _Loaded(
        {event_id: [accounts[a] for a in ids if a in accounts] for event_id, ids in grouped.items()},
        anchors,
        documents,
        stored_actors(connection),
        taken,
    )


def _check_people(analyst: str, reason: str) -> None:
    if not analyst.strip():
        raise DecisionError("a decision needs the analyst's name (--analyst)")
    if not reason.strip():
        raise DecisionError("a decision needs a reason (--reason)")


def _new_decision(action: str, keys: Sequence[str], analyst: str, reason: str) -> AnalystDecision:
    return AnalystDecision(
        id=f"dec-{uuid.uuid4().hex[:12]}",
        action=action,
        account_keys=tuple(keys),
        analyst=analyst.strip(),
        reason=reason.strip(),
        made_at=dt.datetime.now(dt.UTC),
    )


def _assemble(
    accounts: Sequence[Account], decision: AnalystDecision, loaded: _Loaded, taken: set[str]
) -> tuple[Event, list[Conflict]]:
    """One side of a decision as an event, with the id and reasons a replay gives it."""
    ordered = sorted(accounts, key=account_order(loaded.documents, loaded.anchors))
    event_id = event_id_for(ordered[0].id, taken)
    taken.add(event_id)
    if len(accounts) > 1:
        reasons = [MergeReason(a.id, (f"decision:{decision.id}",), 1.0, decided_by=decision.analyst) for a in ordered]
    else:
        reasons = [MergeReason(a.id, ("single",), 0.0) for a in ordered]
    return assemble_event(event_id, ordered, reasons, documents=loaded.documents, actors=loaded.actors)


def _apply(
    connection: Connection,
    decision: AnalystDecision,
    replaced: Sequence[str],
    sides: Sequence[Sequence[Account]],
    loaded: _Loaded,
) -> DecisionOutcome:
    taken = loaded.taken - set(replaced)
    built = [_assemble(side, decision, loaded, taken) for side in sides]
    events = [event for event, _ in built]
    decision = replace(decision, target_event=events[0].id)
    _delete_events(connection, replaced)
    connection.execute(schema.decisions.insert(), decision_row(decision))
    _write_events(connection, events, [conflict for _, found in built for conflict in found])
    kept = {event.id for event in events}
    orphaned = [event_id for event_id in replaced if event_id not in kept]
    if orphaned:  # notes follow their event into the event that now holds its first account
        connection.execute(
            update(schema.notes).where(schema.notes.c.event_id.in_(orphaned)).values(event_id=events[0].id)
        )
    return DecisionOutcome(decision, tuple(event.id for event in events))


def record_merge(store: Store, event_ids: Sequence[str], *, analyst: str, reason: str) -> DecisionOutcome:
    """Merge events into one, now and in every later resolution; returns the decision and the new event id.

    Raises NotFound for an unknown event and DecisionError for fewer than two distinct events.
    """
    _check_people(analyst, reason)
    with store.transaction() as connection:
        ids = list(dict.fromkeys(resolve_event_id(connection, event_id) for event_id in event_ids))
        if len(ids) < 2:
            raise DecisionError("a merge needs at least two different events")
        loaded = _load(connection, ids)
        accounts = [account for event_id in ids for account in loaded.event_accounts[event_id]]
        if not accounts:
            raise DecisionError("the events to merge have no accounts")
        decision = _new_decision(MERGE, [loaded.key(account) for account in accounts], analyst, reason)
        return _apply(connection, decision, ids, [accounts], loaded)


def record_split(
    store: Store, event_id: str, account_ids: Sequence[str], *, analyst: str, reason: str
) -> DecisionOutcome:
    """Move accounts out of an event into an event of their own, now and in every later resolution.

    `account_ids` are account ids or stable keys (`document@start-end`) of the event's
    accounts; at least one must stay behind. Returns the decision and the two event ids, the
    moved accounts' event first. Raises NotFound or DecisionError.
    """
    _check_people(analyst, reason)
    with store.transaction() as connection:
        found = resolve_event_id(connection, event_id)
        loaded = _load(connection, [found])
        members = loaded.event_accounts[found]
        by_name = {account.id: account for account in members} | {loaded.key(account): account for account in members}
        moved: list[Account] = []
        for name in dict.fromkeys(account_ids):
            if name not in by_name:
                raise DecisionError(f"{name!r} is not an account of event {found}")
            if by_name[name] not in moved:
                moved.append(by_name[name])
        if not moved:
            raise DecisionError("a split needs at least one account to move (--account)")
        rest = [account for account in members if account not in moved]
        if not rest:
            raise DecisionError("a split must leave at least one account in the event")
        keys = [loaded.key(account) for account in moved] + [APART + loaded.key(account) for account in rest]
        decision = _new_decision(SPLIT, keys, analyst, reason)
        return _apply(connection, decision, [found], [moved, rest], loaded)


def add_note(store: Store, event_id: str, *, analyst: str, text: str) -> Note:
    """Attach a free-text note to an event; raises NotFound for an unknown event."""
    if not analyst.strip() or not text.strip():
        raise DecisionError("a note needs the analyst's name and some text")
    with store.transaction() as connection:
        found = resolve_event_id(connection, event_id)
        note = Note(found, analyst.strip(), text.strip(), dt.datetime.now(dt.UTC))
        connection.execute(
            schema.notes.insert(),
            {"event_id": note.event_id, "analyst": note.analyst, "text": note.text, "made_at": note.made_at},
        )
    return note
