"""Export: actors and events as a directed network in GraphML, for networkx, Gephi or yEd.

Nodes are events (`type` event) and the actors reports tie to them (`type` actor); each edge
runs from an actor to an event and keeps how reports tied them: `relation` is the strongest
status (claimed, attributed, suspected, accused, denied), `statuses` every status, `sources`
each attribution sentence with its document, so an accusation stays an accusation in the graph.

The file is written as events are read (actor nodes, a bounded set, come last), so memory does
not grow with the store; `networkx.read_graphml` reads it back. Values a report does not give
are left out of a node rather than written empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from rashomon.export.common import count_documents, export_items, load_actors, prepare
from rashomon.export.json_export import ExportSummary
from rashomon.export.wording import attribution_sentences, figure_headline
from rashomon.model.records import FigureKind
from rashomon.store import Store

NODE_KEYS = {
    "type": "string",
    "label": "string",
    "kind": "string",
    "actor_kind": "string",
    "origin": "string",
    "date": "string",
    "date_start": "string",
    "country": "string",
    "admin1": "string",
    "city": "string",
    "lat": "double",
    "lon": "double",
    "attack_type": "string",
    "suicide": "boolean",
    "killed": "int",
    "injured": "int",
    "figure_rule": "string",
    "documents": "int",
    "references": "string",
}
EDGE_KEYS = {"relation": "string", "statuses": "string", "documents": "int", "sources": "string"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def _value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    return escape(_NOT_XML.sub("", str(value)))


def _data(domain: str, keys: Mapping[str, str], values: Mapping[str, Any]) -> str:
    return "".join(
        f'<data key="{_key_id(domain, name)}">{_value(value, keys[name])}</data>'
        for name, value in values.items()
        if value is not None and value != ""
    )


def _header() -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        lines += [
            f'<key id="{_key_id(domain, name)}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>'
            for name, kind in keys.items()
        ]
    lines.append('<graph id="rashomon" edgedefault="directed">')
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text))


def export_graphml(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write events and actors of `store` as GraphML; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule()
    out.write(_header())
    used: set[str] = set()
    events = 0
    for item in export_items(store, parsed):
        view = item.view
        event = view.event
        place, date = event.place, event.date
        values = {
            "type": "event",
            "label": event.title or event.id,
            "kind": event.kind.value,
            "date": date.iso() if date else None,
            "date_start": date.start.isoformat() if date else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "city": place.city if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "attack_type": event.attack_type,
            "suicide": event.suicide,
            "killed": figure_headline(view, FigureKind.KILLED.value, rule).best,
            "injured": figure_headline(view, FigureKind.INJURED.value, rule).best,
            "figure_rule": rule,
            "documents": len(view.documents),
            "references": " ".join(link.record.id for link in item.references),
        }
        out.write(f"<node id={_quote(event.id)}>{_data('node', NODE_KEYS, values)}</node>\n")
        events += 1
        for perpetrator in view.perpetrators:
            if perpetrator.actor_id is None:
                continue
            used.add(perpetrator.actor_id)
            sentences = attribution_sentences(view, [perpetrator])
            edge = {
                "relation": perpetrator.statuses[0] if perpetrator.statuses else None,
                "statuses": ", ".join(perpetrator.statuses),
                "documents": perpetrator.documents,
                "sources": "; ".join(f"{text} ({claim.document_id})" for text, claim in sentences),
            }
            out.write(
                f"<edge source={_quote('actor:' + perpetrator.actor_id)} target={_quote(event.id)}>"
                f"{_data('edge', EDGE_KEYS, edge)}</edge>\n"
            )
    actors = load_actors(store)
    for actor_id in sorted(used):
        actor = actors.catalogue.actor(actor_id)
        values = {
            "type": "actor",
            "label": actor.name if actor else actor_id,
            "actor_kind": actor.kind if actor else None,
            "origin": actors.origins.get(actor_id),
            "country": actor.country if actor else None,
        }
        out.write(f"<node id={_quote('actor:' + actor_id)}>{_data('node', NODE_KEYS, values)}</node>\n")
    out.write("</graph>\n</graphml>\n")
    return ExportSummary("graphml", count_documents(store, parsed), len(used), events)
