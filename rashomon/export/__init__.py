"""Export: write events, claims and conflicts in the formats analysts use.

`FORMATS` maps a format name to its writer, `writer(store, out, **options) -> ExportSummary`;
the CLI's `--format` choice is built from it, so a new exporter only needs an entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TextIO

from rashomon.errors import ConfigError
from rashomon.export.json_export import ExportSummary, export_json
from rashomon.store import Store

Writer = Callable[..., ExportSummary]
"""`writer(store, out: TextIO, *, figure_rule, include_text, kind, date_from, date_to, country, actor)`."""

FORMATS: Mapping[str, Writer] = {"json": export_json}


def export(store: Store, out: TextIO, *, format: str = "json", **options: Any) -> ExportSummary:
    """Write `store` in `format` (a key of `FORMATS`); options as the writer takes them."""
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ConfigError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(store, out, **options)


__all__ = ["FORMATS", "ExportSummary", "Writer", "export", "export_json"]
