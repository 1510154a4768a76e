"""The REST API over the hand-built store: listings, filters, pagination, details, errors, OpenAPI."""

from __future__ import annotations

from typing import Any

from tests.serve.conftest import TestClient


def _events(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _kirkuk_id(client: TestClient) -> str:
    return str(_events(client, q="kirkuk")["items"][0]["id"])


def test_api_events_lists_every_event_in_date_order(client: TestClient) -> None:
    body = _events(client)
    assert body["total"] == 2
    dates = [item["date"]["start"] for item in body["items"]]
    assert dates == sorted(dates)
    assert body["items"][0]["place"]["city"] == "Kirkuk"
    assert body["items"][0]["documents"] == 2


def test_api_events_newest_first(client: TestClient) -> None:
    dates = [item["date"]["start"] for item in _events(client, sort="-date")["items"]]
    assert dates == sorted(dates, reverse=True)


def test_api_event_headline_follows_the_rule(client: TestClient) -> None:
    # Kirkuk: one report says 9 killed, a later one 12. GTD takes the latest, ACLED the lowest.
    gtd = _events(client, q="kirkuk", rule="gtd")["items"][0]["figures"]["killed"]
    acled = _events(client, q="kirkuk", rule="acled")["items"][0]["figures"]["killed"]
    assert (gtd["best"], gtd["rule"]) == (12, "gtd")
    assert (acled["best"], acled["rule"]) == (9, "acled")
    assert gtd["explanation"]


def test_api_events_filters(client: TestClient) -> None:
    assert _events(client, country="iq")["total"] == 2
    assert _events(client, country="SY")["total"] == 0
    assert _events(client, kind="attack")["total"] == 2
    assert _events(client, kind="strike")["total"] == 0
    assert _events(client, date_from="2023-01-01")["total"] == 1
    assert _events(client, date_to="2022-12-31")["total"] == 1
    assert _events(client, actor="Islamic State")["total"] == 1
    assert _events(client, actor="ISIS")["total"] == 1  # an alias
    assert _events(client, actor="nobody at all")["total"] == 0


def test_api_events_figure_range(client: TestClient) -> None:
    assert _events(client, figure_min=10)["total"] == 1  # Kirkuk: one report says 12
    assert _events(client, figure_min=13)["total"] == 0
    assert _events(client, figure_max=5)["total"] == 1  # Basra: 4
    assert _events(client, figure="injured", figure_min=25, figure_max=30)["total"] == 1
    assert _events(client, figure="kidnapped", figure_min=0)["total"] == 0


def test_api_events_text_search(client: TestClient) -> None:
    assert _events(client, q="bridge")["total"] == 1
    assert _events(client, q="Basra")["total"] == 1
    assert _events(client, q="basr")["total"] == 1  # the last word may be a prefix
    assert _events(client, q="islamic state")["total"] == 1  # perpetrator names are searchable
    assert _events(client, q="kirkuk basra")["total"] == 0  # every word must occur
    assert _events(client, q='" OR * NEAR(')["total"] == 0  # operators are never interpreted


def test_api_events_only_conflicts(client: TestClient) -> None:
    body = _events(client, conflicts=True)
    assert body["total"] == 1
    assert body["items"][0]["place"]["city"] == "Kirkuk"


def test_api_events_pagination(client: TestClient) -> None:
    first = _events(client, limit=1, offset=0)
    second = _events(client, limit=1, offset=1)
    assert first["total"] == second["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert _events(client, limit=1, offset=5)["items"] == []


def test_api_rejects_bad_parameters(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422
    assert client.get("/api/events", params={"rule": "median"}).status_code == 422
    assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"kind": "picnic"}).status_code == 422


def test_api_event_detail_has_claims_with_evidence(client: TestClient) -> None:
    event_id = _kirkuk_id(client)
    body = client.get(f"/api/events/{event_id}").json()
    killed = next(f for f in body["figure_details"] if f["kind"] == "killed")
    assert [c["value"] for c in killed["claims"]] == ["9", "12"]
    assert {h["rule"] for h in killed["headlines"]} >= {"gtd", "acled", "ucdp"}
    assert [r["value"] for r in killed["evolution"]] == [9, 12]
    claim = killed["claims"][0]
    text = client.get(f"/api/documents/{claim['document_id']}").json()["text"]
    evidence = claim["evidence"]
    assert text[evidence["start"] : evidence["end"]] == "9"
    assert "killing 9 people" in text[evidence["sentence_start"] : evidence["sentence_end"]]
    assert {c["attribute"] for c in body["conflicts"]} == {"killed", "injured"}
    assert len(body["accounts"]) == 2
    assert body["perpetrator_claims"][0]["status"] == "claimed"


def test_api_event_prefix_and_unknown(client: TestClient) -> None:
    event_id = _kirkuk_id(client)
    assert client.get(f"/api/events/{event_id[:6]}").json()["id"] == event_id
    missing = client.get("/api/events/ev-doesnotexist")
    assert missing.status_code == 404
    assert "no event" in missing.json()["detail"]


def test_api_event_conflicts(client: TestClient) -> None:
    event_id = _kirkuk_id(client)
    conflicts = client.get(f"/api/events/{event_id}/conflicts").json()
    killed = next(c for c in conflicts if c["attribute"] == "killed")
    assert killed["values"] == ["9", "12"]
    assert len(killed["claims"]) == 2


def test_api_conflicts_listing(client: TestClient) -> None:
    body = client.get("/api/conflicts").json()
    assert body["total"] == 2
    assert {item["attribute"] for item in body["items"]} == {"killed", "injured"}
    assert len(client.get("/api/conflicts", params={"limit": 1, "offset": 1}).json()["items"]) == 1


def test_api_documents(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["total"] == 3
    assert body["items"][0]["published"] == "2023-01-15"  # newest first
    assert "text" not in body["items"][0]
    assert client.get("/api/documents", params={"q": "hospital"}).json()["total"] == 1
    assert client.get("/api/documents", params={"q": "zeppelin"}).json()["total"] == 0


def test_api_document_detail_spans(client: TestClient) -> None:
    body = client.get("/api/documents/bridge-1").json()
    kinds = {span["kind"] for span in body["spans"]}
    assert kinds == {"killed", "injured", "perpetrator", "place", "date"}
    for span in body["spans"]:
        assert body["text"][span["evidence"]["start"] : span["evidence"]["end"]] == span["text"]
    assert len(body["events"]) == 1
    assert client.get("/api/documents/nope").status_code == 404


def test_api_actors(client: TestClient) -> None:
    body = client.get("/api/actors", params={"limit": 5}).json()
    assert body["total"] > 5
    assert body["items"][0]["id"] == "islamic-state"  # the only actor with an event comes first
    assert body["items"][0]["events"] == 1
    found = client.get("/api/actors", params={"q": "daesh"}).json()["items"]
    assert "islamic-state" in [actor["id"] for actor in found]
    assert client.get("/api/actors/islamic-state").json()["name"] == "Islamic State"
    assert client.get("/api/actors/nobody").status_code == 404


def test_api_timeline_and_map(client: TestClient) -> None:
    assert client.get("/api/timeline").json() == [{"month": "2022-09", "events": 1}, {"month": "2023-01", "events": 1}]
    assert client.get("/api/timeline", params={"q": "basra"}).json() == [{"month": "2023-01", "events": 1}]
    data = client.get("/api/map").json()
    assert data["countries"] == {"IQ": 2}
    assert sorted(p["label"] for p in data["points"]) == ["Basra", "Kirkuk"]


def test_api_stats(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["counts"]["events"] == 2
    assert body["search"] == "fts5"
    assert body["writable"] is False


def test_api_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/conflicts",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/actors",
        "/api/conflicts",
        "/api/events/merge",
        "/api/events/{event_id}/split",
        "/api/events/{event_id}/notes",
    } <= paths
    assert not any(path.startswith("/events") for path in paths)  # pages stay out of the API schema
    parameters = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"kind", "date_from", "date_to", "country", "actor", "q", "figure_min", "figure_max", "rule"} <= parameters
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN
