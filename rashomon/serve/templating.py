"""Serve stage: the Jinja2 environment (autoescape always on) and the small helpers templates use.

Reports are untrusted: autoescaping is forced on for every template, whatever its name, and
nothing a report says is ever marked safe. The only `Markup` a template receives is built by
`rashomon.serve.highlight` and `rashomon.serve.svg`, which escape every piece of text they use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from rashomon import __version__
from rashomon.model.records import EventDate, Place
from rashomon.serve.evidence import css_of

TEMPLATES = Path(__file__).parent / "templates"


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """`?a=1&b=2` from params with changes applied; None or empty values are left out."""
    merged = {**params, **changes}
    kept = {k: str(v) for k, v in merged.items() if v is not None and v != ""}
    return "?" + urlencode(kept) if kept else ""


def date_text(date: EventDate | None) -> str:
    if date is None:
        return "undated"
    if date.start != date.end and date.precision.value == "day":
        return f"{date.start.isoformat()} – {date.end.isoformat()}"
    return date.iso()


def place_text(place: Place | None) -> str:
    if place is None:
        return "unknown place"
    parts = [place.site, place.city, place.admin1, place.country]
    kept = list(dict.fromkeys(p for p in parts if p))
    return ", ".join(kept) or place.name


def day_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def path_part(value: str) -> str:
    """An id as one URL path segment (ids may hold slashes or spaces)."""
    return quote(value, safe="")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(qs=query_string, version=__version__)
    env.filters.update(date_text=date_text, place_text=place_text, day=day_text, path=path_part, hl=css_of)
    return env
