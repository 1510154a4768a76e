"""Store stage: reference records (GTD, ACLED rows) and the links from events to them.

Consumes `ReferenceRecord`s from `rashomon.ingest.references` and the stored events; produces
rows in `reference_records` and `event_references`, and reads links back as `ReferenceLink`s.

- `add_records` writes records a batch at a time (a record imported again replaces itself);
- `link_references` recomputes every link in one transaction with `rashomon.resolve.references`
  (candidates come from SQL by country and date, so each event compares only a few records);
- `references_for` reads the links of a batch of events, for the event page and the exporters.

Links are keyed by event id without a foreign key on events, so they survive `resolve_store`
(event ids are stable); a link whose event is gone is skipped when read. Run
`link_references` again after a re-resolution to refresh them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.engine import Connection

from rashomon.errors import VocabularyError
from rashomon.ingest.references import ReferenceRecord
from rashomon.model.vocab import Vocabulary, load_vocabulary
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.references import MAX_LINKS, LinkTarget, ReferenceLink, match, name_variants
from rashomon.store import schema
from rashomon.store.event_fetch import chunks, stored_actors
from rashomon.store.store import Store

_BATCH = 1000
_PAGE = 2000
LINKED_KINDS = ("attack", "strike", "other")
"""Event kinds linked to datasets of violent events; claims, arrests and statements are not."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    dataset: str | None
    read: int
    datable: int  # with a date and a country: the records that can link


@dataclass(frozen=True, slots=True)
class LinkReport:
    events: int  # events compared
    linked_events: int
    links: int


def _row(record: ReferenceRecord, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": record.id,
        "dataset": record.dataset,
        "ref_id": record.ref_id,
        "date_start": record.date_start,
        "date_end": record.date_end,
        "country": record.country,
        "admin1": record.admin1,
        "city": record.city,
        "perpetrators": list(record.perpetrators),
        "killed": record.killed,
        "injured": record.injured,
        "summary": record.summary,
        "data": dict(record.data),
        "imported_at": now,
    }


def record_from_row(row: Any) -> ReferenceRecord:
    """A stored row (a mapping) as the record it was made from."""
    return ReferenceRecord(
        dataset=row["dataset"],
        ref_id=row["ref_id"],
        date_start=row["date_start"],
        date_end=row["date_end"] or row["date_start"],
        country=row["country"],
        admin1=row["admin1"],
        city=row["city"],
        perpetrators=tuple(row["perpetrators"] or ()),
        killed=row["killed"],
        injured=row["injured"],
        summary=row["summary"],
        data=dict(row["data"] or {}),
    )


def add_records(store: Store, records: Iterable[ReferenceRecord]) -> ImportReport:
    """Store records `_BATCH` at a time, each batch in its own transaction; a stored id is updated, its links kept."""
    r = schema.reference_records
    read = datable = 0
    dataset: str | None = None
    batch: dict[str, dict[str, Any]] = {}

    def flush() -> None:
        # Stored ids are updated in place, not deleted and re-inserted: their links must stay.
        with store.transaction() as connection:
            stored = set(connection.execute(select(r.c.id).where(r.c.id.in_(list(batch)))).scalars())
            fresh = [row for key, row in batch.items() if key not in stored]
            again = [{**row, "_id": key} for key, row in batch.items() if key in stored]
            if fresh:
                connection.execute(r.insert(), fresh)
            if again:
                columns: dict[str, Any] = {name: bindparam(name) for name in again[0] if name not in ("id", "_id")}
                connection.execute(r.update().where(r.c.id == bindparam("_id")).values(columns), again)
        batch.clear()

    now = dt.datetime.now(dt.UTC)
    for record in records:
        read += 1
        dataset = dataset or record.dataset
        datable += record.date_start is not None and record.country is not None
        batch[record.id] = _row(record, now)
        if len(batch) >= _BATCH:
            flush()
    if batch:
        flush()
    return ImportReport(dataset, read, datable)


def _vocabulary() -> Vocabulary | None:
    try:
        return load_vocabulary()
    except VocabularyError:
        return None


class _Names:
    """Actor ids and folded names to compare, for events (with lineage) and for record names."""

    def __init__(self, actors: ActorResolution, vocabulary: Vocabulary | None) -> None:
        self.actors = actors
        self.vocabulary = vocabulary
        self._records: dict[str, frozenset[str]] = {}

    def lineage(self, actor_id: str) -> set[str]:
        found = {actor_id, *self.actors.catalogue.ancestors(actor_id)}
        if self.vocabulary is not None and self.vocabulary.has_actor(actor_id):
            found |= {entry.id for entry in self.vocabulary.ancestors(actor_id)}
            found |= {entry.id for entry in self.vocabulary.descendants(actor_id)}
        return found

    def names_of(self, actor_id: str) -> set[str]:
        names: set[str] = set()
        actor = self.actors.catalogue.actor(actor_id)
        if actor is not None:
            names.update(fold_name(name) for name in (actor.name, *actor.aliases))
        if self.vocabulary is not None and self.vocabulary.has_actor(actor_id):
            entry = self.vocabulary.actor(actor_id)
            for name in (entry.gtd_name, entry.acled_name):
                if name:
                    names |= name_variants(name)
        return {name for name in names if name}

    def target_actors(self, perpetrator_ids: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
        ids = set().union(*(self.lineage(actor_id) for actor_id in perpetrator_ids)) if perpetrator_ids else set()
        names = set().union(*(self.names_of(actor_id) for actor_id in ids)) if ids else set()
        return frozenset(ids), frozenset(names)

    def record_actors(self, record: ReferenceRecord) -> frozenset[str]:
        found: set[str] = set()
        for name in record.perpetrators:
            if name not in self._records:
                ids: set[str] = set()
                for variant in (name, *name_variants(name)):
                    actor_id = self.actors.names.get(fold_name(variant))
                    entry = self.vocabulary.actor_by_alias(variant) if self.vocabulary is not None else None
                    ids.update(found_id for found_id in (actor_id, entry.id if entry else None) if found_id)
                self._records[name] = frozenset(ids)
            found |= self._records[name]
        return frozenset(found)


def _targets(connection: Connection, names: _Names, last: str | None) -> list[LinkTarget]:
    e = schema.events.c
    query = select(schema.events).where(e.kind.in_(LINKED_KINDS)).order_by(e.id).limit(_PAGE)
    if last is not None:
        query = query.where(e.id > last)
    targets = []
    for row in connection.execute(query).mappings():
        actor_ids, folded = names.target_actors(list(row["perpetrator_ids"] or ()))
        targets.append(
            LinkTarget(
                row["id"],
                row["date_start"],
                row["date_end"] or row["date_start"],
                row["place_country"],
                row["place_admin1"],
                row["place_city"],
                actor_ids,
                folded,
            )
        )
    return targets


def _candidates(connection: Connection, target: LinkTarget, dataset: str | None) -> list[ReferenceRecord]:
    if target.country is None or target.date_start is None or target.date_end is None:
        return []
    r = schema.reference_records.c
    query = select(schema.reference_records).where(
        r.country == target.country,
        r.date_start <= target.date_end,
        func.coalesce(r.date_end, r.date_start) >= target.date_start,
    )
    if dataset is not None:
        query = query.where(r.dataset == dataset)
    return [record_from_row(row) for row in connection.execute(query).mappings()]


def has_references(store: Store) -> bool:
    """Whether any reference record was imported (linking costs nothing to skip then)."""
    with store.engine.connect() as connection:
        return connection.execute(select(schema.reference_records.c.id).limit(1)).first() is not None


def link_references(store: Store, *, dataset: str | None = None) -> LinkReport:
    """Replace every link (or one dataset's) by comparing each violent event with its candidate records."""
    er = schema.event_references
    compared = linked = links = 0
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as connection:
        names = _Names(stored_actors(connection), _vocabulary())
        stale = delete(er)
        if dataset is not None:
            stale = stale.where(er.c.reference_id.like(f"{dataset}:%"))
        connection.execute(stale)
        last: str | None = None
        while targets := _targets(connection, names, last):
            last = targets[-1].event_id
            rows = []
            for target in targets:
                compared += 1
                found = []
                for record in _candidates(connection, target, dataset):
                    result = match(target, record, names.record_actors(record))
                    if result is not None:
                        found.append((result, record.id))
                found.sort(key=lambda item: (-item[0].score, item[1]))
                linked += bool(found)
                rows += [
                    {
                        "event_id": target.event_id,
                        "reference_id": reference_id,
                        "score": result.score,
                        "features": list(result.features),
                        "linked_at": now,
                    }
                    for result, reference_id in found[:MAX_LINKS]
                ]
            if rows:
                connection.execute(er.insert(), rows)
                links += len(rows)
    return LinkReport(compared, linked, links)


def references_for(connection: Connection, event_ids: Sequence[str]) -> dict[str, tuple[ReferenceLink, ...]]:
    """The links of these events, best first, each with its record."""
    er, r = schema.event_references, schema.reference_records
    found: dict[str, list[ReferenceLink]] = defaultdict(list)
    for part in chunks(list(event_ids)):
        query = (
            select(er.c.event_id, er.c.score, er.c.features, r)
            .join_from(er, r, r.c.id == er.c.reference_id)
            .where(er.c.event_id.in_(part))
            .order_by(er.c.event_id, er.c.score.desc(), r.c.id)
        )
        for row in connection.execute(query).mappings():
            link = ReferenceLink(row["event_id"], record_from_row(row), row["score"], tuple(row["features"] or ()))
            found[row["event_id"]].append(link)
    return {event_id: tuple(links) for event_id, links in found.items()}


def load_references(store: Store, event_id: str) -> tuple[ReferenceLink, ...]:
    """One event's links, best first (an empty tuple when it has none)."""
    with store.engine.connect() as connection:
        return references_for(connection, [event_id]).get(event_id, ())


def reference_counts(store: Store) -> dict[str, int]:
    """Records per dataset and the number of links, for `rashomon info`-style summaries."""
    r, er = schema.reference_records.c, schema.event_references
    with store.engine.connect() as connection:
        counts = {str(k): int(v) for k, v in connection.execute(select(r.dataset, func.count()).group_by(r.dataset))}
        counts["links"] = int(connection.execute(select(func.count()).select_from(er)).scalar() or 0)
    return counts
