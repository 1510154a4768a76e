"""Export: FollowTheMoney entities as JSON lines (one entity per line), for Aleph and ftm tools.

Every entity is made with the `followthemoney` model, so its schema and property values are
checked as it is built. Per event: an `Event` (our id in `recordId`; dates, country, place,
summary, the figures with their rule and sources in `description`, linked dataset records in
`notes`), a `Documentation` from each source `Article`, an `UnknownLink` from each actor
reports tie to it, whose `role` is the tie ("claimed", "accused"...) and whose `description`
says who said so: an accusation is never made an `organizer` or `involved` fact. Conflicts
become `Note`s on the event. Actors (`Organization`, or `PublicBody` for states and their
forces) are written once; articles come last, read from SQL a page at a time, so memory does
not grow with the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import select

from rashomon.export.common import (
    ExportItem,
    ExportOptions,
    count_documents,
    export_items,
    iter_id_pages,
    load_actors,
    prepare,
)
from rashomon.export.json_export import ExportSummary
from rashomon.export.tables import reference_notes
from rashomon.export.wording import attribution_sentences, capitalised, figure_notes, where_text
from rashomon.resolve.actors import ActorResolution
from rashomon.store import Store, schema
from rashomon.store.event_fetch import chunks

STATE_KINDS = frozenset({"state", "state_security_body"})
_DOCUMENT_PAGE = 200


def _entity(schema_name: str, *key: str) -> EntityProxy:
    entity = model.make_entity(schema_name)
    entity.make_id("rashomon", schema_name, *key)
    return entity


def actor_entity(actors: ActorResolution, actor_id: str, name: str) -> EntityProxy:
    actor = actors.catalogue.actor(actor_id)
    entity = _entity("PublicBody" if actor is not None and actor.kind in STATE_KINDS else "Organization", actor_id)
    entity.add("name", actor.name if actor else name)
    if actor is not None:
        entity.add("alias", list(actor.aliases))
        entity.add("country", actor.country, quiet=True)
        entity.add("description", actor.description)
    return entity


def article_id(document_id: str) -> str:
    return _entity("Article", document_id).id or ""


def event_entities(item: ExportItem, rule: str, actors: ActorResolution, written: set[str]) -> Iterator[EntityProxy]:
    """The entities of one event: actors not yet written, the event, its links and notes."""
    view = item.view
    event = view.event
    entity = _entity("Event", event.id)
    entity.add("name", event.title or event.id)
    if event.date is not None:
        entity.add("startDate", event.date.iso())
        if event.date.end != event.date.start:
            entity.add("endDate", event.date.end.isoformat())
    if event.place is not None:
        entity.add("country", event.place.country, quiet=True)
        entity.add("location", where_text(view))
    entity.add(
        "summary",
        f"{capitalised(event.kind.value.replace('_', ' '))}; attack type {event.attack_type}."
        if event.attack_type
        else capitalised(event.kind.value.replace("_", " ")) + ".",
    )
    entity.add("description", " ".join(figure_notes(view, rule)) or None)
    entity.add("recordId", event.id)
    entity.add("notes", reference_notes(item))
    entity.add("sourceUrl", [d.url for d in view.documents if d.url], quiet=True)
    yield entity
    for perpetrator in view.perpetrators:
        if perpetrator.actor_id is None:
            continue
        actor = actor_entity(actors, perpetrator.actor_id, perpetrator.name)
        if actor.id not in written:
            written.add(actor.id or "")
            yield actor
        link = _entity("UnknownLink", event.id, perpetrator.actor_id)
        link.add("subject", actor)
        link.add("object", entity)
        link.add("role", list(perpetrator.statuses))
        sentences = attribution_sentences(view, [perpetrator])
        link.add("description", "; ".join(f"{capitalised(t)} ({c.document_id})" for t, c in sentences))
        yield link
    for document in view.documents:
        documentation = _entity("Documentation", event.id, document.id)
        documentation.add("document", article_id(document.id))
        documentation.add("entity", entity)
        documentation.add("role", "reports on")
        yield documentation
    for conflict in view.conflicts:
        note = _entity("Note", event.id, conflict.conflict.attribute)
        note.add("entity", entity)
        note.add("name", f"Reports disagree on {conflict.conflict.attribute}")
        claims = "; ".join(
            f"{c.value} ({c.attributed_to or 'no speaker named'}; {c.document_id})" for c in conflict.claims
        )
        note.add("description", claims or ", ".join(conflict.conflict.values))
        yield note


def _articles(store: Store, options: ExportOptions) -> Iterator[EntityProxy]:
    """One Article per document of the exported events, read a page of events at a time.

    A document shared by events of two pages is written once per page; FollowTheMoney tools
    merge entities by id, so the repeat is harmless.
    """
    d, ea, a = schema.documents.c, schema.event_accounts.c, schema.accounts.c
    for ids in iter_id_pages(store, options):
        with store.engine.connect() as connection:
            query = select(a.document_id).join_from(schema.event_accounts, schema.accounts, a.id == ea.account_id)
            document_ids = sorted(set(connection.execute(query.where(ea.event_id.in_(ids))).scalars()))
        for part in chunks(document_ids, _DOCUMENT_PAGE):
            with store.engine.connect() as connection:
                columns = (d.id, d.title, d.publisher, d.author, d.url, d.published, d.language)
                rows = list(connection.execute(select(*columns).where(d.id.in_(part)).order_by(d.id)).mappings())
            for row in rows:
                article = _entity("Article", row["id"])
                article.add("title", row["title"] or row["id"])
                article.add("publisher", row["publisher"])
                article.add("author", row["author"])
                article.add("sourceUrl", row["url"], quiet=True)
                article.add("publishedAt", row["published"].isoformat() if row["published"] else None)
                article.add("language", row["language"], quiet=True)
                yield article


def export_ftm(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the events of `store` as FollowTheMoney JSON lines; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule()
    actors = load_actors(store)
    written: set[str] = set()
    events = 0
    for item in export_items(store, parsed, detail=True):
        for entity in event_entities(item, rule, actors, written):
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        events += 1
    for article in _articles(store, parsed):
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return ExportSummary("ftm", count_documents(store, parsed), len(written), events)
