"""Store stage: the small readers behind the event views, each fetching rows by id in chunks.

Consumes a database connection and ids; produces accounts, anchors, document infos, sentences,
the stored actor resolution, decisions and notes. Every query takes ids in chunks of
`CHUNK`, so no reader scans a whole table to find a few rows and no IN clause grows past
what an engine accepts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rashomon.model.records import Account, Actor, AnalystDecision
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import DISCOVERED, ActorResolution
from rashomon.resolve.catalogue import ActorCatalogue
from rashomon.resolve.views import DocumentInfo, Note
from rashomon.store import schema
from rashomon.store.event_rows import decision_from_row
from rashomon.store.rows import PERPETRATOR, account_from_rows

CHUNK = 500  # ids per IN (...) clause, well under every engine's parameter limit


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


# small readers ----------------------------------------------------------------------------


def documents_info(connection: Connection, ids: Iterable[str] | None = None) -> dict[str, DocumentInfo]:
    d = schema.documents.c
    query = select(d.id, d.published, d.ingested_at, d.title, d.publisher, d.url, d.source)
    if ids is None:
        return {row.id: DocumentInfo(*row) for row in connection.execute(query)}
    found: dict[str, DocumentInfo] = {}
    for part in chunks(sorted(set(ids))):
        found.update({row.id: DocumentInfo(*row) for row in connection.execute(query.where(d.id.in_(part)))})
    return found


def anchors_of(connection: Connection, ids: Iterable[str] | None = None) -> dict[str, tuple[int, int]]:
    a = schema.accounts.c
    query = select(a.id, a.anchor_start, a.anchor_end)
    if ids is None:
        return {row.id: (row.anchor_start, row.anchor_end) for row in connection.execute(query)}
    found: dict[str, tuple[int, int]] = {}
    for part in chunks(sorted(set(ids))):
        rows = connection.execute(query.where(a.id.in_(part)))
        found.update({row.id: (row.anchor_start, row.anchor_end) for row in rows})
    return found


def accounts_by_id(connection: Connection, ids: Sequence[str]) -> dict[str, Account]:
    """The accounts with these ids, with their claims and mentions, fetched by id (never a full scan)."""
    found: dict[str, Account] = {}
    for part in chunks(sorted(set(ids))):
        rows = list(connection.execute(select(schema.accounts).where(schema.accounts.c.id.in_(part))).mappings())
        claims: dict[str, list[Any]] = defaultdict(list)
        mentions: dict[str, list[Any]] = defaultdict(list)
        claim_query = select(schema.claims).where(schema.claims.c.account_id.in_(part)).order_by(schema.claims.c.id)
        for row in connection.execute(claim_query).mappings():
            claims[row["account_id"]].append(row)
        m = schema.mentions
        for row in connection.execute(select(m).where(m.c.account_id.in_(part)).order_by(m.c.id)).mappings():
            mentions[row["account_id"]].append(row)
        for row in rows:
            found[row["id"]] = account_from_rows(row, claims[row["id"]], mentions[row["id"]])
    return found


def sentences_of(connection: Connection, accounts: Sequence[Account]) -> dict[tuple[str, int, int], str]:
    """(document, sentence start, sentence end) -> sentence text, for every claim of these accounts."""
    spans = [f.evidence for a in accounts for f in a.figures] + [p.evidence for a in accounts for p in a.perpetrators]
    spans += [x.evidence for a in accounts for x in (a.date, a.place) if x is not None and x.evidence is not None]
    wanted = sorted({span.document_id for span in spans if span is not None})
    found: dict[tuple[str, int, int], str] = {}
    d = schema.documents.c
    for part in chunks(wanted, 50):
        texts = {row.id: row.text for row in connection.execute(select(d.id, d.text).where(d.id.in_(part)))}
        for span in spans:
            if span is not None and span.document_id in texts:
                key = (span.document_id, span.sentence_start, span.sentence_end)
                found[key] = texts[span.document_id][span.sentence_start : span.sentence_end].strip()
    return found


def stored_actors(connection: Connection) -> ActorResolution:
    """The actors of the last resolution, each name a report used mapping back to its actor.

    A folded name listed by several actors maps to none, except that a discovered actor wins
    over vocabulary actors: its names are exactly those resolution could not give to them.
    """
    rows = list(connection.execute(select(schema.actors).order_by(schema.actors.c.id)).mappings())
    origins = {row["id"]: row["origin"] for row in rows}
    aliases: dict[str, list[str]] = defaultdict(list)
    owners: dict[str, set[str]] = defaultdict(set)
    a = schema.actor_aliases.c
    for actor_id, alias, folded in connection.execute(select(a.actor_id, a.alias, a.folded).order_by(a.alias)):
        aliases[actor_id].append(alias)
        owners[folded].add(actor_id)
    actors = [
        Actor(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            aliases=tuple(alias for alias in aliases.get(row["id"], []) if alias != row["name"]),
            parent_id=row["parent_id"],
            country=row["country"],
            description=row["description"],
        )
        for row in rows
    ]
    names: dict[str, str] = {}
    for folded, ids in owners.items():
        discovered = {actor_id for actor_id in ids if origins.get(actor_id) == DISCOVERED}
        pick = discovered or ids
        if len(pick) == 1:
            names[folded] = next(iter(pick))
    return ActorResolution(actors=tuple(actors), origins=origins, names=names, catalogue=ActorCatalogue(actors))


def all_decisions(connection: Connection) -> list[AnalystDecision]:
    """Every analyst decision, oldest first."""
    query = select(schema.decisions).order_by(schema.decisions.c.made_at, schema.decisions.c.id)
    return [decision_from_row(row) for row in connection.execute(query).mappings()]


def notes_of(connection: Connection, event_ids: Sequence[str]) -> dict[str, list[Note]]:
    n = schema.notes.c
    found: dict[str, list[Note]] = defaultdict(list)
    for part in chunks(event_ids):
        query = select(n.event_id, n.analyst, n.text, n.made_at).where(n.event_id.in_(part)).order_by(n.made_at, n.id)
        for row in connection.execute(query):
            found[row.event_id].append(Note(row.event_id, row.analyst, row.text, row.made_at))
    return found


def event_document_ids(connection: Connection, event_ids: Sequence[str]) -> list[str]:
    """The documents that the accounts of these events come from, sorted."""
    ea, a = schema.event_accounts.c, schema.accounts.c
    found: set[str] = set()
    for part in chunks(event_ids):
        query = (
            select(a.document_id)
            .join_from(schema.event_accounts, schema.accounts, a.id == ea.account_id)
            .where(ea.event_id.in_(part))
            .distinct()
        )
        found.update(str(document_id) for document_id in connection.execute(query).scalars())
    return sorted(found)


def event_actor_ids(connection: Connection, event_ids: Sequence[str], actors: ActorResolution) -> list[str]:
    """Every actor these events name: perpetrators, and any actor a report accuses or clears."""
    e, ea, c = schema.events.c, schema.event_accounts.c, schema.claims.c
    found: set[str] = set()
    for part in chunks(event_ids):
        for ids in connection.execute(select(e.perpetrator_ids).where(e.id.in_(part))).scalars():
            found.update(ids or ())
        query = (
            select(c.actor_id, c.text)
            .join_from(schema.claims, schema.event_accounts, ea.account_id == c.account_id)
            .where(ea.event_id.in_(part), c.attribute == PERPETRATOR)
            .distinct()
        )
        for actor_id, text in connection.execute(query):
            if actor_id is not None and actor_id in actors.catalogue:
                found.add(actor_id)
            elif (resolved := actors.names.get(fold_name(text or ""))) is not None:
                found.add(resolved)
    return sorted(found, key=lambda actor_id: (fold_name(_name(actors, actor_id)), actor_id))


def _name(actors: ActorResolution, actor_id: str) -> str:
    actor = actors.catalogue.actor(actor_id)
    return actor.name if actor is not None else actor_id
