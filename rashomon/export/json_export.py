"""Export stage: the events JSON file that `score.py` reads (GOLD.md, "Prediction file").

Consumes a `Store` (after `resolve_store`) and writes one JSON object,
`{"documents": [...], "actors": [...], "events": [...]}`, to a text stream. Items are written
one per line as they are read, a batch of events at a time, so memory stays flat however large
the store. Headline figures are computed under the rule asked for (`gtd`, `acled`, `ucdp`,
`range`; see `rashomon.resolve.figures`); every claim behind them is written too.

With filters, `documents` lists only the documents of the events exported and `actors` only
the actors they name; without, every document is listed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import select

from rashomon.export.records import actor_json, document_json, event_json
from rashomon.model.records import Document, EventKind
from rashomon.resolve.figures import GTD, check_rule
from rashomon.store import Store, schema
from rashomon.store.event_fetch import chunks, event_actor_ids, event_document_ids, stored_actors
from rashomon.store.events_read import event_ids, iter_event_views, resolve_event_id
from rashomon.store.rows import document_from_row

_DOCUMENT_PAGE = 50  # documents (with their texts) held at once


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote, for the CLI's closing line."""

    format: str
    documents: int
    actors: int
    events: int


def _documents(store: Store, ids: Sequence[str] | None) -> Iterator[Document]:
    """Documents in id order, a page at a time (keyset paging when every document is wanted)."""
    d = schema.documents
    if ids is not None:
        for part in chunks(ids, _DOCUMENT_PAGE):
            with store.engine.connect() as connection:
                rows = connection.execute(select(d).where(d.c.id.in_(part)).order_by(d.c.id)).mappings()
                page = [document_from_row(row) for row in rows]
            yield from page
        return
    last: str | None = None
    while True:
        query = select(d).order_by(d.c.id).limit(_DOCUMENT_PAGE)
        if last is not None:
            query = query.where(d.c.id > last)
        with store.engine.connect() as connection:
            page = [document_from_row(row) for row in connection.execute(query).mappings()]
        if not page:
            return
        yield from page
        last = page[-1].id


def _write_list(out: TextIO, items: Iterable[dict[str, Any]]) -> int:
    count = 0
    for item in items:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
        count += 1
    if count:
        out.write("\n")
    return count


def export_json(
    store: Store,
    out: TextIO,
    *,
    figure_rule: str = GTD,
    include_text: bool = False,
    kind: str | EventKind | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    country: str | None = None,
    actor: str | None = None,
    event: str | None = None,
) -> ExportSummary:
    """Write the events of `store` as the prediction-file JSON; filters as in `load_events`.

    `event` (an id or unique prefix) exports that one event alone. Raises ConfigError for an
    unknown figure rule or event kind and NotFound for an unknown event (before anything is written).
    """
    rule = check_rule(figure_rule)
    if event is not None:
        with store.engine.connect() as connection:
            ids = [resolve_event_id(connection, event)]
    else:
        ids = event_ids(store, kind=kind, date_from=date_from, date_to=date_to, country=country, actor=actor)
    filtered = event is not None or any(value is not None for value in (kind, date_from, date_to, country, actor))
    with store.engine.connect() as connection:
        actors = stored_actors(connection)
        actor_ids = event_actor_ids(connection, ids, actors)
        document_ids = event_document_ids(connection, ids) if filtered else None
    out.write('{"documents": [')
    documents = _write_list(out, (document_json(d, include_text=include_text) for d in _documents(store, document_ids)))
    out.write('],\n"actors": [')
    written_actors = _write_list(out, (found for a in actor_ids if (found := actor_json(a, actors)) is not None))
    out.write('],\n"events": [')
    events = _write_list(out, (event_json(view, rule=rule) for view in iter_event_views(store, ids, detail=True)))
    out.write("]}\n")
    return ExportSummary("json", documents, written_actors, events)
