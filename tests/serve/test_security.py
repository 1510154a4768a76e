"""Security: untrusted report text is escaped everywhere, headers are strict, writes need the token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.errors import ConfigError
from rashomon.serve import create_app
from rashomon.serve.app import CONTENT_SECURITY_POLICY, check_token, local_hosts
from rashomon.store import Store
from rashomon.store.events import load_events
from tests.serve.conftest import TOKEN, TestClient

PAGES = ("/", "/events", "/documents", "/timeline", "/map", "/actors", "/conflicts", "/api")


def _event_ids(client: TestClient) -> list[str]:
    return [item["id"] for item in client.get("/api/events").json()["items"]]


def _pages(client: TestClient) -> list[str]:
    ids = _event_ids(client)
    return [
        *PAGES,
        *(f"/events/{i}" for i in ids),
        "/documents/depot-1",
        "/documents/bridge-1",
        "/actors/islamic-state",
    ]


def test_security_report_markup_is_escaped_on_every_page(client: TestClient) -> None:
    for url in _pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Bold Press</b>" not in html, url
        # The only scripts are our own file; the only images are none.
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>'], url
        assert "<img" not in html, url


def test_security_escaped_text_is_still_shown(client: TestClient) -> None:
    html = client.get("/documents/depot-1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # in the title and in the text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Bold Press&lt;/b&gt;" in html


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in (*PAGES, "/api/events", "/api/openapi.json", "/static/style.css", "/no-such-page"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY


def test_security_read_only_server_refuses_writes(client: TestClient) -> None:
    event_id = _event_ids(client)[0]
    note = {"analyst": "ana", "text": "check the second report"}
    for token in (None, TOKEN, "anything-at-all"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.post(f"/api/events/{event_id}/notes", json=note, headers=headers)
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
    merge = {"event_ids": _event_ids(client), "analyst": "ana", "reason": "same blast"}
    assert client.post("/api/events/merge", json=merge).status_code == 403
    form = client.post(f"/events/{event_id}/notes", data={**note, "token": TOKEN})
    assert form.status_code == 403
    assert client.get(f"/api/events/{event_id}").json()["notes"] == []


def test_security_writes_need_the_right_token(writer: TestClient) -> None:
    event_id = _event_ids(writer)[0]
    note = {"analyst": "ana", "text": "first note"}
    assert writer.post(f"/api/events/{event_id}/notes", json=note).status_code == 401
    wrong = writer.post(f"/api/events/{event_id}/notes", json=note, headers={"Authorization": "Bearer wrong-token!"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert writer.get(f"/api/events/{event_id}").json()["notes"] == []
    right = writer.post(f"/api/events/{event_id}/notes", json=note, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 201
    assert right.json()["text"] == "first note"
    other = writer.post(f"/api/events/{event_id}/notes", json=note, headers={"X-Rashomon-Token": TOKEN})
    assert other.status_code == 201
    assert len(writer.get(f"/api/events/{event_id}").json()["notes"]) == 2


def test_security_form_posts(writer: TestClient) -> None:
    event_id = _event_ids(writer)[0]
    fields = {"analyst": "ana", "text": "<script>alert(2)</script> seen"}
    assert writer.post(f"/events/{event_id}/notes", data={**fields, "token": "nope-nope-nope"}).status_code == 401
    cross = writer.post(
        f"/events/{event_id}/notes", data={**fields, "token": TOKEN}, headers={"Origin": "http://evil.example"}
    )
    assert cross.status_code == 403
    done = writer.post(f"/events/{event_id}/notes", data={**fields, "token": TOKEN}, follow_redirects=False)
    assert done.status_code == 303
    page = writer.get(done.headers["location"]).text
    assert "&lt;script&gt;alert(2)&lt;/script&gt; seen" in page
    assert "<script>alert(2)" not in page


def test_security_merge_and_split_through_the_api(writer: TestClient) -> None:
    ids = _event_ids(writer)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    merged = writer.post(
        "/api/events/merge", json={"event_ids": ids, "analyst": "ana", "reason": "one blast"}, headers=auth
    )
    assert merged.status_code == 200, merged.text
    assert writer.get("/api/events").json()["total"] == 1
    event = writer.get(f"/api/events/{merged.json()['event_ids'][0]}").json()
    assert len(event["accounts"]) == 3
    assert event["decisions"][0]["analyst"] == "ana"
    key = event["accounts"][-1]["key"]
    split = writer.post(
        f"/api/events/{event['id']}/split",
        json={"account_ids": [key], "analyst": "ana", "reason": "other day"},
        headers=auth,
    )
    assert split.status_code == 200, split.text
    assert writer.get("/api/events").json()["total"] == 2
    bad = writer.post(
        f"/api/events/{event['id']}/split", json={"account_ids": ["nope"], "analyst": "a", "reason": "r"}, headers=auth
    )
    assert bad.status_code in (400, 404)


def test_security_host_header_check(writable_db: Path) -> None:
    hosts = local_hosts("127.0.0.1")
    assert hosts is not None
    with Store.open(str(writable_db)) as store:
        with TestClient(create_app(store, allowed_hosts=hosts), base_url="http://127.0.0.1:8000") as local:
            assert local.get("/api/stats").status_code == 200
        with TestClient(create_app(store, allowed_hosts=hosts), base_url="http://attacker.example") as rebound:
            assert rebound.get("/api/stats").status_code == 400
        assert load_events(store)  # the store given to the app stays open after it stops


def test_security_binding_and_tokens() -> None:
    assert local_hosts("0.0.0.0") is None  # told to listen everywhere: any Host
    assert local_hosts("localhost") == ["127.0.0.1", "localhost", "[::1]"]
    assert local_hosts("::1") is not None
    assert check_token(None) is None
    assert check_token("") is None
    assert check_token("long-enough") == "long-enough"
    with pytest.raises(ConfigError):
        check_token("short")
