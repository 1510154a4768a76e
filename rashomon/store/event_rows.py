"""Conversions between resolved records (actors, events, conflicts, decisions) and database rows.

The counterpart of `rashomon.store.rows` for what `resolve` derives: the only place that knows
both the records and the columns of `actors`, `actor_aliases`, `events`, `event_accounts`,
`conflicts` and `decisions`. An event row keeps only its resolved fields; the words each field
came from stay with the accounts, so a loaded event's date carries the basis `resolved`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.model.records import (
    AnalystDecision,
    Conflict,
    DatePrecision,
    Event,
    EventDate,
    EventKind,
    MergeReason,
    Place,
    PlacePrecision,
)
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import ActorResolution

Row = Mapping[Any, Any]

RESOLVED_BASIS = "resolved"
"""The `basis` of an event date read back from the store: the accounts hold how each was found."""

ALIAS_MAX = 300  # the width of actor_aliases.folded


def actor_rows(resolution: ActorResolution) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(actor rows, alias rows); every actor's own name is one of its aliases, once per folded form."""
    actors: list[dict[str, Any]] = []
    aliases: list[dict[str, Any]] = []
    for actor in resolution.actors:
        actors.append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "parent_id": actor.parent_id,
                "country": actor.country,
                "description": actor.description,
                "origin": resolution.origins.get(actor.id, "vocabulary"),
            }
        )
        seen: set[str] = set()
        for alias in (actor.name, *actor.aliases):
            folded = fold_name(alias)[:ALIAS_MAX]
            if folded and folded not in seen:
                seen.add(folded)
                aliases.append({"actor_id": actor.id, "alias": alias, "folded": folded})
    return actors, aliases


def event_row(event: Event, updated_at: dt.datetime) -> dict[str, Any]:
    date, place = event.date, event.place
    return {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "attack_type": event.attack_type,
        "suicide": event.suicide,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision.value if date else None,
        "place_name": place.name if place else None,
        "place_city": place.city if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_precision": place.precision.value if place else None,
        "perpetrator_ids": list(event.perpetrator_ids),
        "updated_at": updated_at,
    }


def event_account_rows(event: Event) -> list[dict[str, Any]]:
    """One link per account of the event, with the reason it joined (a plain link when none was given)."""
    reasons = {reason.account_id: reason for reason in event.reasons}
    rows: list[dict[str, Any]] = []
    for account_id in dict.fromkeys(event.account_ids):
        reason = reasons.get(account_id, MergeReason(account_id, (), 0.0))
        rows.append(
            {
                "event_id": event.id,
                "account_id": account_id,
                "features": list(reason.features),
                "score": reason.score,
                "decided_by": reason.decided_by,
            }
        )
    return rows


def event_from_rows(row: Row, link_rows: Sequence[Row]) -> Event:
    """An event from its row and its `event_accounts` rows, accounts in the order the links are given."""
    date = None
    if row["date_start"] is not None:
        start = row["date_start"]
        date = EventDate(
            start=start,
            end=row["date_end"] or start,
            precision=DatePrecision(row["date_precision"] or DatePrecision.DAY.value),
            text=_iso(start, row["date_precision"]),
            basis=RESOLVED_BASIS,
        )
    place = None
    if row["place_name"] is not None or row["place_country"] is not None:
        place = Place(
            name=row["place_name"] or row["place_city"] or row["place_country"] or "",
            country=row["place_country"],
            precision=PlacePrecision(row["place_precision"] or PlacePrecision.COUNTRY.value),
            city=row["place_city"],
            admin1=row["place_admin1"],
            lat=row["place_lat"],
            lon=row["place_lon"],
        )
    reasons = tuple(
        MergeReason(
            account_id=link["account_id"],
            features=tuple(link["features"] or ()),
            score=float(link["score"] or 0.0),
            decided_by=link["decided_by"] or "auto",
        )
        for link in link_rows
    )
    return Event(
        id=row["id"],
        kind=EventKind(row["kind"]),
        account_ids=tuple(reason.account_id for reason in reasons),
        reasons=reasons,
        attack_type=row["attack_type"],
        suicide=row["suicide"],
        date=date,
        place=place,
        perpetrator_ids=tuple(row["perpetrator_ids"] or ()),
        title=row["title"],
    )


def _iso(start: dt.date, precision: str | None) -> str:
    if precision == DatePrecision.YEAR.value:
        return str(start.year)
    if precision == DatePrecision.MONTH.value:
        return start.isoformat()[:7]
    return start.isoformat()


def conflict_row(conflict: Conflict) -> dict[str, Any]:
    return {
        "event_id": conflict.event_id,
        "attribute": conflict.attribute,
        "values": list(conflict.values),
        "account_ids": list(conflict.account_ids),
        "note": conflict.note,
    }


def conflict_from_row(row: Row) -> Conflict:
    return Conflict(
        event_id=row["event_id"],
        attribute=row["attribute"],
        values=tuple(str(value) for value in row["values"] or ()),
        account_ids=tuple(row["account_ids"] or ()),
        note=row["note"],
    )


def decision_row(decision: AnalystDecision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "action": decision.action,
        "account_keys": list(decision.account_keys),
        "target_event": decision.target_event,
        "analyst": decision.analyst,
        "reason": decision.reason,
        "made_at": decision.made_at,
    }


def decision_from_row(row: Row) -> AnalystDecision:
    made_at = row["made_at"]
    if made_at.tzinfo is None:  # SQLite keeps no zone; decisions are always written in UTC
        made_at = made_at.replace(tzinfo=dt.UTC)
    return AnalystDecision(
        id=row["id"],
        action=row["action"],
        account_keys=tuple(row["account_keys"] or ()),
        analyst=row["analyst"],
        reason=row["reason"],
        made_at=made_at,
        target_event=row["target_event"],
    )
