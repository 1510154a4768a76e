"""Export: events as a GeoJSON FeatureCollection of points (RFC 7946), for maps and GIS tools.

One Feature per event that has coordinates (events without are left out: a Point needs
them), written as it is read. Coordinates are [longitude, latitude]. Properties hold what a
map popup needs: date, place, kind, attack type, the headline figures under the rule asked
for (`ucdp` by default) with their low/high, the actors with each status reports gave them
(perpetrators, other actors and descriptions, as the JSON export splits them), the documents,
the attributes reports disagree on and the linked reference records.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from rashomon.export.common import ExportItem, count_documents, export_items, prepare
from rashomon.export.json_export import ExportSummary
from rashomon.export.records import split_perpetrators
from rashomon.export.wording import figure_headline
from rashomon.model.records import FigureKind
from rashomon.resolve.figures import DEFAULT_RULE
from rashomon.resolve.views import PerpetratorView
from rashomon.store import Store


def _actor(view: PerpetratorView) -> dict[str, Any]:
    return {"actor": view.actor_id, "name": view.name, "statuses": list(view.statuses), "documents": view.documents}


def feature(item: ExportItem, rule: str = DEFAULT_RULE) -> dict[str, Any] | None:
    """One event as a GeoJSON Feature with a Point, or None when it has no coordinates."""
    view = item.view
    event = view.event
    place, date = event.place, event.date
    if place is None or place.lat is None or place.lon is None:
        return None
    perpetrators, others, described = split_perpetrators(view.perpetrators)
    properties: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "date": date.iso() if date else None,
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "place": place.name,
        "city": place.city,
        "admin1": place.admin1,
        "country": place.country,
        "place_precision": place.precision.value,
        "attack_type": event.attack_type,
        "suicide": event.suicide,
        "figure_rule": rule,
        "perpetrators": [_actor(p) for p in perpetrators],
        "other_actors": [_actor(p) for p in others],
        "described_perpetrators": [p.name for p in described],
        "documents": [document.id for document in view.documents],
        "conflicts": [conflict.conflict.attribute for conflict in view.conflicts],
        "references": [link.record.id for link in item.references],
    }
    for kind in (FigureKind.KILLED.value, FigureKind.INJURED.value):
        found = figure_headline(view, kind, rule)
        properties[kind] = found.best
        properties[f"{kind}_low"] = found.low
        properties[f"{kind}_high"] = found.high
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def export_geojson(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the located events of `store` as one FeatureCollection; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule()
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    actors: set[str] = set()
    for item in export_items(store, parsed, detail=True):
        found = feature(item, rule)
        if found is None:
            continue
        out.write(",\n" if count else "\n")
        out.write(json.dumps(found, ensure_ascii=False))
        actors.update(p.actor_id for p in item.view.perpetrators if p.actor_id)
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return ExportSummary("geojson", count_documents(store, parsed), len(actors), count)
