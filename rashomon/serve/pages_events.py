"""Serve stage: the event list, the event page, and the analyst's write forms (merge, split, note).

The event page shows, for the rule chosen (gtd, acled, ucdp, range), each figure's headline
with the rule's own explanation; then every claim with its source sentence, each highlighted
inside the full text of its document; the conflicts table; and a chart of each figure over
report time. Forms post to this server only, carry the token in a password field, and
redirect back (303) when the write succeeded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from rashomon.errors import RashomonError
from rashomon.resolve.figures import RULES
from rashomon.resolve.views import ClaimView, DocumentInfo, EventView
from rashomon.serve.auth import check_origin, require_token
from rashomon.serve.context import context
from rashomon.serve.evidence import claim_anchor, event_claims, event_marks
from rashomon.serve.filters import parse_filter, parse_paging, parse_rule
from rashomon.serve.highlight import highlight
from rashomon.serve.queries import event_page
from rashomon.serve.rendering import error_page, filter_menus, render
from rashomon.serve.svg import evolution_chart
from rashomon.serve.templating import path_part
from rashomon.store.events import add_note, load_event, record_merge, record_split
from rashomon.store.events_read import iter_event_views

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as the event page lists it: the claim, its anchor in the text, its sentence cut in three."""

    claim: ClaimView
    anchor: str | None
    document_number: int | None
    before: str
    words: str
    after: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    number: int
    id: str
    title: str
    html: Markup


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    ctx = context(request)
    params = dict(request.query_params)
    flt = parse_filter(params)
    rule = parse_rule(params)
    paging = parse_paging(params)
    page = event_page(ctx.store, ctx.search, flt, limit=paging.limit, offset=paging.offset, cache=ctx.cache)
    views = list(iter_event_views(ctx.store, page.ids))
    return render(
        request,
        "events.html",
        title="Events",
        events=views,
        total=page.total,
        paging=paging,
        flt=flt,
        params={**flt.params(), "rule": rule, "limit": paging.limit if paging.limit != 50 else None},
        rule=rule,
        rules=RULES,
        search_mode="full-text (FTS5)" if ctx.search.uses_fts else "substring",
        **filter_menus(request),
    )


def _claim_rows(view: EventView, texts: dict[str, str], numbers: dict[str, int]) -> list[ClaimRow]:
    rows = []
    for index, claim in enumerate(event_claims(view)):
        evidence = claim.evidence
        text = texts.get(evidence.document_id, "") if evidence is not None else ""
        if evidence is None or not text:
            rows.append(ClaimRow(claim, None, numbers.get(claim.document_id), "", claim.text or claim.value, ""))
            continue
        rows.append(
            ClaimRow(
                claim,
                claim_anchor(index),
                numbers.get(evidence.document_id),
                text[evidence.sentence_start : evidence.start],
                text[evidence.start : evidence.end],
                text[evidence.end : evidence.sentence_end],
            )
        )
    return rows


def _report_order(info: DocumentInfo) -> tuple[bool, dt.date, str, str]:
    """Documents in the order they were published (then ingested): [1] is the first report."""
    ingested = info.ingested_at.isoformat() if info.ingested_at else "~"
    return info.published is None, info.published or dt.date.max, ingested, info.id


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    ctx = context(request)
    rule = parse_rule(dict(request.query_params))
    view = load_event(ctx.store, event_id)
    infos = sorted(view.documents, key=_report_order)
    texts = {info.id: ctx.store.document(info.id).text for info in infos}
    numbers = {info.id: number for number, info in enumerate(infos, start=1)}
    labels = {info.id: f"[{numbers[info.id]}] {info.title or info.publisher or info.id}" for info in infos}
    documents = [
        DocumentText(numbers[info.id], info.id, labels[info.id], highlight(texts[info.id], event_marks(view, info.id)))
        for info in infos
    ]
    charts = [
        (figure.kind, evolution_chart(figure.kind, figure.evolution, labels), figure.evolution)
        for figure in view.figures
        if figure.evolution
    ]
    return render(
        request,
        "event.html",
        title=view.event.title or view.id,
        view=view,
        rule=rule,
        rules=RULES,
        claims=_claim_rows(view, texts, numbers),
        documents=documents,
        numbers=numbers,
        labels=labels,
        charts=charts,
        message=request.query_params.get("done", ""),
    )


# write forms ------------------------------------------------------------------------------


async def _form(request: Request) -> dict[str, Any]:
    """The urlencoded form fields (several values of a field kept as a list)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values if len(values) > 1 or name == "account" else values[0] for name, values in fields.items()}


def _back(event_id: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"/events/{path_part(event_id)}?done={done}", status_code=303)


async def _guarded(request: Request) -> dict[str, Any]:
    ctx = context(request)
    check_origin(request)
    form = await _form(request)
    require_token(ctx, str(form.get("token", "")))
    return form


@router.post("/events/{event_id}/notes")
async def note(request: Request, event_id: str) -> Response:
    form = await _guarded(request)
    try:
        created = await run_in_threadpool(
            add_note,
            context(request).store,
            event_id,
            analyst=str(form.get("analyst", "")),
            text=str(form.get("text", "")),
        )
    except RashomonError as error:
        return error_page(request, 400, str(error))
    return _back(created.event_id, "note")


@router.post("/events/{event_id}/split")
async def split(request: Request, event_id: str) -> Response:
    form = await _guarded(request)
    accounts = form.get("account", [])
    try:
        outcome = await run_in_threadpool(
            record_split,
            context(request).store,
            event_id,
            accounts if isinstance(accounts, list) else [accounts],
            analyst=str(form.get("analyst", "")),
            reason=str(form.get("reason", "")),
        )
    except RashomonError as error:
        return error_page(request, 400, str(error))
    return _back(outcome.event_ids[0], "split")


@router.post("/events/{event_id}/merge")
async def merge(request: Request, event_id: str) -> Response:
    form = await _guarded(request)
    others = [part.strip() for part in str(form.get("with", "")).replace(",", " ").split() if part.strip()]
    try:
        outcome = await run_in_threadpool(
            record_merge,
            context(request).store,
            [event_id, *others],
            analyst=str(form.get("analyst", "")),
            reason=str(form.get("reason", "")),
        )
    except RashomonError as error:
        return error_page(request, 400, str(error))
    return _back(outcome.event_ids[0], "merge")
