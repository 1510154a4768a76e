"""GeoJSON, GraphML, STIX 2.1 and FollowTheMoney exports, each validated by its own schema or library."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
import stix2
from followthemoney import model

from rashomon.export import export
from rashomon.store import Store
from tests.export.scene import build_export_scene

POINT_COLLECTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {
                                "type": "array",
                                "minItems": 2,
                                "maxItems": 3,
                                "prefixItems": [
                                    {"type": "number", "minimum": -180, "maximum": 180},
                                    {"type": "number", "minimum": -90, "maximum": 90},
                                ],
                                "items": {"type": "number"},
                            },
                        },
                    },
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}


def exported(store: Store, format: str, **options: Any) -> str:
    out = io.StringIO()
    export(store, out, format=format, **options)
    return out.getvalue()


# GeoJSON -------------------------------------------------------------------------------------


def test_geojson_is_a_valid_point_collection_of_the_located_events(store: Store) -> None:
    event_id = build_export_scene(store)
    data = json.loads(exported(store, "geojson"))
    jsonschema.validate(data, POINT_COLLECTION)
    assert [f["id"] for f in data["features"]] == [event_id], "events without coordinates are left out"
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [62.33, 27.37], "longitude first"
    props = feature["properties"]
    assert (props["killed"], props["killed_low"], props["killed_high"], props["figure_rule"]) == (5, 5, 7, "ucdp")
    assert props["perpetrators"] == [
        {"actor": "jaish-al-adl", "name": "Jaish al-Adl", "statuses": ["claimed"], "documents": 1}
    ]
    assert props["other_actors"][0]["statuses"] == ["accused", "denied"]
    assert props["documents"] == ["border-1", "border-2", "border-3"]
    assert set(props["conflicts"]) == {"killed", "perpetrator"}


def test_point_schema_rejects_a_feature_without_coordinates() -> None:
    broken = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point"}, "properties": {}}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, POINT_COLLECTION)


# GraphML -------------------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx_as_actors_tied_to_events(store: Store, tmp_path: Path) -> None:
    event_id = build_export_scene(store)
    path = tmp_path / "net.graphml"
    path.write_text(exported(store, "graphml"), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.DiGraph)
    events = {n for n, d in graph.nodes(data=True) if d["type"] == "event"}
    actors = {n for n, d in graph.nodes(data=True) if d["type"] == "actor"}
    assert len(events) == 4 and event_id in events
    assert actors == {"actor:jaish-al-adl", "actor:israel", "actor:al-shabaab"}
    node = graph.nodes[event_id]
    assert (node["killed"], node["lat"], node["country"], node["suicide"]) == (5, 27.37, "IR", False)
    claimed = graph.edges["actor:jaish-al-adl", event_id]
    assert (claimed["relation"], claimed["documents"]) == ("claimed", 1)
    accused = graph.edges["actor:israel", event_id]
    assert (accused["relation"], accused["statuses"]) == ("accused", "accused, denied")
    assert "A senior commander blamed Israel (border-2)" in accused["sources"]
    assert graph.nodes["actor:israel"]["actor_kind"] == "state"


# STIX ----------------------------------------------------------------------------------------


def stix_objects(store: Store, **options: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    text = exported(store, "stix", **options)
    bundle = stix2.parse(text, allow_custom=False)
    assert bundle.type == "bundle"
    raw = json.loads(text)
    return raw, {item["id"]: item for item in raw["objects"]}


def test_stix_bundle_parses_and_every_reference_resolves(store: Store) -> None:
    build_export_scene(store)
    raw, objects = stix_objects(store)
    for item in raw["objects"]:
        stix2.parse(item, allow_custom=False)
        for key in ("object_refs", "source_ref", "target_ref", "created_by_ref"):
            refs = item.get(key)
            for ref in refs if isinstance(refs, list) else [refs] if refs else []:
                assert ref in objects, f"{item['id']}.{key} points at {ref}, not in the bundle"
    kinds = [item["type"] for item in raw["objects"]]
    assert kinds.count("incident") == kinds.count("report") == 4
    assert kinds.count("threat-actor") == 2 and kinds.count("identity") == 2, "Israel (a state) is an identity"
    assert len(set(objects)) == len(raw["objects"]), "each actor is written once"


def test_stix_keeps_attributions_and_conflicting_claims(store: Store) -> None:
    event_id = build_export_scene(store)
    raw, objects = stix_objects(store, event=event_id)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for item in raw["objects"]:
        by_type.setdefault(item["type"], []).append(item)
    ties = {
        objects[r["target_ref"]]["name"]: r for r in by_type["relationship"] if r["relationship_type"] != "located-at"
    }
    assert ties["Jaish al-Adl"]["description"].startswith("Jaish al-Adl claimed responsibility (border-1)")
    assert ties["Israel"]["description"].startswith("An accusation, not a claim or an attribution: A senior commander")
    [opinion] = by_type["opinion"]
    assert opinion["opinion"] == "strongly-disagree" and opinion["object_refs"] == [ties["Israel"]["id"]]
    assert opinion["authors"] == ["Israel"]
    notes = {note["abstract"]: note for note in by_type["note"]}
    assert "Reports disagree on killed: 5, 7" in notes
    [location] = by_type["location"]
    assert (location["country"], location["latitude"], location["city"]) == ("IR", 27.37, "Saravan")
    [report] = by_type["report"]
    assert {ref["external_id"] for ref in report["external_references"]} == {
        event_id,
        "border-1",
        "border-2",
        "border-3",
    }
    assert report["published"].startswith("2023-05-12")
    assert "Other killed figures: 7" in by_type["incident"][0]["description"]
    again = json.loads(exported(store, "stix", event=event_id))
    assert [o["id"] for o in again["objects"]] == [o["id"] for o in raw["objects"]], "ids are stable across exports"


# FollowTheMoney ------------------------------------------------------------------------------


def test_ftm_entities_validate_against_the_model(store: Store) -> None:
    event_id = build_export_scene(store)
    lines = [json.loads(line) for line in exported(store, "ftm").splitlines()]
    ids = {line["id"] for line in lines}
    for line in lines:
        schema = model.get(line["schema"])
        assert schema is not None, line["schema"]
        assert set(line["properties"]) <= set(schema.properties), line
        schema.validate(line)
        proxy = model.get_proxy(line, cleaned=False)
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                values = proxy.get(prop)
                assert values and all(v in ids for v in values), f"{line['schema']}.{prop.name} points outside the file"
    schemas = [line["schema"] for line in lines]
    assert schemas.count("Event") == 4
    assert {"Organization", "PublicBody", "UnknownLink", "Documentation", "Article", "Note"} <= set(schemas)
    event = next(line for line in lines if line["schema"] == "Event" and "Saravan" in line["properties"]["name"][0])
    assert event["properties"]["startDate"] == ["2023-05-09"]
    assert event["properties"]["country"] == ["ir"]
    links = [
        line for line in lines if line["schema"] == "UnknownLink" and line["properties"]["object"] == [event["id"]]
    ]
    roles = sorted(tuple(link["properties"]["role"]) for link in links)
    assert roles == [("accused", "denied"), ("claimed",)]
    assert not any("organizer" in line["properties"] or "involved" in line["properties"] for line in lines)
    assert event_id


def test_every_format_writes_nothing_for_an_empty_store(store: Store) -> None:
    assert json.loads(exported(store, "geojson")) == {"type": "FeatureCollection", "features": []}
    assert exported(store, "ftm") == ""
    assert stix2.parse(exported(store, "stix")).type == "bundle"
    assert nx.read_graphml(io.BytesIO(exported(store, "graphml").encode())).number_of_nodes() == 0
