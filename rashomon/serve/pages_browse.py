"""Serve stage: the browsing pages: documents, timeline, map, actors (with their network), conflicts.

Each page reads through the store's readers or `rashomon.serve.queries` and draws its chart
with `rashomon.serve.svg`; every chart is accompanied by the same numbers as a table.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rashomon.errors import NotFound
from rashomon.resolve.views import EventView
from rashomon.serve.basemap import centre_of, countries
from rashomon.serve.context import context
from rashomon.serve.evidence import account_spans, css_of, document_marks
from rashomon.serve.filters import parse_filter, parse_paging
from rashomon.serve.highlight import highlight
from rashomon.serve.queries import (
    actor_links,
    conflict_page,
    document_events,
    document_page,
    document_rows,
    event_page,
    map_points,
    month_counts,
)
from rashomon.serve.rendering import filter_menus, render
from rashomon.serve.svg import Edge, Marker, Node, network_graph, timeline_chart, world_map
from rashomon.serve.templating import path_part, query_string
from rashomon.store.events import load_actors, load_events
from rashomon.store.events_read import iter_event_views

router = APIRouter(include_in_schema=False)
NETWORK_ACTORS = 40  # the most active perpetrators drawn in the network; the table lists all
TIMELINE_EVENTS = 200  # events listed under the timeline chart; the event list pages through the rest


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request) -> HTMLResponse:
    ctx = context(request)
    params = dict(request.query_params)
    q = params.get("q", "").strip() or None
    paging = parse_paging(params)
    total, rows = document_page(ctx.store, ctx.search, q=q, limit=paging.limit, offset=paging.offset)
    return render(
        request,
        "documents.html",
        title="Documents",
        documents=rows,
        total=total,
        paging=paging,
        q=q or "",
        params={"q": q},
    )


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document(request: Request, document_id: str) -> HTMLResponse:
    ctx = context(request)
    found = ctx.store.document(document_id)
    spans = account_spans(ctx.store.accounts(document_id=found.id), found.text)
    row = document_rows(ctx.store, [found.id])[found.id]
    events = list(iter_event_views(ctx.store, document_events(ctx.store, found.id)))
    kinds = sorted({span.kind for span in spans})
    return render(
        request,
        "document.html",
        title=found.title or found.id,
        document=row,
        html=highlight(found.text, document_marks(spans)),
        spans=list(enumerate(spans)),
        legend=[(kind, css_of(kind)) for kind in kinds],
        events=events,
        rule="ucdp",
    )


def _by_month(views: list[EventView]) -> list[tuple[str, list[EventView]]]:
    """Events (already in date order) grouped under their month; undated ones last."""
    groups: dict[str, list[EventView]] = {}
    for view in views:
        month = view.event.date.start.isoformat()[:7] if view.event.date else "undated"
        groups.setdefault(month, []).append(view)
    return list(groups.items())


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> HTMLResponse:
    ctx = context(request)
    flt = parse_filter(dict(request.query_params))
    months = ctx.cache.get(("months", replace(flt, sort="date")), lambda: month_counts(ctx.store, ctx.search, flt))
    base = flt.params()
    page = event_page(ctx.store, ctx.search, flt, limit=TIMELINE_EVENTS, offset=0, cache=ctx.cache)
    listed = list(iter_event_views(ctx.store, page.ids))

    def link(key: str) -> str:
        return "/events" + query_string(base, date_from=key, date_to=key)

    return render(
        request,
        "timeline.html",
        title="Timeline",
        chart=timeline_chart(months, link),
        months=[(month, count, link(month)) for month, count in months],
        chronology=_by_month(listed),
        shown=len(listed),
        total=page.total,
        rule="ucdp",
        flt=flt,
        params=base,
        **filter_menus(request),
    )


@router.get("/map", response_class=HTMLResponse)
def world(request: Request) -> HTMLResponse:
    ctx = context(request)
    flt = parse_filter(dict(request.query_params))
    points, by_country = ctx.cache.get(
        ("map", replace(flt, sort="date")), lambda: map_points(ctx.store, ctx.search, flt)
    )
    base = flt.params()
    markers = [
        Marker(
            p.lon, p.lat, p.events, f"{p.label}: {p.events} event(s)", "/events" + query_string(base, country=p.country)
        )
        for p in points
    ]
    placed = {p.country for p in points}
    for code, count in by_country.items():
        centre = centre_of(code)
        if code not in placed and centre is not None:
            label = f"{code}: {count} event(s), no coordinates (drawn at the country's centre)"
            markers.append(
                Marker(centre[0], centre[1], count, label, "/events" + query_string(base, country=code), True)
            )
    names = {country.code: country.name for country in countries()}
    ranked = sorted(by_country.items(), key=lambda item: (-item[1], item[0]))
    return render(
        request,
        "map.html",
        title="Map",
        chart=world_map(countries(), markers),
        countries=[(code, names.get(code, code), count) for code, count in ranked],
        flt=flt,
        params=base,
        **filter_menus(request),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    ctx = context(request)
    views = ctx.cache.get("actors", lambda: load_actors(ctx.store))
    links = ctx.cache.get("actor-links", lambda: actor_links(ctx.store))
    by_id = {view.actor.id: view for view in views}
    drawn = [view for view in views if view.events > 0][:NETWORK_ACTORS]
    # Parent organisations join the picture even when no event names them: they give it its shape.
    parents = [by_id[v.actor.parent_id] for v in drawn if v.actor.parent_id in by_id]
    drawn += [parent for parent in dict.fromkeys(parents) if parent not in drawn]
    ids = {view.actor.id for view in drawn}
    nodes = [
        Node(view.actor.id, view.actor.name, view.events, view.actor.kind, f"/actors/{path_part(view.actor.id)}")
        for view in drawn
    ]
    edges = [Edge(a, b, weight, "co-perpetrator") for (a, b), weight in links.pairs.items() if a in ids and b in ids]
    edges += [Edge(v.actor.id, str(v.actor.parent_id), 1, "part-of") for v in drawn if v.actor.parent_id in ids]
    show_all = request.query_params.get("all") == "1"
    listed = views if show_all else [view for view in views if view.events > 0]
    return render(
        request,
        "actors.html",
        title="Actors",
        actors=listed,
        every=len(views),
        show_all=show_all,
        chart=network_graph(nodes, edges),
        shown=len(nodes),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str) -> HTMLResponse:
    ctx = context(request)
    views = {view.actor.id: view for view in ctx.cache.get("actors", lambda: load_actors(ctx.store))}
    if actor_id not in views:
        raise NotFound(f"no actor {actor_id!r}")
    view = views[actor_id]
    events = load_events(ctx.store, actor=actor_id, limit=200)
    children = [other for other in views.values() if other.actor.parent_id == actor_id]
    parent = views.get(view.actor.parent_id or "")
    return render(
        request,
        "actor.html",
        title=view.actor.name,
        view=view,
        events=events,
        children=children,
        parent=parent,
        rule="ucdp",
    )


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request) -> HTMLResponse:
    ctx = context(request)
    paging = parse_paging(dict(request.query_params))
    total, rows = conflict_page(ctx.store, limit=paging.limit, offset=paging.offset)
    views = {
        view.id: view for view in iter_event_views(ctx.store, list(dict.fromkeys(e for e, _ in rows)), detail=True)
    }
    items = [
        (views[event_id], views[event_id].conflicts[position])
        for event_id, position in rows
        if event_id in views and position < len(views[event_id].conflicts)
    ]
    return render(request, "conflicts.html", title="Conflicts", items=items, total=total, paging=paging, params={})
