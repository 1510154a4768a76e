"""Serve stage: the server-rendered web pages (Jinja2), shared helpers, home and the API page.

Every page works without JavaScript; `static/app.js` only adds conveniences (submitting the
rule menu on change). Pages read the store through the same readers and queries as the API.
The event pages are in `pages_events`, the browsing pages (documents, timeline, map, actors,
conflicts) in `pages_browse`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rashomon.serve import pages_browse, pages_events
from rashomon.serve.context import context
from rashomon.serve.queries import EventFilter, event_page
from rashomon.serve.rendering import render
from rashomon.store.events_read import iter_event_views

router = APIRouter(include_in_schema=False)
router.include_router(pages_events.router)
router.include_router(pages_browse.router)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ctx = context(request)
    counts = ctx.store.counts()
    recent = event_page(ctx.store, ctx.search, EventFilter(sort="-date"), limit=10, offset=0, cache=ctx.cache)
    views = list(iter_event_views(ctx.store, recent.ids))
    return render(request, "home.html", title="rashomon", counts=counts, events=views, rule="ucdp")


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API described from its own OpenAPI schema (Swagger UI would need a CDN)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p.get("name", ""),
                    "where": p.get("in", ""),
                    "required": p.get("required", False),
                    "description": p.get("description", "") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": parameters,
                    "body": "requestBody" in operation,
                }
            )
    return render(request, "api.html", title="API", operations=operations, description=schema["info"]["description"])
