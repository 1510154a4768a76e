"""Server-side SVG: evolution chart, timeline, map with its offline base layer, actor network."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from rashomon.resolve.views import Revision
from rashomon.serve.basemap import centre_of, clusters, convex_hull, countries
from rashomon.serve.svg import Edge, Marker, Node, evolution_chart, network_graph, timeline_chart, world_map

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: object) -> ET.Element:
    return ET.fromstring(str(markup))  # our own output, parsed to prove it is well formed


def _revision(position: int, value: int, change: str, published: dt.date | None) -> Revision:
    return Revision(position, published, "published", value, f"doc-{position}", "<officials>", change)


def test_svg_evolution_chart_has_one_point_per_report() -> None:
    revisions = [
        _revision(0, 14, "first", dt.date(2023, 3, 12)),
        _revision(1, 19, "up", dt.date(2023, 3, 13)),
        _revision(2, 22, "up", None),
    ]
    root = _parse(evolution_chart("killed", revisions, {"doc-0": "Report <A>"}))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    points = root.findall(f".//{SVG}g[@class]")
    assert [p.get("class") for p in points] == ["point first", "point up", "point up"]
    values = [p.find(f"{SVG}text").text for p in points]  # type: ignore[union-attr]
    assert values == ["14", "19", "22"]
    tip = points[0].find(f"{SVG}title").text  # type: ignore[union-attr]
    assert tip == "14 killed (first) in Report <A>, 2023-03-12, according to <officials>"
    assert root.find(f"{SVG}polyline") is not None
    assert "report 3" in str(evolution_chart("killed", revisions, {}))


def test_svg_evolution_chart_single_report() -> None:
    root = _parse(evolution_chart("injured", [_revision(0, 3, "first", None)], {}))
    assert root.find(f"{SVG}polyline") is None
    assert len(root.findall(f".//{SVG}circle")) == 1


def test_svg_timeline_fills_empty_months_and_links_bars() -> None:
    markup = str(timeline_chart([("2023-01", 2), ("2023-04", 5)], lambda month: f"/events?m={month}&x=<1>"))
    root = _parse(markup)
    bars = root.findall(f".//{SVG}rect")
    assert len(bars) == 2
    labels = [t.text for t in root.findall(f"{SVG}text")]
    assert {"2023-01", "2023-02", "2023-03", "2023-04"} <= set(labels)
    assert 'href="/events?m=2023-01&amp;x=&lt;1&gt;"' in markup


def test_svg_timeline_groups_long_spans_by_year() -> None:
    root = _parse(timeline_chart([("2001-05", 1), ("2019-02", 3), ("2019-07", 1)], lambda key: f"/e?{key}"))
    titles = [t.text for t in root.findall(f".//{SVG}a/{SVG}title")]
    assert titles == ["2001: 1 events", "2019: 4 events"]


def test_svg_timeline_empty() -> None:
    assert "no dated events" in str(timeline_chart([], lambda key: key))


def test_svg_world_map_markers_and_land() -> None:
    markers = [Marker(44.4, 35.5, 3, "Kirkuk <3>", "/events?country=IQ"), Marker(36.6, 35.9, 1, "Idlib", "/e", True)]
    markup = world_map(countries(), markers)
    root = _parse(markup)
    links = root.findall(f"{SVG}a")
    assert [a.get("class") for a in links] == ["marker", "marker approximate"]
    circle = links[0].find(f"{SVG}circle")
    assert circle is not None
    assert (float(circle.get("cx", 0)), float(circle.get("cy", 0))) == (224.4, 54.5)  # lon + 180, 90 - lat
    assert len(root.findall(f"{SVG}g[@class='land']")) > 150


def test_basemap_shapes_fall_where_the_country_is() -> None:
    centre = centre_of("IQ")
    assert centre is not None
    lon, lat = centre
    assert 38 < lon < 49 and 29 < lat < 38
    assert centre_of("XX") is None
    brazil = next(c for c in countries() if c.code == "BR")
    points = [p for shape in brazil.shapes for p in shape]
    assert all(-75 < lon < -30 and -35 < lat < 6 for lon, lat in points)


def test_basemap_hull_and_clusters() -> None:
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (1.0, 1.0)]
    assert sorted(convex_hull(square)) == [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0)]
    groups = clusters([(0.0, 0.0), (1.0, 1.0), (50.0, 50.0)], cell=1.5)
    assert [len(group) for group in groups] == [2, 1]


def test_svg_network_graph() -> None:
    nodes = [
        Node("a", "Group <A>", 5, "armed_group", "/actors/a"),
        Node("b", "Branch B", 2, "armed_group", "/actors/b"),
        Node("c", "State C", 1, "state", "/actors/c"),
    ]
    edges = [Edge("a", "b", 1, "part-of"), Edge("a", "c", 3, "co-perpetrator")]
    first, second = str(network_graph(nodes, edges)), str(network_graph(nodes, edges))
    assert first == second  # a fixed seed: the same store draws the same picture
    root = _parse(first)
    assert [a.get("href") for a in root.findall(f"{SVG}a")] == ["/actors/a", "/actors/b", "/actors/c"]
    assert len(root.findall(f"{SVG}line")) == 2
    assert "Group &lt;A&gt;" in first
    assert "in 3 event(s)" in first
    _, _, width, height = (float(part) for part in root.get("viewBox", "").split())
    for circle in root.findall(f".//{SVG}circle"):
        assert 0 <= float(circle.get("cx", -1)) <= width and 0 <= float(circle.get("cy", -1)) <= height
    assert re.search("no actors", str(network_graph([], [])))
    assert _parse(network_graph(nodes[:1], [])).find(f".//{SVG}circle") is not None
