"""Export: events as rows in ACLED's columns (`acled-csv`).

Consumes the stored events (with accounts, for the target type) and writes one CSV row per
event. `fatalities` is the headline under the figure rule asked for (`acled`, the most
conservative credible figure, by default), 0 when no report gives one, as ACLED codes it;
injuries, which ACLED has no column for, every other figure with its source and speaker, each
attribution as reported and the linked reference records go to `notes`.

Event types follow the vocabulary's ACLED mapping of the GTD attack type (an armed assault on
military or police targets is a battle, a suicide bombing a "Suicide bomb"), else the event
kind's (`data/formats.yaml`). `actor1` is an actor some report claims, attributes or suspects,
else "Unidentified Armed Group (Country)": an actor only accused is named in `notes` alone.
"""

from __future__ import annotations

from typing import Any, TextIO

from rashomon.export.codes import AcledType, format_codes
from rashomon.export.common import (
    ExportItem,
    asserted_perpetrators,
    dataset_actor_name,
    prepare,
    vocabulary,
)
from rashomon.export.json_export import ExportSummary
from rashomon.export.tables import export_table, publishers, reference_notes, target_type
from rashomon.export.wording import attribution_sentences, capitalised, figure_headline, figure_notes, kind_word
from rashomon.ingest.datasets import ACLED, country_name
from rashomon.model.records import EventKind, FigureKind
from rashomon.resolve.figures import ACLED as ACLED_RULE
from rashomon.resolve.views import EventView
from rashomon.store import Store

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
_BOMBING = "Bombing/Explosion"
_ARMED_ASSAULT = "Armed Assault"


def acled_type(view: EventView, target: str | None) -> AcledType:
    """ACLED's event and sub-event type for an event (see the module docstring)."""
    codes = format_codes()
    event = view.event
    if event.kind is not EventKind.ATTACK or not event.attack_type:
        return codes.acled_kinds[event.kind.value]
    if event.attack_type == _BOMBING and event.suicide:
        return codes.acled_suicide_bomb
    if event.attack_type == _ARMED_ASSAULT and target in codes.acled_battle_targets:
        return codes.acled_battle
    found = vocabulary()
    entry = found.attack_types.find(event.attack_type) if found is not None else None
    if entry is not None and entry.acled_event_type and entry.acled_sub_event_type:
        return AcledType(entry.acled_event_type, entry.acled_sub_event_type)
    return codes.acled_kinds[event.kind.value]


def _target_actor(target: str | None, country: str) -> str | None:
    codes = format_codes()
    if target is None:
        return None
    return codes.acled_target_actors.get(target, codes.acled_default_target_actor).format(country=country)


def acled_row(item: ExportItem, rule: str = ACLED_RULE) -> dict[str, Any]:
    """One event in ACLED's columns; see the module docstring for the conventions."""
    view = item.view
    event = view.event
    codes = format_codes()
    place, date = event.place, event.date
    country = country_name(place.country, ACLED) if place is not None else None
    target = target_type(view)
    kind = acled_type(view, target)
    asserted = asserted_perpetrators(view)
    names = [dataset_actor_name(p.actor_id, p.name, ACLED) for p in asserted]
    killed = figure_headline(view, FigureKind.KILLED.value, rule).best
    notes = [capitalised(f"{event.title or kind_word(view)}.")]
    notes += [capitalised(s) + f" ({claim.document_id})." for s, claim in attribution_sentences(view)]
    notes += figure_notes(view, rule)
    if killed is None:
        notes.append("No fatality figure was reported; fatalities coded 0.")
    notes += reference_notes(item)
    notes.append(f"rashomon event {event.id}.")
    return {
        "event_id_cnty": event.id,
        "event_date": date.start.isoformat() if date else None,
        "year": date.start.year if date else None,
        "time_precision": codes.acled_time_precision[date.precision.value] if date else None,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": names[0] if names else codes.acled_unidentified_actor.format(country=country or "International"),
        "assoc_actor_1": "; ".join(names[1:]) or None,
        "actor2": _target_actor(target, country or "International"),
        "country": country,
        "admin1": place.admin1 if place else None,
        "location": (place.city or place.name) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": codes.acled_geo_precision[place.precision.value] if place else None,
        "source": publishers(view),
        "notes": " ".join(notes),
        "fatalities": killed if killed is not None else 0,
    }


def export_acled(store: Store, out: TextIO, **options: Any) -> ExportSummary:
    """Write the events of `store` as an ACLED-layout CSV; options as `ExportOptions` takes them."""
    parsed = prepare(store, options)
    rule = parsed.rule(ACLED_RULE)
    return export_table(
        store, out, name="acled-csv", columns=COLUMNS, options=parsed, build=lambda i: acled_row(i, rule)
    )
