"""Serve stage: the REST API under /api (JSON; described at /api/openapi.json and rendered at /api).

Consumes the store through its readers (`rashomon.store.events`) and the serve stage's own
queries; produces the models of `rashomon.serve.schemas`. Reads are open; the three write
actions (merge, split, note) need the token the server was started with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from rashomon.errors import NotFound
from rashomon.serve import convert, schemas
from rashomon.serve.auth import bearer, require_token
from rashomon.serve.context import ServeContext, context
from rashomon.serve.evidence import account_spans
from rashomon.serve.filters import MAX_LIMIT
from rashomon.serve.queries import (
    EventFilter,
    conflict_page,
    document_events,
    document_page,
    document_rows,
    event_page,
    map_points,
    month_counts,
)
from rashomon.store.events import DecisionOutcome, add_note, load_actors, load_event, record_merge, record_split
from rashomon.store.events_read import iter_event_views

router = APIRouter(prefix="/api", tags=["api"])

Ctx = Annotated[ServeContext, Depends(context)]
Rule = Literal["gtd", "acled", "ucdp", "range"]
Kind = Literal["attack", "strike", "claim_of_responsibility", "arrest", "statement", "meeting", "other"]
FigureName = Literal["killed", "injured", "arrested", "attackers_killed", "kidnapped", "casualties"]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
RuleQuery = Annotated[Rule, Query(description="headline rule: gtd, acled, ucdp (default) or range")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": schemas.ErrorOut}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorOut},
    401: {"model": schemas.ErrorOut},
    403: {"model": schemas.ErrorOut},
    404: {"model": schemas.ErrorOut},
}


def event_filter(
    kind: Annotated[Kind | None, Query(description="event kind")] = None,
    date_from: Annotated[dt.date | None, Query(description="events whose dates reach this day or later")] = None,
    date_to: Annotated[dt.date | None, Query(description="events that started on or before this day")] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2 code")] = None,
    actor: Annotated[str | None, Query(description="perpetrator: an actor id or any of its names")] = None,
    q: Annotated[str | None, Query(max_length=500, description="full-text search (every word must occur)")] = None,
    figure: Annotated[FigureName, Query(description="figure kind the range applies to")] = "killed",
    figure_min: Annotated[int | None, Query(ge=0, description="some report states at least this figure")] = None,
    figure_max: Annotated[int | None, Query(ge=0, description="some report states at most this figure")] = None,
    conflicts: Annotated[bool, Query(description="only events whose reports disagree")] = False,
    sort: Annotated[Literal["date", "-date"], Query(description="date order, oldest (date) or newest first")] = "date",
) -> EventFilter:
    return EventFilter(
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        country=country.upper() if country else None,
        actor=actor,
        q=q,
        figure=figure,
        figure_min=figure_min,
        figure_max=figure_max,
        conflicts_only=conflicts,
        sort=sort,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/stats", response_model=schemas.StatsOut, summary="Row counts and server mode")
def stats(ctx: Ctx) -> schemas.StatsOut:
    ctx.search.refresh("events")
    return schemas.StatsOut(
        counts=ctx.store.counts(), search="fts5" if ctx.search.uses_fts else "like", writable=ctx.writable
    )


@router.get("/documents", response_model=schemas.PageOut[schemas.DocumentOut], summary="List documents")
def documents(
    ctx: Ctx,
    q: Annotated[str | None, Query(max_length=500, description="full-text search in titles and texts")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> schemas.PageOut[schemas.DocumentOut]:
    total, rows = document_page(ctx.store, ctx.search, q=q, limit=limit, offset=offset)
    return schemas.PageOut(total=total, limit=limit, offset=offset, items=[convert.document_out(row) for row in rows])


@router.get(
    "/documents/{document_id:path}",
    response_model=schemas.DocumentDetailOut,
    responses=NOT_FOUND,
    summary="One document: its text, every span an account states in it, its events",
)
def document(ctx: Ctx, document_id: str) -> schemas.DocumentDetailOut:
    found = ctx.store.document(document_id)
    spans = account_spans(ctx.store.accounts(document_id=found.id), found.text)
    row = document_rows(ctx.store, [found.id])[found.id]
    return convert.document_detail_out(row, found.text, spans, document_events(ctx.store, found.id))


@router.get("/events", response_model=schemas.PageOut[schemas.EventOut], summary="List and filter events")
def events(
    ctx: Ctx, flt: Filter, rule: RuleQuery = "ucdp", limit: Limit = 50, offset: Offset = 0
) -> schemas.PageOut[schemas.EventOut]:
    page = event_page(ctx.store, ctx.search, flt, limit=limit, offset=offset, cache=ctx.cache)
    views = iter_event_views(ctx.store, page.ids)
    return schemas.PageOut(
        total=page.total, limit=limit, offset=offset, items=[convert.event_out(view, rule) for view in views]
    )


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetailOut,
    responses=NOT_FOUND,
    summary="One event with every claim, headlines under every rule, conflicts, accounts, decisions and notes",
)
def event(ctx: Ctx, event_id: str, rule: RuleQuery = "ucdp") -> schemas.EventDetailOut:
    return convert.event_detail_out(load_event(ctx.store, event_id), rule)


@router.get(
    "/events/{event_id}/conflicts",
    response_model=list[schemas.ConflictOut],
    responses=NOT_FOUND,
    summary="The conflicts of one event",
)
def event_conflicts(ctx: Ctx, event_id: str) -> list[schemas.ConflictOut]:
    return [convert.conflict_out(conflict) for conflict in load_event(ctx.store, event_id).conflicts]


@router.get("/conflicts", response_model=schemas.PageOut[schemas.ConflictOut], summary="List conflicts")
def conflicts(ctx: Ctx, limit: Limit = 50, offset: Offset = 0) -> schemas.PageOut[schemas.ConflictOut]:
    total, rows = conflict_page(ctx.store, limit=limit, offset=offset)
    views = {
        view.id: view for view in iter_event_views(ctx.store, list(dict.fromkeys(e for e, _ in rows)), detail=True)
    }
    items = [
        convert.conflict_out(views[event_id].conflicts[position])
        for event_id, position in rows
        if event_id in views and position < len(views[event_id].conflicts)
    ]
    return schemas.PageOut(total=total, limit=limit, offset=offset, items=items)


@router.get("/actors", response_model=schemas.PageOut[schemas.ActorOut], summary="List actors, most events first")
def actors(
    ctx: Ctx,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> schemas.PageOut[schemas.ActorOut]:
    found = ctx.cache.get("actors", lambda: load_actors(ctx.store))
    if q:
        needle = q.casefold()
        found = [v for v in found if any(needle in name.casefold() for name in (v.actor.name, *v.actor.aliases))]
    items = [convert.actor_out(view) for view in found[offset : offset + limit]]
    return schemas.PageOut(total=len(found), limit=limit, offset=offset, items=items)


@router.get("/actors/{actor_id}", response_model=schemas.ActorOut, responses=NOT_FOUND, summary="One actor")
def actor(ctx: Ctx, actor_id: str) -> schemas.ActorOut:
    for view in ctx.cache.get("actors", lambda: load_actors(ctx.store)):
        if view.actor.id == actor_id:
            return convert.actor_out(view)
    raise NotFound(f"no actor {actor_id!r}")


@router.get("/timeline", summary="Matching events per month (YYYY-MM)")
def timeline(ctx: Ctx, flt: Filter) -> list[dict[str, int | str]]:
    return [
        {"month": month, "events": count}
        for month, count in ctx.cache.get(
            ("months", replace(flt, sort="date")), lambda: month_counts(ctx.store, ctx.search, flt)
        )
    ]


@router.get("/map", summary="Matching events per place (rounded to 0.1 degree) and per country")
def map_data(ctx: Ctx, flt: Filter) -> dict[str, object]:
    points, countries = ctx.cache.get(
        ("map", replace(flt, sort="date")), lambda: map_points(ctx.store, ctx.search, flt)
    )
    return {
        "points": [
            {"lat": p.lat, "lon": p.lon, "country": p.country, "label": p.label, "events": p.events} for p in points
        ],
        "countries": countries,
    }


# write actions ---------------------------------------------------------------------------


def _decision(outcome: DecisionOutcome) -> schemas.DecisionResultOut:
    return schemas.DecisionResultOut(decision=convert.decision_out(outcome.decision), event_ids=list(outcome.event_ids))


@router.post(
    "/events/merge",
    response_model=schemas.DecisionResultOut,
    responses=WRITE_ERRORS,
    summary="Merge events into one (needs the token); kept as an analyst decision",
)
def merge(ctx: Ctx, request: Request, body: schemas.MergeIn) -> schemas.DecisionResultOut:
    require_token(ctx, bearer(request))
    return _decision(record_merge(ctx.store, body.event_ids, analyst=body.analyst, reason=body.reason))


@router.post(
    "/events/{event_id}/split",
    response_model=schemas.DecisionResultOut,
    responses=WRITE_ERRORS,
    summary="Move accounts out of an event into one of their own (needs the token)",
)
def split(ctx: Ctx, request: Request, event_id: str, body: schemas.SplitIn) -> schemas.DecisionResultOut:
    require_token(ctx, bearer(request))
    return _decision(record_split(ctx.store, event_id, body.account_ids, analyst=body.analyst, reason=body.reason))


@router.post(
    "/events/{event_id}/notes",
    response_model=schemas.NoteOut,
    status_code=201,
    responses=WRITE_ERRORS,
    summary="Add an analyst note to an event (needs the token)",
)
def note(ctx: Ctx, request: Request, event_id: str, body: schemas.NoteIn) -> JSONResponse:
    require_token(ctx, bearer(request))
    created = convert.note_out(add_note(ctx.store, event_id, analyst=body.analyst, text=body.text))
    return JSONResponse(created.model_dump(mode="json"), status_code=201)
