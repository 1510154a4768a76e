"""Resolve stage: disagreements between the accounts of one event, kept as records, and figure evolution.

Consumes the claim views of one event (`rashomon.resolve.claims`) and its documents; produces
`Conflict` records (one per attribute whose claims disagree) and, for figures, the sequence
of values over report time with upward and downward revisions marked.

When claims disagree:
- figures: two different values (the number a report's words point at). "Nearly 100" and
  "over a hundred" both point at 100, so they agree on the value; both claims stay listed;
- perpetrator: two actors named that are not one lineage (ISKP and the Islamic State are one
  lineage; the Islamic State and a state accused by officials are not), or one actor both
  claimed and denied;
- date: two stated dates that do not overlap (3 and 4 January do not; 3 January and
  "January 2024" do); dates borrowed from the publication date are not statements;
- place: two places that contradict each other (different countries, provinces or cities);
- suicide and attack type: two different stated values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from rashomon.model.records import Account, Conflict, FigureScope, PerpetratorStatus
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.claims import (
    ATTACK_TYPE,
    DATE,
    FIGURE_ATTRIBUTES,
    PERPETRATOR,
    PLACE,
    SUICIDE,
    EventClaims,
)
from rashomon.resolve.summary import places_agree
from rashomon.resolve.views import ClaimView, DocumentInfo, Revision

_UNKNOWN_ATTACK_TYPE = "unknown"


def report_order(
    documents: Mapping[str, DocumentInfo],
) -> Callable[[ClaimView], tuple[int, int, dt.datetime, str, int]]:
    """Sort key for claims in report time: dated documents by date, then undated ones by ingest order."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def key(claim: ClaimView) -> tuple[int, int, dt.datetime, str, int]:
        info = documents.get(claim.document_id)
        ingested = (info.ingested_at if info else None) or floor
        if ingested.tzinfo is None:
            ingested = ingested.replace(tzinfo=dt.UTC)
        published = claim.published.toordinal() if claim.published else 0
        start = claim.evidence.start if claim.evidence else 0
        return (0 if claim.published else 1, published, ingested, claim.document_id, start)

    return key


def _sorted(claims: Sequence[ClaimView], documents: Mapping[str, DocumentInfo]) -> list[ClaimView]:
    return sorted(claims, key=report_order(documents))


def evolution(claims: Sequence[ClaimView], documents: Mapping[str, DocumentInfo]) -> tuple[Revision, ...]:
    """Event-level figures in report order, each marked first, up, down or same against the previous."""
    steps: list[Revision] = []
    previous: int | None = None
    for claim in _sorted(claims, documents):
        if claim.number is None or (claim.scope or FigureScope.EVENT.value) != FigureScope.EVENT:
            continue
        change = "first" if previous is None else "up" if claim.number > previous else "down"
        if previous is not None and claim.number == previous:
            change = "same"
        steps.append(
            Revision(
                position=len(steps),
                published=claim.published,
                ordered_by="published" if claim.published else "ingest order",
                value=claim.number,
                document_id=claim.document_id,
                attributed_to=claim.attributed_to,
                change=change,
            )
        )
        previous = claim.number
    return tuple(steps)


def _distinct(claims: Sequence[ClaimView]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(claim.value for claim in claims))


def _accounts(claims: Sequence[ClaimView]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(claim.account_id for claim in claims))


def _figure_note(steps: Sequence[Revision]) -> str | None:
    ups = sum(1 for step in steps if step.change == "up")
    downs = sum(1 for step in steps if step.change == "down")
    if not steps:
        return None
    values = [step.value for step in steps]
    return (
        f"{len(steps)} figures from {min(values)} to {max(values)}; "
        f"first {values[0]}, latest {values[-1]}; {ups} upward and {downs} downward revision(s)"
    )


def _perpetrators_disagree(claims: Sequence[ClaimView], resolution: ActorResolution) -> str | None:
    keys: dict[str, set[str]] = {}
    for claim in claims:
        keys.setdefault(claim.actor_id or f"name:{claim.text}", set()).add(claim.status or "")
    actors = sorted(keys)
    for position, a in enumerate(actors):
        for b in actors[position + 1 :]:
            if a.startswith("name:") or b.startswith("name:") or not resolution.catalogue.related(a, b):
                return "reports name actors that are not one group or its branch"
    for actor, statuses in keys.items():
        if PerpetratorStatus.DENIED.value in statuses and statuses - {PerpetratorStatus.DENIED.value}:
            return f"{actor} is both named and denied"
    return None


def _dates_disagree(accounts: Sequence[Account]) -> bool:
    dates = [a.date for a in accounts if a.date is not None and a.date.basis != "publication"]
    return any(x.start > y.end or y.start > x.end for i, x in enumerate(dates) for y in dates[i + 1 :])


def _places_disagree(accounts: Sequence[Account]) -> bool:
    places = [a.place for a in accounts if a.place is not None]
    return any(not places_agree(x, y) for i, x in enumerate(places) for y in places[i + 1 :])


def find_conflicts(
    event_id: str,
    accounts: Sequence[Account],
    claims: EventClaims,
    documents: Mapping[str, DocumentInfo],
    resolution: ActorResolution,
) -> list[Conflict]:
    """One `Conflict` per attribute whose claims disagree (rules in the module docstring)."""
    found: list[Conflict] = []
    for attribute in FIGURE_ATTRIBUTES:
        figures = [c for c in claims.of(attribute) if (c.scope or "event") == FigureScope.EVENT.value]
        ordered = _sorted(figures, documents)
        if len({c.number for c in ordered}) > 1:
            note = _figure_note(evolution(ordered, documents))
            found.append(Conflict(event_id, attribute, _distinct(ordered), _accounts(ordered), note))
    perpetrators = _sorted(claims.of(PERPETRATOR), documents)
    why = _perpetrators_disagree(perpetrators, resolution) if perpetrators else None
    if why is not None:
        found.append(Conflict(event_id, PERPETRATOR, _distinct(perpetrators), _accounts(perpetrators), why))
    dates = _sorted(claims.of(DATE), documents)
    if _dates_disagree(accounts):
        found.append(Conflict(event_id, DATE, _distinct(dates), _accounts(dates), "stated dates do not overlap"))
    places = _sorted(claims.of(PLACE), documents)
    if _places_disagree(accounts):
        found.append(Conflict(event_id, PLACE, _distinct(places), _accounts(places), "places contradict each other"))
    for attribute in (SUICIDE, ATTACK_TYPE):
        stated = [c for c in _sorted(claims.of(attribute), documents) if c.value.casefold() != _UNKNOWN_ATTACK_TYPE]
        if len({c.value for c in stated}) > 1:
            found.append(Conflict(event_id, attribute, _distinct(stated), _accounts(stated), None))
    return found
