"""Serve stage: rendering a page: the shared Jinja2 environment, navigation and the error page."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from rashomon.serve.context import context
from rashomon.serve.queries import facet_values
from rashomon.serve.templating import environment

NAV = (
    ("/events", "Events"),
    ("/timeline", "Timeline"),
    ("/map", "Map"),
    ("/actors", "Actors"),
    ("/conflicts", "Conflicts"),
    ("/documents", "Documents"),
    ("/api", "API"),
)


@functools.lru_cache(maxsize=1)
def templates() -> Environment:
    return environment()


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A template rendered with what every page needs (navigation, server mode)."""
    ctx = context(request)
    page = (
        templates().get_template(name).render(request_path=request.url.path, nav=NAV, writable=ctx.writable, **values)
    )
    return HTMLResponse(page, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message, title=f"Error {status}")


def filter_menus(request: Request) -> dict[str, Any]:
    """The kinds and countries present, for the filter form's menus."""
    ctx = context(request)
    kinds, countries = ctx.cache.get("facets", lambda: facet_values(ctx.store))
    return {"kind_counts": kinds, "country_counts": countries}
