"""Export: write events, claims and conflicts in the formats analysts use.

`FORMATS` maps a format name to its writer, `writer(store, out, **options) -> ExportSummary`;
the CLI's `--format` choice is built from it, so a new exporter only needs an entry here.
Every writer takes the options of `rashomon.export.common.ExportOptions` (the JSON writer all
but `figure_rule=None`), streams what it writes and agrees with the others on perpetrators
(`records.split_perpetrators`), figures (`resolve.figures`) and wording (`export.wording`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

from rashomon.errors import ConfigError
from rashomon.export.json_export import ExportSummary, export_json
from rashomon.store import Store

Writer = Callable[..., ExportSummary]
"""`writer(store, out: TextIO, *, figure_rule, include_text, kind, date_from, date_to, country, actor, event)`."""

_WRITERS: dict[str, tuple[str, str]] = {
    "json": ("rashomon.export.json_export", "export_json"),
    "gtd-csv": ("rashomon.export.gtd", "export_gtd"),
    "acled-csv": ("rashomon.export.acled", "export_acled"),
    "ucdp-csv": ("rashomon.export.ucdp", "export_ucdp"),
    "geojson": ("rashomon.export.geojson", "export_geojson"),
    "graphml": ("rashomon.export.graphml", "export_graphml"),
    "stix": ("rashomon.export.stix", "export_stix"),
    "ftm": ("rashomon.export.ftm", "export_ftm"),
    "markdown": ("rashomon.export.briefing", "export_markdown"),
    "html": ("rashomon.export.briefing", "export_html"),
}


class _Writers(Mapping[str, Writer]):
    """The registry, importing a writer's module only when that format is asked for: stix2,
    followthemoney and networkx cost a second at start-up that most commands never need."""

    def __getitem__(self, name: str) -> Writer:
        module, function = _WRITERS[name]
        writer: Writer = getattr(importlib.import_module(module), function)
        return writer

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


FORMATS: Mapping[str, Writer] = _Writers()


def export(store: Store, out: TextIO, *, format: str = "json", **options: Any) -> ExportSummary:
    """Write `store` in `format` (a key of `FORMATS`); options as the writer takes them."""
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ConfigError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(store, out, **options)


__all__ = ["FORMATS", "ExportSummary", "Writer", "export", "export_json"]
