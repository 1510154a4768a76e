"""Export: events as a STIX 2.1 bundle, every object built (and so validated) by the `stix2` library.

Per event: an `incident` (its description holds the headline figures, their rule and every
other figure with its source), a `location` tied by `located-at`, one relationship per actor
reports tie to it (the type from the claim-status vocabulary; the description says who claimed,
attributed, suspected or accused, so an accusation stays one), an `opinion`
(strongly-disagree, authored by the actor) on a tie the actor denies, a `note` for each
attribute reports disagree on and for denials with no tie to hang on, and a `report` that
collects them with our event id, the source documents and linked dataset records as external references.
Actors are `threat-actor` or `identity` objects as their kind says, each written once.

Ids are UUIDv5 of our ids, so exporting twice gives the same ids; objects are written as they
are built and the bundle is closed at the end, so memory does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

import stix2

from rashomon.export.common import (
    ExportItem,
    count_documents,
    export_items,
    load_actors,
    prepare,
    vocabulary,
)
from rashomon.export.json_export import ExportSummary
from rashomon.export.wording import attribution_sentences, capitalised, citation, figure_notes, kind_word, where_text
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.views import PerpetratorView
from rashomon.store import Store

NAMESPACE = uuid.UUID("6f0c4b8e-6a55-4f5e-9a4c-6d1f3c1b2a90")
_THREAT_ACTOR = "threat-actor"
_DEFAULT_RELATIONSHIP = "attributed-to"


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _relationship_type(status: str) -> str:
    found = vocabulary()
    entry = found.claim_statuses.find(status) if found is not None else None
    return (entry.stix_relationship if entry is not None else None) or _DEFAULT_RELATIONSHIP


class _Builder:
    """Builds the STIX objects of one export; remembers the actors already written."""

    def __init__(self, actors: ActorResolution, now: dt.datetime) -> None:
        self.actors = actors
        self.now = now
        self.written: set[str] = set()
        self.producer = stix2.v21.Identity(
            id=stix_id("identity", "rashomon"), name="rashomon", identity_class="system", created=now, modified=now
        )

    def _common(self) -> dict[str, Any]:
        return {"created": self.now, "modified": self.now, "created_by_ref": self.producer.id}

    def actor(self, view: PerpetratorView) -> tuple[str, Any | None]:
        """The STIX id of an actor, and its object when not written yet."""
        assert view.actor_id is not None
        actor = self.actors.catalogue.actor(view.actor_id)
        kind = actor.kind if actor else "armed_group"
        found = vocabulary()
        entry = found.actor_kinds.find(kind) if found is not None else None
        is_threat = entry is None or entry.stix_type == _THREAT_ACTOR
        object_id = stix_id(_THREAT_ACTOR if is_threat else "identity", view.actor_id)
        if object_id in self.written:
            return object_id, None
        self.written.add(object_id)
        names = {"name": actor.name if actor else view.name, "description": actor.description if actor else None}
        names = {key: value for key, value in names.items() if value}
        if is_threat:
            extra: dict[str, Any] = {"aliases": list(actor.aliases)} if actor and actor.aliases else {}
            if entry is not None and entry.stix_threat_actor_type:
                extra["threat_actor_types"] = [entry.stix_threat_actor_type]
            return object_id, stix2.v21.ThreatActor(id=object_id, **names, **extra, **self._common())
        return object_id, stix2.v21.Identity(id=object_id, identity_class="organization", **names, **self._common())

    def event(self, item: ExportItem, rule: str) -> Iterator[Any]:
        """Every object of one event, the report last."""
        view = item.view
        event = view.event
        common = self._common()
        incident_id = stix_id("incident", event.id)
        when = view.event.date.iso() if view.event.date else "an unknown date"
        where = where_text(view) or "an unknown place"
        lines = [f"{capitalised(event.kind.value.replace('_', ' '))} on {when} in {where}."]
        lines += figure_notes(view, rule)
        described = [p.name for p in view.perpetrators if p.actor_id is None]
        lines += [f"Reports describe the perpetrators as {name}." for name in described]
        incident = stix2.v21.Incident(
            id=incident_id, name=event.title or event.id, description=" ".join(lines), **common
        )
        refs: list[str] = [incident_id]
        yield incident
        place = event.place
        if place is not None and (place.country or (place.lat is not None and place.lon is not None)):
            location = stix2.v21.Location(
                id=stix_id("location", event.id),
                name=where_text(view),
                country=place.country,
                administrative_area=place.admin1,
                city=place.city,
                latitude=place.lat,
                longitude=place.lon,
                **{k: v for k, v in common.items()},
            )
            yield location
            located = stix2.v21.Relationship(
                id=stix_id("relationship", f"{event.id}:located-at"),
                relationship_type="located-at",
                source_ref=incident_id,
                target_ref=location.id,
                **common,
            )
            yield located
            refs += [location.id, located.id]
        yield from self._ties(item, incident_id, refs)
        for conflict in view.conflicts:
            values = ", ".join(conflict.conflict.values)
            claims = "; ".join(
                f"{c.value} ({c.attributed_to or 'no speaker named'}; {c.document_id})" for c in conflict.claims
            )
            note = stix2.v21.Note(
                id=stix_id("note", f"{event.id}:conflict:{conflict.conflict.attribute}"),
                abstract=f"Reports disagree on {conflict.conflict.attribute}: {values}",
                content=claims or values,
                authors=["rashomon"],
                object_refs=[incident_id],
                **common,
            )
            yield note
            refs.append(note.id)
        yield self._report(item, refs)

    def _ties(self, item: ExportItem, incident_id: str, refs: list[str]) -> Iterator[Any]:
        view = item.view
        what = kind_word(view)
        for perpetrator in view.perpetrators:
            if perpetrator.actor_id is None:
                continue
            actor_id, actor = self.actor(perpetrator)
            if actor is not None:
                yield actor
            refs.append(actor_id)
            sentences = attribution_sentences(view, [perpetrator])
            ties = [(text, claim) for text, claim in sentences if claim.status != "denied"]
            denials = [(text, claim) for text, claim in sentences if claim.status == "denied"]
            relationship_id = None
            if ties:
                strongest = perpetrator.statuses[0]
                statuses = ", ".join(perpetrator.statuses)
                text = "; ".join(f"{capitalised(t)} ({c.document_id})" for t, c in ties)
                if not {"claimed", "attributed", "suspected"} & set(perpetrator.statuses):
                    text = f"An accusation, not a claim or an attribution: {text}"
                relationship = stix2.v21.Relationship(
                    id=stix_id("relationship", f"{view.id}:{perpetrator.actor_id}"),
                    relationship_type=_relationship_type(strongest),
                    source_ref=incident_id,
                    target_ref=actor_id,
                    description=f"{text}. Reports tie {perpetrator.name} to {what} as: {statuses}.",
                    **self._common(),
                )
                relationship_id = relationship.id
                refs.append(relationship.id)
                yield relationship
            if denials:
                explanation = "; ".join(f"{capitalised(t)} ({c.document_id})" for t, c in denials)
                if relationship_id is not None:
                    opinion = stix2.v21.Opinion(
                        id=stix_id("opinion", f"{view.id}:{perpetrator.actor_id}:denied"),
                        opinion="strongly-disagree",
                        explanation=explanation,
                        authors=[perpetrator.name],
                        object_refs=[relationship_id],
                        **self._common(),
                    )
                else:
                    opinion = stix2.v21.Note(
                        id=stix_id("note", f"{view.id}:{perpetrator.actor_id}:denied"),
                        abstract=f"{perpetrator.name} denied involvement",
                        content=explanation,
                        authors=["rashomon"],
                        object_refs=[incident_id, actor_id],
                        **self._common(),
                    )
                refs.append(opinion.id)
                yield opinion

    def _report(self, item: ExportItem, refs: list[str]) -> Any:
        view = item.view
        external: list[dict[str, str]] = [{"source_name": "rashomon", "external_id": view.id}]
        external += [
            {
                "source_name": document.publisher or document.title or document.id,
                "description": citation(document),
                "external_id": document.id,
                **({"url": document.url} if document.url else {}),
            }
            for document in view.documents
        ]
        external += [
            {
                "source_name": link.record.dataset.upper(),
                "external_id": link.record.ref_id,
                "description": f"linked by rashomon (score {link.score:.2f}: {', '.join(link.features)})",
            }
            for link in item.references
        ]
        dates = [document.published for document in view.documents if document.published is not None]
        published = dt.datetime.combine(max(dates), dt.time(), tzinfo=dt.UTC) if dates else self.now
        return stix2.v21.Report(
            id=stix_id("report", view.id),
            name=view.event.title or view.id,
            report_types=["threat-report"],
            published=published,
            object_refs=list(dict.fromkeys(refs)),
            external_references=external,
            **self._common(),
        )


def export_stix(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the events of `store` as one STIX 2.1 bundle; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    builder = _Builder(load_actors(store), now)
    out.write(f'{{"type": "bundle", "id": "bundle--{uuid.uuid4()}", "objects": [\n')
    out.write(builder.producer.serialize())
    events = 0
    for item in export_items(store, parsed, detail=True):
        for stix_object in builder.event(item, rule):
            out.write(",\n")
            out.write(stix_object.serialize())
        events += 1
    out.write("\n]}\n")
    actors = len(builder.written)
    return ExportSummary("stix", count_documents(store, parsed), actors, events)
