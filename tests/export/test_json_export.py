"""The JSON export: GOLD.md's prediction-file shape (checked with a JSON Schema), spans, rules, streaming."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rashomon.errors import ConfigError
from rashomon.export import FORMATS, export, export_json
from rashomon.store import Store
from tests.resolve.factory import account as plain_account
from tests.resolve.factory import city, day, document, killed
from tests.resolve.stored import CHECKPOINT, MARKET_1, MARKET_2, build_scene, resolve

SCHEMA = json.loads((Path(__file__).parent / "prediction.schema.json").read_text(encoding="utf-8"))


def exported(store: Store, **options: Any) -> dict[str, Any]:
    out = io.StringIO()
    export_json(store, out, **options)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def market_event(data: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in data["events"] if MARKET_2.id in e["documents"])


def test_export_validates_against_the_prediction_schema(store: Store) -> None:
    build_scene(store)
    data = exported(store)
    jsonschema.validate(data, SCHEMA)
    assert len(data["events"]) == 3
    assert {d["id"] for d in data["documents"]} == {"wire-1", "paper-2", "wire-3", "desk-4"}
    assert all("text" not in d for d in data["documents"])


def test_schema_rejects_a_broken_export() -> None:
    broken = {"documents": [], "actors": [], "events": [{"id": "e1", "kind": "battle"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_every_exported_claim_span_is_inside_its_document_text(store: Store) -> None:
    build_scene(store)
    data = exported(store, include_text=True)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    checked = 0
    for event in data["events"]:
        for attribute in ("killed", "injured"):
            for claim in event[attribute]["claims"]:
                text = texts[claim["document"]]
                assert claim["document"] in event["documents"]
                assert 0 <= claim["start"] <= claim["end"] <= len(text)
                assert text[claim["start"] : claim["end"]] == claim["text"]
                checked += 1
        for mention in event["mentions"]:
            assert 0 <= mention["start"] <= mention["end"] <= len(texts[mention["document"]])
    assert checked == 6  # 12, 16, 30, 41 for the market; 12 a year later; four at the checkpoint


def test_export_event_fields_and_claims(store: Store) -> None:
    build_scene(store)
    event = market_event(exported(store))
    assert event["kind"] == "attack"
    assert event["date"] == {"start": "2021-03-02", "end": "2021-03-02", "precision": "day"}
    assert event["place"]["city"] == "Mogadishu" and event["place"]["country"] == "SO"
    assert event["attack_type"] == "Bombing/Explosion"
    assert event["suicide"] is False
    assert event["documents"] == [MARKET_1.id, MARKET_2.id]
    killed_claims = [(c["value"], c["document"], c["attributed_to"], c["qualifier"]) for c in event["killed"]["claims"]]
    assert killed_claims == [(12, "wire-1", "Police", "at_least"), (16, "paper-2", "Officials", "exact")]
    assert [c["value"] for c in event["injured"]["claims"]] == [30, 41]
    assert {c["attribute"] for c in event["conflicts"]} >= {"killed", "injured"}


def test_export_keeps_accused_actors_out_of_the_perpetrators(store: Store) -> None:
    build_scene(store)
    data = exported(store)
    event = market_event(data)
    assert [(p["actor"], p["status"]) for p in event["perpetrators"]] == [("al-shabaab", "claimed")]
    assert [(p["actor"], p["statuses"]) for p in event["other_actors"]] == [("israel", ["accused"])]
    actors = {a["id"]: a for a in data["actors"]}
    assert set(actors) == {"al-shabaab", "israel"}
    assert "Harakat al-Shabaab al-Mujahideen" in actors["al-shabaab"]["aliases"]
    others = [e for e in data["events"] if e is not event]
    assert all(e["perpetrators"] == [] for e in others)


@pytest.mark.parametrize(("rule", "best"), [("gtd", 16), ("acled", 12), ("ucdp", 12), ("range", None)])
def test_export_headline_follows_the_figure_rule(store: Store, rule: str, best: int | None) -> None:
    build_scene(store)
    killed_figure = market_event(exported(store, figure_rule=rule))["killed"]
    assert killed_figure["rule"] == rule
    assert killed_figure["best"] == best
    assert (killed_figure["low"], killed_figure["high"]) == (12, 16)


def test_export_default_rule_is_gtd_and_unknown_rule_writes_nothing(store: Store) -> None:
    build_scene(store)
    assert market_event(exported(store))["killed"]["rule"] == "gtd"
    out = io.StringIO()
    with pytest.raises(ConfigError):
        export_json(store, out, figure_rule="mean")
    assert out.getvalue() == ""


def test_export_filters_events_and_their_documents(store: Store) -> None:
    build_scene(store)
    data = exported(store, date_to=dt.date(2021, 12, 31), actor="al-Shabaab")
    assert [e["documents"] for e in data["events"]] == [[MARKET_1.id, MARKET_2.id]]
    assert [d["id"] for d in data["documents"]] == [MARKET_2.id, MARKET_1.id]
    none = exported(store, country="IR")
    assert none == {"documents": [], "actors": [], "events": []}


def test_export_streams_events_one_per_line_across_batches(store: Store) -> None:
    total = 230  # more than two batches of events
    for number in range(total):
        doc_id = f"r{number:03d}"
        text = f"Report {number}: a bomb went off in town {number} and killed {number % 9 + 1} people."
        store.add_document(document(doc_id, text, dt.date(2020, 1, 1), hours=number))
        when = day((dt.date(2019, 1, 1) + dt.timedelta(days=number * 3)).isoformat())
        figure = killed(doc_id, number % 9 + 1, start=text.index("killed") + 7)
        store.replace_accounts(
            doc_id,
            "test",
            "1",
            [plain_account(f"{doc_id}#1", doc_id, date=when, place=city(f"Town{number}", "NG"), figures=[figure])],
        )
    resolve(store)
    out = io.StringIO()
    summary = export(store, out, format="json")
    assert (summary.events, summary.documents) == (total, total)
    text = out.getvalue()
    event_lines = text.split('"events": [', 1)[1].strip().splitlines()
    assert len(event_lines) == total + 1  # one line per event, then the closing "]}"
    data = json.loads(text)
    assert len({e["id"] for e in data["events"]}) == total
    starts = [e["date"]["start"] for e in data["events"]]
    assert starts == sorted(starts)
    jsonschema.validate(data, SCHEMA)


def test_export_registry_and_unknown_format(store: Store) -> None:
    assert "json" in FORMATS
    with pytest.raises(ConfigError, match="json"):
        export(store, io.StringIO(), format="xml")


def test_export_of_an_unresolved_store_lists_documents_only(store: Store) -> None:
    store.add_document(document(CHECKPOINT.id, CHECKPOINT.text, CHECKPOINT.published))
    data = exported(store, include_text=True)
    jsonschema.validate(data, SCHEMA)
    assert data["events"] == [] and data["documents"][0]["text"] == CHECKPOINT.text
