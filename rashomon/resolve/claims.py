"""Resolve stage: every claim of an event's accounts as one `ClaimView`, and which figures are credible.

Consumes the accounts of one event, their documents and the resolved actors; produces claim
views per attribute (killed, injured..., perpetrator, date, place, suicide, attack_type), each
with its document, publication date, speaker, hedge and span.

A figure is *not credible* for headline purposes when it is relayed from the perpetrator:
stated in a claim-of-responsibility account, attributed to an actor of the perpetrator's own
lineage (the group, its parent, its province, its media outlet), attributed to a group's media
outlet, or attributed to "the group" itself in an event someone claimed. Such figures stay in
every listing; only the headline rules leave them out (GTD's rule for perpetrator claims).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rashomon.model.records import Account, EventKind, Evidence, FigureKind, PerpetratorClaim, Place
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.catalogue import actor_words
from rashomon.resolve.features import POSITIVE_STATUSES
from rashomon.resolve.views import ClaimView, DocumentInfo

PERPETRATOR = "perpetrator"
DATE = "date"
PLACE = "place"
SUICIDE = "suicide"
ATTACK_TYPE = "attack_type"
FIGURE_ATTRIBUTES = tuple(kind.value for kind in FigureKind)
ATTRIBUTES = (*FIGURE_ATTRIBUTES, PERPETRATOR, DATE, PLACE, SUICIDE, ATTACK_TYPE)
_MEDIA_OUTLET = "media_outlet"
_ARMED_GROUP = "armed_group"


@dataclass(frozen=True, slots=True)
class EventClaims:
    """Every claim of one event, by attribute, in account order."""

    by_attribute: Mapping[str, tuple[ClaimView, ...]]
    perpetrator_lineage: frozenset[str]

    def of(self, attribute: str) -> tuple[ClaimView, ...]:
        return self.by_attribute.get(attribute, ())


def place_text(place: Place) -> str:
    """A place as one line, most specific first: "Martyrs' Cemetery, Kerman, Kerman, IR"."""
    parts = [place.site, place.city, place.admin1, place.country]
    text = ", ".join(dict.fromkeys(p for p in parts if p))
    return text or place.name


def perpetrator_value(claim: PerpetratorClaim, actor_id: str | None, resolution: ActorResolution) -> str:
    actor = resolution.catalogue.actor(actor_id) if actor_id else None
    return f"{actor.name if actor else claim.name} ({claim.status.value})"


def event_claims(
    accounts: Sequence[Account],
    documents: Mapping[str, DocumentInfo],
    resolution: ActorResolution,
    *,
    describing: Collection[str] | None = None,
    sentences: Mapping[tuple[str, int, int], str] | None = None,
) -> EventClaims:
    """Claim views of every attribute of one event.

    `describing` names the accounts whose date, place, suicide flag and attack type describe
    the event itself (default: all); a claim of responsibility's own date is not the attack's.
    `sentences` maps (document id, sentence start, sentence end) to the sentence's text.
    """
    lineage: set[str] = set()
    for account in accounts:
        for claim in account.perpetrators:
            actor = resolution.actor_of(claim) if claim.status in POSITIVE_STATUSES else None
            if actor is not None:
                lineage |= resolution.catalogue.lineage(actor)
    perpetrators = frozenset(lineage)
    found: dict[str, list[ClaimView]] = {attribute: [] for attribute in ATTRIBUTES}
    # a claim of responsibility or an arrest record repeats words its event's account also holds
    # (the claimant, the number arrested): one span of one document is one claim
    seen: set[tuple[str, str, int, int]] = set()

    def fresh(what: str, evidence: Evidence | None, document_id: str) -> bool:
        if evidence is None:
            return True
        key = (what, document_id, evidence.start, evidence.end)
        if key in seen:
            return False
        seen.add(key)
        return True

    for account in accounts:
        info = documents.get(account.document_id)
        source = _Source(account.id, account.document_id, info.published if info else None, sentences or {})
        for figure in account.figures:
            if not fresh(figure.kind.value, figure.evidence, account.document_id):
                continue
            why = _relayed(account, figure.attributed_to, perpetrators, resolution)
            q = figure.quantity
            found[figure.kind.value].append(
                source.view(
                    figure.kind.value,
                    str(q.value),
                    figure.evidence,
                    number=q.value,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier.value,
                    scope=figure.scope.value,
                    text=q.text,
                    attributed_to=figure.attributed_to,
                    hedge=figure.hedge,
                    credible=why is None,
                    note=why,
                )
            )
        for claim in account.perpetrators:
            if not fresh(claim.status.value, claim.evidence, account.document_id):
                continue
            actor_id = resolution.actor_of(claim)
            found[PERPETRATOR].append(
                source.view(
                    PERPETRATOR,
                    perpetrator_value(claim, actor_id, resolution),
                    claim.evidence,
                    text=claim.name,
                    status=claim.status.value,
                    actor_id=actor_id,
                    attributed_to=claim.attributed_to,
                    hedge=claim.hedge,
                )
            )
        if describing is not None and account.id not in describing:
            continue
        if account.date is not None:
            date = account.date
            found[DATE].append(
                source.view(DATE, date.iso(), date.evidence, text=date.text, note=f"basis: {date.basis}")
            )
        if account.place is not None:
            place = account.place
            found[PLACE].append(source.view(PLACE, place_text(place), place.evidence, text=place.name))
        if account.suicide is not None:
            found[SUICIDE].append(source.view(SUICIDE, "yes" if account.suicide else "no", None))
        if account.attack_type:
            found[ATTACK_TYPE].append(source.view(ATTACK_TYPE, account.attack_type, None))
    return EventClaims({key: tuple(value) for key, value in found.items() if value}, perpetrators)


@dataclass(frozen=True, slots=True)
class _Source:
    """The account and document every claim view of one account shares."""

    account_id: str
    document_id: str
    published: dt.date | None
    sentences: Mapping[tuple[str, int, int], str]

    def view(self, attribute: str, value: str, evidence: Evidence | None, **details: Any) -> ClaimView:
        sentence = None
        if evidence is not None:
            sentence = self.sentences.get((evidence.document_id, evidence.sentence_start, evidence.sentence_end))
        return ClaimView(
            attribute=attribute,
            value=value,
            account_id=self.account_id,
            document_id=self.document_id,
            published=self.published,
            evidence=evidence,
            sentence=sentence,
            **details,
        )


def _relayed(
    account: Account, speaker: str | None, perpetrators: frozenset[str], resolution: ActorResolution
) -> str | None:
    """Why a figure is the perpetrator's own (see the module docstring), or None when it is not."""
    if account.kind is EventKind.CLAIM_OF_RESPONSIBILITY:
        return "stated in a claim of responsibility"
    if not speaker:
        return None
    folded = fold_name(speaker)
    if perpetrators and folded in actor_words()["self_references"]:
        return f"attributed to {speaker!r}, the perpetrator itself"
    actor_id = resolution.names.get(folded) or resolution.catalogue.exact(speaker)
    if actor_id is None:
        return None
    if resolution.catalogue.lineage(actor_id) & perpetrators:
        return f"attributed to {speaker!r}, the perpetrator or part of it"
    actor = resolution.catalogue.actor(actor_id)
    parent = resolution.catalogue.actor(actor.parent_id) if actor and actor.parent_id else None
    if actor is not None and actor.kind == _MEDIA_OUTLET and parent is not None and parent.kind == _ARMED_GROUP:
        return f"attributed to {speaker!r}, a group's media outlet"
    return None
