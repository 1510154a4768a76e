"""Serve stage: charts drawn as inline SVG on the server (no script, no CDN, no image files).

Consumes plain values (revisions of a figure, counts per month, places, actor links) and
produces `Markup` holding one `<svg>` element. Every piece of text that came from a report
goes through `escape`. Colours and fonts come from classes styled in `static/style.css`, so
the strict Content-Security-Policy (no inline styles) holds. Each chart has a `<title>` and a
`<desc>` for screen readers; the pages also show the same numbers as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup, escape

from rashomon.resolve.views import Revision
from rashomon.serve.basemap import Country

Link = Callable[[str], str]
MAX_BAR = 48.0  # a timeline bar's widest, so that a few months do not look like a wall


def _svg(width: float, height: float, title: str, desc: str, body: list[str], css: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css)}" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # every value interpolated above is escaped


def _ticks(top: int, count: int = 4) -> list[int]:
    """Round y-axis ticks from 0 to at least `top`."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = max(1, int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)))
    return list(range(0, math.ceil(top / step) * step + 1, step))


# a figure over report time --------------------------------------------------------------


def evolution_chart(kind: str, revisions: Sequence[Revision], labels: dict[str, str]) -> Markup:
    """The figure each report gave, in report order: a line through the values, one dot per report."""
    width, height, left, right, top, bottom = 640.0, 240.0, 48.0, 44.0, 16.0, 44.0
    values = [r.value for r in revisions]
    ticks = _ticks(max(values, default=1))
    ymax = ticks[-1] or 1
    span = max(1, len(revisions) - 1)

    def x(i: int) -> float:
        return left + (width - left - right) * (i / span if len(revisions) > 1 else 0.5)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / ymax)

    body = []
    for tick in ticks:
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        body.append(f'<text class="axis" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    points = " ".join(f"{x(i):.1f},{y(r.value):.1f}" for i, r in enumerate(revisions))
    if len(revisions) > 1:
        body.append(f'<polyline class="line" points="{points}"/>')
    for i, revision in enumerate(revisions):
        when = revision.published.isoformat() if revision.published else f"report {revision.position + 1}"
        source = labels.get(revision.document_id, revision.document_id)
        said = f", according to {revision.attributed_to}" if revision.attributed_to else ""
        tip = f"{revision.value} {kind} ({revision.change}) in {source}, {when}{said}"
        body.append(
            f'<g class="point {escape(revision.change)}"><title>{escape(tip)}</title>'
            f'<circle cx="{x(i):.1f}" cy="{y(revision.value):.1f}" r="5"/>'
            f'<text class="value" x="{x(i):.1f}" y="{y(revision.value) - 9:.1f}" text-anchor="middle">'
            f"{revision.value}</text></g>"
        )
        body.append(
            f'<text class="axis" x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle">{escape(when)}</text>'
        )
    ordered_by = revisions[0].ordered_by if revisions else "published"
    body.append(
        f'<text class="axis-title" x="{(left + width - right) / 2}" y="{height - 6}" text-anchor="middle">'
        f"reports, ordered by {escape(ordered_by)}</text>"
    )
    desc = "; ".join(f"{r.value} ({r.change})" for r in revisions)
    return _svg(width, height, f"{kind} as reported over time", desc or "no figures", body, "evolution")


# events per month -----------------------------------------------------------------------


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def timeline_chart(months: Sequence[tuple[str, int]], link: Link) -> Markup:
    """Bars of events per month (per year when the span is long); each bar links to its events."""
    if not months:
        return _svg(640, 60, "events over time", "no dated events", [], "timeline")
    counts = dict(months)
    keys = _months_between(months[0][0], months[-1][0])
    if len(keys) > 120:
        years: dict[str, int] = {}
        for key, count in months:
            years[key[:4]] = years.get(key[:4], 0) + count
        keys = [str(year) for year in range(int(keys[0][:4]), int(keys[-1][:4]) + 1)]
        counts = years
    width, height, left, right, top, bottom = 760.0, 260.0, 48.0, 12.0, 12.0, 48.0
    ticks = _ticks(max(counts.values(), default=1))
    ymax = ticks[-1] or 1
    slot = (width - left - right) / len(keys)
    label_every = max(1, math.ceil(len(keys) / 12))
    body = []
    for tick in ticks:
        yy = top + (height - top - bottom) * (1 - tick / ymax)
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}"/>')
        body.append(f'<text class="axis" x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, key in enumerate(keys):
        count = counts.get(key, 0)
        bar = (height - top - bottom) * count / ymax
        xx = left + i * slot
        bar_width = min(MAX_BAR, max(1.0, slot * 0.8))
        if count:
            body.append(
                f'<a href="{escape(link(key))}" class="bar-link"><title>{escape(key)}: {count} events</title>'
                f'<rect class="bar" x="{xx + (slot - bar_width) / 2:.1f}" y="{height - bottom - bar:.1f}" '
                f'width="{bar_width:.1f}" height="{bar:.1f}"/></a>'
            )
        if i % label_every == 0:
            body.append(
                f'<text class="axis" x="{xx + slot / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(key)}</text>'
            )
    desc = "; ".join(f"{key}: {counts.get(key, 0)}" for key in keys if counts.get(key))
    return _svg(width, height, "events over time", desc, body, "timeline")


# the map --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marker:
    """A circle on the map: where, how many events, what it says and where it leads."""

    lon: float
    lat: float
    events: int
    label: str
    href: str
    approximate: bool = False  # placed at the country's centre: the events have no coordinates


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return lon + 180.0, 90.0 - lat


def world_map(countries: Sequence[Country], markers: Sequence[Marker]) -> Markup:
    """An equirectangular world map: graticule, approximate land, one circle per place with events."""
    body = ['<rect class="sea" x="0" y="0" width="360" height="150"/>']
    for meridian in range(-180, 181, 30):
        body.append(f'<line class="graticule" x1="{meridian + 180}" x2="{meridian + 180}" y1="0" y2="150"/>')
    for parallel in range(-60, 91, 30):
        body.append(f'<line class="graticule" x1="0" x2="360" y1="{90 - parallel}" y2="{90 - parallel}"/>')
    for country in countries:
        parts = []
        for shape in country.shapes:
            points = " ".join("{:.1f},{:.1f}".format(*_xy(lon, lat)) for lon, lat in shape)
            parts.append(f'<polygon points="{points}"/>')
        for lon, lat in country.dots:
            xx, yy = _xy(lon, lat)
            parts.append(f'<circle cx="{xx:.1f}" cy="{yy:.1f}" r="0.5"/>')
        body.append(f'<g class="land"><title>{escape(country.name)}</title>{"".join(parts)}</g>')
    biggest = max((m.events for m in markers), default=1)
    for marker in sorted(markers, key=lambda m: -m.events):
        xx, yy = _xy(marker.lon, marker.lat)
        radius = 0.8 + 2.4 * math.sqrt(marker.events / biggest)
        css = "marker approximate" if marker.approximate else "marker"
        body.append(
            f'<a href="{escape(marker.href)}" class="{css}"><title>{escape(marker.label)}</title>'
            f'<circle cx="{xx:.2f}" cy="{yy:.2f}" r="{radius:.2f}"/></a>'
        )
    desc = f"{len(markers)} places with events"
    svg = _svg(360, 150, "map of events", desc, body, "map")
    return svg


# the actor network ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    events: int
    kind: str
    href: str


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    weight: int
    kind: str  # "co-perpetrator" (named for the same event) or "part-of" (a parent organisation)


def network_graph(nodes: Sequence[Node], edges: Sequence[Edge]) -> Markup:
    """Actors laid out by networkx's spring layout (fixed seed: the same store draws the same picture)."""
    width, pad = 760.0, 70.0
    height = min(520.0, 220.0 + 20.0 * len(nodes))  # a handful of actors needs no tall canvas
    if not nodes:
        return _svg(width, 80, "actor network", "no actors are named as perpetrators yet", [], "network")
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in nodes)
    for edge in edges:
        graph.add_edge(edge.source, edge.target, weight=edge.weight)
    positions = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(max(1, len(nodes)))) if len(nodes) > 1 else {}
    xs = [float(positions[n.id][0]) for n in nodes] if positions else [0.0]
    ys = [float(positions[n.id][1]) for n in nodes] if positions else [0.0]
    spread_x, spread_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def place(node_id: str) -> tuple[float, float]:
        if not positions:
            return width / 2, height / 2
        px, py = positions[node_id]
        return (
            pad + (width - 2 * pad) * (float(px) - min(xs)) / spread_x,
            pad / 2 + (height - pad) * (float(py) - min(ys)) / spread_y,
        )

    names = {node.id: node.name for node in nodes}
    body = []
    for edge in edges:
        (x1, y1), (x2, y2) = place(edge.source), place(edge.target)
        tip = f"{names[edge.source]} – {names[edge.target]}: {edge.kind}"
        if edge.kind == "co-perpetrator":
            tip += f" in {edge.weight} event(s)"
        body.append(
            f'<line class="edge {escape(edge.kind)}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{min(6.0, 1 + math.log2(max(1, edge.weight))):.1f}"><title>{escape(tip)}</title></line>'
        )
    biggest = max(node.events for node in nodes) or 1
    for node in nodes:
        xx, yy = place(node.id)
        radius = 5 + 14 * math.sqrt(node.events / biggest)
        body.append(
            f'<a href="{escape(node.href)}" class="node {escape(node.kind)}">'
            f"<title>{escape(node.name)}: {node.events} event(s)</title>"
            f'<circle cx="{xx:.1f}" cy="{yy:.1f}" r="{radius:.1f}"/>'
            f'<text x="{xx:.1f}" y="{yy + radius + 12:.1f}" text-anchor="middle">{escape(node.name)}</text></a>'
        )
    desc = f"{len(nodes)} actors, {len(edges)} links"
    return _svg(width, height, "actor network", desc, body, "network")
