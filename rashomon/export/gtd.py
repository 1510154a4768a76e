"""Export: events as rows in the Global Terrorism Database codebook's columns (`gtd-csv`).

Consumes the stored events (with their accounts, for target and weapon types) and writes one
CSV row per event. `nkill`/`nwound`/`nkillter` are the headline under the figure rule asked
for (`gtd` by default); `addnotes` names that rule with its reasoning and lists every other
figure with its words, speaker, document and date, then each attribution as the report made
it and the linked reference records, the way GTD's own notes keep disagreeing sources.

Codebook conventions kept: an unknown month or day is 0 (with `approxdate` saying what is
known), -9 is "unknown" for `claimed`, and `gname` is "Unknown" unless a report claims,
attributes or suspects an actor; an actor only accused is named in `addnotes`, never in
`gname`. `eventid` is our event id (GTD's own ids are in the linked references), `dbsource`
is "rashomon", and the inclusion criteria (crit1-3, doubtterr, multiple) are left empty: no
report states them.
"""

from __future__ import annotations

from typing import Any, TextIO

from rashomon.export.codes import format_codes
from rashomon.export.common import ExportItem, asserted_perpetrators, dataset_actor_name, prepare
from rashomon.export.json_export import ExportSummary
from rashomon.export.records import split_perpetrators
from rashomon.export.tables import export_table, reference_notes, summary_sentence, target_type, weapon_type
from rashomon.export.wording import attribution_sentences, capitalised, citation, figure_headline, figure_notes
from rashomon.ingest.datasets import GTD, country_name, gtd_region
from rashomon.model.records import DatePrecision, FigureKind
from rashomon.resolve.figures import GTD as GTD_RULE
from rashomon.store import Store

COLUMNS = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "crit1",
    "crit2",
    "crit3",
    "doubtterr",
    "multiple",
    "success",
    "suicide",
    "attacktype1_txt",
    "targtype1_txt",
    "gname",
    "guncertain1",
    "claimed",
    "claimmode_txt",
    "weaptype1_txt",
    "nkill",
    "nwound",
    "nkillter",
    "addnotes",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
)
UNKNOWN = "Unknown"
CLAIM_UNKNOWN = -9


def _date_fields(item: ExportItem) -> dict[str, Any]:
    date = item.view.event.date
    if date is None:
        return {}
    exact = date.precision is DatePrecision.DAY and date.start == date.end
    return {
        "iyear": date.start.year,
        "imonth": date.start.month if date.precision is not DatePrecision.YEAR else 0,
        "iday": date.start.day if date.precision is DatePrecision.DAY else 0,
        "approxdate": None if exact else (date.text or f"{date.start.isoformat()} to {date.end.isoformat()}"),
    }


def _place_fields(item: ExportItem) -> dict[str, Any]:
    place = item.view.event.place
    if place is None:
        return {}
    codes = format_codes()
    located = place.lat is not None and place.lon is not None
    specificity = codes.gtd_specificity[place.precision.value]
    if not located and specificity == 1:
        specificity = codes.gtd_specificity_without_coordinates
    return {
        "country_txt": country_name(place.country, GTD),
        "region_txt": gtd_region(place.country),
        "provstate": place.admin1,
        "city": place.city or (place.site if place.precision.value == "site" else None),
        "latitude": place.lat,
        "longitude": place.lon,
        "specificity": specificity,
    }


def gtd_row(item: ExportItem, rule: str = GTD_RULE) -> dict[str, Any]:
    """One event in GTD's columns; see the module docstring for the conventions."""
    view = item.view
    event = view.event
    asserted = asserted_perpetrators(view)
    first = asserted[0] if asserted else None
    killed = figure_headline(view, FigureKind.KILLED.value, rule).best
    wounded = figure_headline(view, FigureKind.INJURED.value, rule).best
    described = split_perpetrators(view.perpetrators)[2]
    notes = [f"rashomon event {event.id}; figures under the {rule} rule."]
    notes += figure_notes(view, rule)
    notes += [capitalised(s) + f" ({claim.document_id})." for s, claim in attribution_sentences(view)]
    notes += [f"Reports describe the perpetrators as {p.name}." for p in described]
    if len(view.documents) > 3:
        notes.append("Further sources: " + "; ".join(citation(d) for d in view.documents[3:]) + ".")
    notes += reference_notes(item)
    citations = [citation(d) for d in view.documents[:3]]
    summary = " ".join(part for part in (event.title and f"{event.title}.", summary_sentence(view)) if part)
    date = event.date
    return {
        "eventid": event.id,
        **_date_fields(item),
        **_place_fields(item),
        "summary": f"{date.iso()}: {summary}" if date and summary else summary or None,
        "success": 1 if (killed or wounded) else None,
        "suicide": event.suicide,
        "attacktype1_txt": event.attack_type,
        "targtype1_txt": target_type(view),
        "gname": dataset_actor_name(first.actor_id, first.name, GTD) if first else UNKNOWN,
        "guncertain1": None if first is None else int(not {"claimed", "attributed"} & set(first.statuses)),
        "claimed": 1 if any("claimed" in p.statuses for p in asserted) else CLAIM_UNKNOWN,
        "claimmode_txt": UNKNOWN if any("claimed" in p.statuses for p in asserted) else None,
        "weaptype1_txt": weapon_type(view),
        "nkill": killed,
        "nwound": wounded,
        "nkillter": figure_headline(view, FigureKind.ATTACKERS_KILLED.value, rule).best,
        "addnotes": " ".join(notes),
        **{f"scite{n}": text for n, text in enumerate(citations, start=1)},
        "dbsource": "rashomon",
    }


def export_gtd(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the events of `store` as a GTD-codebook CSV; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule(GTD_RULE)
    return export_table(store, out, name="gtd-csv", columns=COLUMNS, options=parsed, build=lambda i: gtd_row(i, rule))
