"""The server-rendered pages over the hand-built store: content, highlighting, charts, errors."""

from __future__ import annotations

import re

from tests.serve.conftest import TestClient


def _kirkuk(client: TestClient) -> str:
    return str(client.get("/api/events", params={"q": "kirkuk"}).json()["items"][0]["id"])


def test_pages_every_page_renders(client: TestClient) -> None:
    event_id = _kirkuk(client)
    for url in (
        "/",
        "/events",
        f"/events/{event_id}",
        "/documents",
        "/documents/bridge-1",
        "/timeline",
        "/map",
        "/actors",
        "/actors/islamic-state",
        "/conflicts",
        "/api",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        assert html.startswith("<!doctype html>")
        assert '<html lang="en">' in html
        assert 'id="main"' in html
        assert "<h1" in html


def test_pages_event_list_filters(client: TestClient) -> None:
    html = client.get("/events", params={"q": "basra", "kind": "", "date_from": "", "figure_min": ""}).text
    assert "1 event match" in html
    assert "Basra" in html and "Kirkuk" not in html
    assert 'value="basra"' in html  # the form keeps what was asked
    assert "2 events match" in client.get("/events").text


def test_pages_event_list_pagination_links(client: TestClient) -> None:
    html = client.get("/events", params={"limit": 1, "kind": "attack"}).text
    assert 'rel="next"' in html
    assert "offset=1" in html and "kind=attack" in html
    assert "1–1 of 2" in html


def test_pages_event_list_bad_filter_is_a_400_page(client: TestClient) -> None:
    response = client.get("/events", params={"date_from": "last week"})
    assert response.status_code == 400
    assert "date_from" in response.text
    assert client.get("/events", params={"rule": "nonsense"}).status_code == 400


def test_pages_event_headline_under_chosen_rule(client: TestClient) -> None:
    event_id = _kirkuk(client)
    gtd = client.get(f"/events/{event_id}", params={"rule": "gtd"}).text
    acled = client.get(f"/events/{event_id}", params={"rule": "acled"}).text
    card = re.compile(r'id="headline-killed">.*?<p class="figure"><span class="best">(\d+)</span>', re.S)
    assert card.search(gtd).group(1) == "12"  # type: ignore[union-attr]
    assert card.search(acled).group(1) == "9"  # type: ignore[union-attr]
    assert '<option value="gtd" selected>' in gtd


def test_pages_event_highlights_every_claim_in_its_document(client: TestClient) -> None:
    html = client.get(f"/events/{_kirkuk(client)}").text
    # Each claim is linked to an anchor placed right before its words inside the document text.
    links = re.findall(r'<a href="#(claim-\d+)">', html)
    assert len(links) == 5  # 2 killed, 2 injured, 1 perpetrator
    for anchor in links:
        assert f'<span class="anchor" id="{anchor}"></span>' in html
    anchor_then_mark = r'<span class="anchor" id="claim-\d+"></span><span class="evidence-sentence">'
    assert re.search(anchor_then_mark + r'<mark class="hl hl-figure hl-killed"[^>]*>9</mark>', html)
    assert '<mark class="hl hl-perpetrator"' in html
    # The evidence sentence is highlighted around the figure.
    assert re.search(r'<span class="evidence-sentence">[^<]*killing </span>', html)
    # The claims table cuts the sentence around the words.
    assert "killing <mark" in html


def test_pages_event_conflicts_and_chart(client: TestClient) -> None:
    html = client.get(f"/events/{_kirkuk(client)}").text
    conflicts = html[html.index('id="conflicts-h"') : html.index('id="claims-h"')]
    assert '<th scope="row">killed</th>' in conflicts
    assert "9 · 12" in conflicts
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart evolution"') == 2  # killed, injured
    assert '<text class="value"' in html and ">12</text>" in html


def test_pages_event_read_only_has_no_forms(client: TestClient) -> None:
    html = client.get(f"/events/{_kirkuk(client)}").text
    assert 'method="post"' not in html
    assert "read-only" in html


def test_pages_event_forms_when_writable(writer: TestClient) -> None:
    html = writer.get(f"/events/{_kirkuk(writer)}").text
    assert html.count('method="post"') == 3  # note, split, merge
    assert 'type="password"' in html


def test_pages_document_highlights_entities_and_figures(client: TestClient) -> None:
    html = client.get("/documents/bridge-1").text
    for css in ("hl-killed", "hl-injured", "hl-perpetrator", "hl-place", "hl-date"):
        assert f'<mark class="hl {"hl-figure " if css in ("hl-killed", "hl-injured") else ""}{css}"' in html, css
    assert 'title="place: Kirkuk, IQ"' in html
    assert "Bombing in Kirkuk" in html  # the event it reports


def test_pages_unknown_ids_are_404_pages(client: TestClient) -> None:
    for url in ("/events/ev-nothing-here", "/documents/nothing-here", "/actors/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Error 404" in response.text


def test_pages_timeline_bars_link_to_their_events(client: TestClient) -> None:
    html = client.get("/timeline").text
    assert html.count('<rect class="bar"') == 2
    link = re.search(r'<a href="(/events\?date_from=2022-09[^"]*)" class="bar-link">', html)
    assert link is not None
    target = client.get(link.group(1).replace("&amp;", "&")).text
    assert "1 event match" in target and "Kirkuk" in target


def test_pages_map_draws_land_and_markers(client: TestClient) -> None:
    html = client.get("/map").text
    assert html.count('<a href="/events?country=IQ" class="marker">') == 2
    assert html.count('<g class="land">') > 150  # the offline base layer
    assert 'class="graticule"' in html


def test_pages_actor_network(client: TestClient) -> None:
    html = client.get("/actors").text
    assert 'class="chart network"' in html
    assert '<a href="/actors/islamic-state" class="node armed_group">' in html
    assert "Islamic State" in client.get("/actors/islamic-state").text


def test_pages_static_assets(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "mark.hl-killed" in css.text
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "data-autosubmit" in js.text
