"""Export: write events, claims and conflicts in the formats analysts use.

`FORMATS` maps a format name to its writer, `writer(store, out, **options) -> ExportSummary`;
the CLI's `--format` choice is built from it, so a new exporter only needs an entry here.
Every writer takes the options of `rashomon.export.common.ExportOptions` (the JSON writer all
but `figure_rule=None`), streams what it writes and agrees with the others on perpetrators
(`records.split_perpetrators`), figures (`resolve.figures`) and wording (`export.wording`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TextIO

from rashomon.errors import ConfigError
from rashomon.export.acled import export_acled
from rashomon.export.briefing import export_html, export_markdown
from rashomon.export.ftm import export_ftm
from rashomon.export.geojson import export_geojson
from rashomon.export.graphml import export_graphml
from rashomon.export.gtd import export_gtd
from rashomon.export.json_export import ExportSummary, export_json
from rashomon.export.stix import export_stix
from rashomon.export.ucdp import export_ucdp
from rashomon.store import Store

Writer = Callable[..., ExportSummary]
"""`writer(store, out: TextIO, *, figure_rule, include_text, kind, date_from, date_to, country, actor, event)`."""

FORMATS: Mapping[str, Writer] = {
    "json": export_json,
    "gtd-csv": export_gtd,
    "acled-csv": export_acled,
    "ucdp-csv": export_ucdp,
    "geojson": export_geojson,
    "graphml": export_graphml,
    "stix": export_stix,
    "ftm": export_ftm,
    "markdown": export_markdown,
    "html": export_html,
}


def export(store: Store, out: TextIO, *, format: str = "json", **options: Any) -> ExportSummary:
    """Write `store` in `format` (a key of `FORMATS`); options as the writer takes them."""
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ConfigError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(store, out, **options)


__all__ = ["FORMATS", "ExportSummary", "Writer", "export", "export_json"]
