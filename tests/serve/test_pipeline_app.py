"""The app over a store made the way users make one: the fixture reports ingested and analysed."""

from __future__ import annotations

import re

import pytest

from tests.serve.conftest import TestClient

pytestmark = pytest.mark.model


def _mosul(client: TestClient) -> dict[str, object]:
    """The Mosul event told by the most reports (how many join it is resolution's business, not ours)."""
    items = client.get("/api/events", params={"q": "mosul"}).json()["items"]
    assert items, "the pipeline found no event in Mosul"
    found: dict[str, object] = max(items, key=lambda item: int(item["documents"]))
    return found


def test_pipeline_app_merges_the_reports_of_one_bombing(pipeline_client: TestClient) -> None:
    event = _mosul(pipeline_client)
    assert int(str(event["documents"])) >= 2
    detail = pipeline_client.get(f"/api/events/{event['id']}").json()
    killed = next(f for f in detail["figure_details"] if f["kind"] == "killed")
    values = {c["number"] for c in killed["claims"]}
    assert {14, 19} <= values
    assert any(c["attribute"] == "killed" for c in detail["conflicts"])
    for claim in killed["claims"]:
        text = pipeline_client.get(f"/api/documents/{claim['document_id']}").json()["text"]
        evidence = claim["evidence"]
        assert text[evidence["start"] : evidence["end"]] == claim["text"]


def test_pipeline_app_event_page_highlights_claims(pipeline_client: TestClient) -> None:
    html = pipeline_client.get(f"/events/{_mosul(pipeline_client)['id']}").text
    marks = re.findall(r'<mark class="hl hl-figure hl-killed"[^>]*>([^<]+)</mark>', html)
    assert {"14", "19"} <= {re.sub(r"\D", "", m) for m in marks}
    assert html.count('class="chart evolution"') >= 1


def test_pipeline_app_escapes_the_hostile_report(pipeline_client: TestClient) -> None:
    page = pipeline_client.get("/documents/serve-xss-1")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    for url in ("/events", "/documents", "/"):
        assert "<script>alert" not in pipeline_client.get(url).text


def test_pipeline_app_search_and_filters(pipeline_client: TestClient) -> None:
    every = pipeline_client.get("/api/events").json()["total"]
    assert every >= 3
    assert pipeline_client.get("/api/events", params={"country": "IQ"}).json()["total"] >= 1
    assert pipeline_client.get("/api/events", params={"q": "peshawar"}).json()["total"] >= 1
    assert pipeline_client.get("/api/events", params={"figure_min": 20}).json()["total"] >= 1
    assert pipeline_client.get("/api/documents", params={"q": "ambulances"}).json()["total"] == 1
