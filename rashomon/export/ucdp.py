"""Export: events as rows after UCDP GED's columns (`ucdp-csv`): low, best and high deaths with sources.

Consumes the stored events and writes one CSV row per event. `best`/`low`/`high` are the
killed headline under the figure rule asked for (`ucdp` by default: the median of the distinct
credible figures, the lowest lower bound, the highest upper bound); `deaths_sources` lists
every killed figure with its words, speaker, document and date, and `source_article`,
`source_office`, `source_date` and `source_headline` list the documents, ";"-separated in
report order, as GED does. `side_a` holds actors some report claims, attributes or suspects;
no violence type is coded (no report states GED's dyads).
"""

from __future__ import annotations

from typing import Any, TextIO

from rashomon.export.codes import format_codes
from rashomon.export.common import ExportItem, asserted_perpetrators, prepare
from rashomon.export.json_export import ExportSummary
from rashomon.export.tables import export_table, publishers, reference_notes
from rashomon.export.wording import event_claims, figure_claim_text, figure_headline
from rashomon.ingest.datasets import country_name
from rashomon.model.records import FigureKind
from rashomon.resolve.figures import UCDP
from rashomon.store import Store

COLUMNS = (
    "id",
    "year",
    "side_a",
    "country",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "where_prec",
    "date_start",
    "date_end",
    "date_prec",
    "best",
    "low",
    "high",
    "figure_rule",
    "figure_explanation",
    "deaths_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "references",
)


def ucdp_row(item: ExportItem, rule: str = UCDP) -> dict[str, Any]:
    """One event in GED-like columns; see the module docstring."""
    view = item.view
    event = view.event
    codes = format_codes()
    place, date = event.place, event.date
    found = figure_headline(view, FigureKind.KILLED.value, rule)
    claims = event_claims(view, FigureKind.KILLED.value)
    documents = view.documents
    return {
        "id": event.id,
        "year": date.start.year if date else None,
        "side_a": "; ".join(p.name for p in asserted_perpetrators(view)) or None,
        "country": country_name(place.country) if place else None,
        "adm_1": place.admin1 if place else None,
        "where_coordinates": (place.city or place.name) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "where_prec": codes.ucdp_where_prec[place.precision.value] if place else None,
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "date_prec": codes.ucdp_date_prec[date.precision.value] if date else None,
        "best": found.best,
        "low": found.low,
        "high": found.high,
        "figure_rule": found.rule,
        "figure_explanation": found.explanation,
        "deaths_sources": "; ".join(figure_claim_text(c) for c in claims) or None,
        "source_article": "; ".join(d.url or d.source or d.id for d in documents),
        "source_office": publishers(view),
        "source_date": "; ".join(d.published.isoformat() if d.published else "" for d in documents),
        "source_headline": "; ".join(d.title or "" for d in documents),
        "references": " ".join(reference_notes(item)) or None,
    }


def export_ucdp(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the events of `store` as a GED-like CSV with low/best/high; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule(UCDP)
    return export_table(
        store, out, name="ucdp-csv", columns=COLUMNS, options=parsed, build=lambda i: ucdp_row(i, rule), detail=False
    )
