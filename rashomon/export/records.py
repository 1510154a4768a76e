"""Export stage: events, claims, actors and documents as JSON-ready dicts (the scorer's contract).

Consumes the views of `rashomon.resolve.views` (as the store loads them) and produces plain
dicts in the shape /work/shared/eval/GOLD.md calls the "prediction file". The JSON exporter,
the CLI's `--json` output and the API share these functions, so every surface agrees.

What an event's lists hold:
- `perpetrators`: actors some report says claimed, were attributed or are suspected of the
  event, strongest tie first (when no report claims or attributes it, the actors it is only
  accused of, each with its status); `other_actors` holds the other accused or denied, and
  `described_perpetrators` the descriptions that name no actor ("unidentified gunmen");
- `killed`/`injured` (and `other_figures` for arrests, kidnappings...): the headline under one
  rule plus `claims`, every figure a document gives for the event itself with its span,
  speaker and hedge; sub-counts and totals over several events go to `other_claims`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rashomon.model.records import Document, Evidence, FigureKind, FigureScope
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.assemble import POSITIVE_STATUS_NAMES
from rashomon.resolve.claims import place_text
from rashomon.resolve.figures import headline
from rashomon.resolve.views import (
    AccountView,
    ActorView,
    ClaimView,
    ConflictView,
    EventView,
    FigureView,
    PerpetratorView,
    Revision,
)

HEADLINE_KINDS = (FigureKind.KILLED.value, FigureKind.INJURED.value)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def document_json(document: Document, *, include_text: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "published": _iso(document.published),
        "publisher": document.publisher,
        "url": document.url,
        "path": document.source,
        "format": document.format,
        "language": document.language,
        "near_duplicate_of": document.near_duplicate_of,
    }
    if include_text:
        data["text"] = document.text
    return data


def actor_json(actor_id: str, actors: ActorResolution) -> dict[str, Any] | None:
    actor = actors.catalogue.actor(actor_id)
    if actor is None:
        return None
    return {
        "id": actor.id,
        "name": actor.name,
        "aliases": list(actor.aliases),
        "kind": actor.kind,
        "parent": actor.parent_id,
        "country": actor.country,
        "origin": actors.origins.get(actor.id),
    }


def actor_view_json(view: ActorView) -> dict[str, Any]:
    actor = view.actor
    return {
        "id": actor.id,
        "name": actor.name,
        "aliases": list(actor.aliases),
        "kind": actor.kind,
        "parent": actor.parent_id,
        "country": actor.country,
        "origin": view.origin,
        "events": view.events,
    }


def claim_json(claim: ClaimView) -> dict[str, Any]:
    """One claim with where it comes from; `start`/`end` are offsets into the document's text."""
    evidence = claim.evidence
    data: dict[str, Any] = {
        "value": claim.number if claim.number is not None else claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "scope": claim.scope,
        "document": claim.document_id,
        "published": _iso(claim.published),
        "start": evidence.start if evidence else None,
        "end": evidence.end if evidence else None,
        "attributed_to": claim.attributed_to,
        "hedge": claim.hedge,
        "text": claim.text,
        "sentence": claim.sentence,
        "credible": claim.credible,
    }
    if claim.status is not None:
        data["status"] = claim.status
        data["actor"] = claim.actor_id
    if claim.note:
        data["note"] = claim.note
    return data


def figure_json(figure: FigureView | None, rule: str) -> dict[str, Any]:
    """The headline under `rule` and every claim; an event without such figures gets empty lists."""
    claims = figure.claims if figure is not None else ()
    found = headline(claims, rule)
    event_level = [c for c in claims if (c.scope or FigureScope.EVENT.value) == FigureScope.EVENT.value]
    others = [c for c in claims if (c.scope or FigureScope.EVENT.value) != FigureScope.EVENT.value]
    return {
        "best": found.best,
        "low": found.low,
        "high": found.high,
        "rule": found.rule,
        "explanation": found.explanation,
        "claims": [claim_json(c) for c in event_level],
        "other_claims": [claim_json(c) for c in others],
    }


def _perpetrator_json(view: PerpetratorView) -> dict[str, Any]:
    return {
        "actor": view.actor_id,
        "name": view.name,
        "status": view.statuses[0] if view.statuses else None,
        "statuses": list(view.statuses),
        "documents": view.documents,
    }


def split_perpetrators(
    views: tuple[PerpetratorView, ...],
) -> tuple[list[PerpetratorView], list[PerpetratorView], list[PerpetratorView]]:
    """(perpetrators, other actors, descriptions): the lists every export format shares.

    Perpetrators are the actors claimed, attributed or suspected; when there is none, the actors
    only accused (and not denying). Other actors are the rest of the named; descriptions name no actor.
    """
    named = [v for v in views if v.actor_id is not None]
    positive = [v for v in named if POSITIVE_STATUS_NAMES & set(v.statuses)]
    if not positive:
        # With no claim and no attribution on record, an accusation is the only attribution there
        # is ("India blamed JeM"); it is listed with its status so no reader takes it for a claim.
        positive = [v for v in named if "accused" in v.statuses and "denied" not in v.statuses]
    return positive, [v for v in named if v not in positive], [v for v in views if v.actor_id is None]


def perpetrators_json(views: tuple[PerpetratorView, ...]) -> dict[str, list[dict[str, Any]]]:
    """Perpetrators (claimed, attributed, suspected), other actors (accused, denied), descriptions."""
    positive, others, described = split_perpetrators(views)
    return {
        "perpetrators": [_perpetrator_json(v) for v in positive],
        "other_actors": [_perpetrator_json(v) for v in others],
        "described_perpetrators": [_perpetrator_json(v) for v in described],
    }


def _revision_json(step: Revision) -> dict[str, Any]:
    return {
        "position": step.position,
        "published": _iso(step.published),
        "ordered_by": step.ordered_by,
        "value": step.value,
        "document": step.document_id,
        "attributed_to": step.attributed_to,
        "change": step.change,
    }


def conflict_json(view: ConflictView) -> dict[str, Any]:
    conflict = view.conflict
    return {
        "event": conflict.event_id,
        "attribute": conflict.attribute,
        "values": list(conflict.values),
        "accounts": list(conflict.account_ids),
        "note": conflict.note,
        "claims": [claim_json(c) for c in view.claims],
        "evolution": [_revision_json(step) for step in view.evolution],
    }


def _account_json(view: AccountView) -> dict[str, Any]:
    account = view.account
    return {
        "id": account.id,
        "document": account.document_id,
        "key": view.key,
        "kind": account.kind.value,
        "summary": account.summary,
        "related_to": account.related_to,
        "joined_by": list(view.reason.features),
        "score": view.reason.score,
        "decided_by": view.reason.decided_by,
    }


def event_json(view: EventView, *, rule: str, detail: bool = False) -> dict[str, Any]:
    """One event in the prediction-file shape; `detail` adds accounts, decisions, notes and all claims."""
    event = view.event
    date = event.date
    place = event.place
    data: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "date": {"start": date.start.isoformat(), "end": date.end.isoformat(), "precision": date.precision.value}
        if date
        else None,
        "place": {
            "name": place.name,
            "city": place.city,
            "admin1": place.admin1,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
            "precision": place.precision.value,
        }
        if place
        else None,
        "attack_type": event.attack_type,
        "suicide": event.suicide,
        **perpetrators_json(view.perpetrators),
    }
    for kind in HEADLINE_KINDS:
        data[kind] = figure_json(view.figure(kind), rule)
    data["other_figures"] = {
        figure.kind: figure_json(figure, rule) for figure in view.figures if figure.kind not in HEADLINE_KINDS
    }
    data["documents"] = [document.id for document in view.documents]
    data["mentions"] = [
        {"document": mention.document_id, "start": mention.start, "end": mention.end}
        for account in view.accounts
        for mention in account.account.mentions
    ]
    data["conflicts"] = [
        {"attribute": c.conflict.attribute, "values": list(c.conflict.values), "note": c.conflict.note}
        for c in view.conflicts
    ]
    if detail:
        data["accounts"] = [_account_json(account) for account in view.accounts]
        data["perpetrator_claims"] = [claim_json(c) for p in view.perpetrators for c in p.claims]
        data["date_claims"] = _date_claims(view)
        data["place_claims"] = _place_claims(view)
        data["conflict_details"] = [conflict_json(c) for c in view.conflicts]
        data["decisions"] = [
            {
                "id": d.id,
                "action": d.action,
                "analyst": d.analyst,
                "reason": d.reason,
                "made_at": _iso(d.made_at),
                "account_keys": list(d.account_keys),
                "target_event": d.target_event,
            }
            for d in view.decisions
        ]
        data["notes"] = [{"analyst": n.analyst, "text": n.text, "made_at": _iso(n.made_at)} for n in view.notes]
    return data


def _date_claims(view: EventView) -> list[dict[str, Any]]:
    """Each account's stated date, with its words and span (views keep these only inside conflicts)."""
    found: list[dict[str, Any]] = []
    for account in view.accounts:
        date = account.account.date
        if date is not None:
            found.append(
                {**_where(account, date.evidence), "value": date.iso(), "text": date.text, "basis": date.basis}
            )
    return found


def _place_claims(view: EventView) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for account in view.accounts:
        place = account.account.place
        if place is not None:
            found.append({**_where(account, place.evidence), "value": place_text(place), "text": place.name})
    return found


def _where(account: AccountView, evidence: Evidence | None) -> dict[str, Any]:
    return {
        "document": account.account.document_id,
        "published": _iso(account.document.published),
        "start": evidence.start if evidence else None,
        "end": evidence.end if evidence else None,
    }
