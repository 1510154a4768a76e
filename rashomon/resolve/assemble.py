"""Resolve stage: build the read-side views of an event from its accounts.

Consumes an `Event`, its accounts, their documents and the resolved actors; produces the
`EventView`, `FigureView`, `PerpetratorView` and `ConflictView` records the export, web UI,
API and CLI read. The store fetches rows; everything derived from them is computed here, the
same way resolution computed it, so a view never disagrees with the stored event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rashomon.model.records import Account, AnalystDecision, Conflict, Event, FigureScope, MergeReason
from rashomon.model.vocab.folding import fold_name
from rashomon.resolve.actors import ActorResolution
from rashomon.resolve.claims import FIGURE_ATTRIBUTES, PERPETRATOR, EventClaims, event_claims
from rashomon.resolve.conflicts import evolution, report_order
from rashomon.resolve.events import primary_accounts
from rashomon.resolve.features import POSITIVE_STATUSES
from rashomon.resolve.figures import headlines
from rashomon.resolve.views import (
    AccountView,
    ClaimView,
    ConflictView,
    DocumentInfo,
    EventView,
    FigureView,
    Note,
    PerpetratorView,
    Revision,
)

_STATUS_ORDER = ("claimed", "attributed", "suspected", "accused", "denied")
POSITIVE_STATUS_NAMES = frozenset(status.value for status in POSITIVE_STATUSES)
"""Statuses that make an actor a perpetrator of the event; accused and denied ties do not."""


def status_rank(status: str) -> int:
    """Strongest tie first: claimed, attributed, suspected, accused, denied, then anything else."""
    return _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)


def claims_for(
    accounts: Sequence[Account],
    documents: Mapping[str, DocumentInfo],
    actors: ActorResolution,
    *,
    sentences: Mapping[tuple[str, int, int], str] | None = None,
) -> EventClaims:
    """The claims of an event's accounts, with date and place only from accounts describing the event."""
    primary = {account.id for account in primary_accounts(accounts)}
    return event_claims(accounts, documents, actors, describing=primary, sentences=sentences)


def figure_views(claims: EventClaims, documents: Mapping[str, DocumentInfo]) -> tuple[FigureView, ...]:
    """One view per figure kind that has claims: every claim, headlines under each rule, evolution."""
    views: list[FigureView] = []
    order = report_order(documents)
    for attribute in FIGURE_ATTRIBUTES:
        found = sorted(claims.of(attribute), key=order)
        if found:
            views.append(FigureView(attribute, tuple(found), headlines(found), evolution(found, documents)))
    return tuple(views)


def perpetrator_views(claims: EventClaims, actors: ActorResolution) -> tuple[PerpetratorView, ...]:
    """One view per actor named (or per unresolved name), with every status and the number of documents."""
    grouped: dict[str, list[ClaimView]] = {}
    for claim in claims.of(PERPETRATOR):
        grouped.setdefault(claim.actor_id or f"name:{fold_name(claim.text or claim.value)}", []).append(claim)
    views: list[PerpetratorView] = []
    for key, group in grouped.items():
        actor = actors.catalogue.actor(key) if not key.startswith("name:") else None
        statuses = sorted({c.status or "" for c in group}, key=status_rank)
        views.append(
            PerpetratorView(
                actor_id=actor.id if actor else None,
                name=actor.name if actor else (group[0].text or group[0].value),
                statuses=tuple(statuses),
                documents=len({c.document_id for c in group}),
                claims=tuple(group),
            )
        )
    views.sort(key=lambda v: (status_rank(v.statuses[0]), -v.documents, v.name))
    return tuple(views)


def conflict_views(
    conflicts: Sequence[Conflict], claims: EventClaims, documents: Mapping[str, DocumentInfo]
) -> tuple[ConflictView, ...]:
    """Each conflict with every claim of its attribute (event-level figures only) and, for figures, its evolution."""
    order = report_order(documents)
    views: list[ConflictView] = []
    for conflict in conflicts:
        found = sorted(claims.of(conflict.attribute), key=order)
        steps: tuple[Revision, ...] = ()
        if conflict.attribute in FIGURE_ATTRIBUTES:
            found = [c for c in found if (c.scope or FigureScope.EVENT.value) == FigureScope.EVENT.value]
            steps = evolution(found, documents)
        views.append(ConflictView(conflict, tuple(found), steps))
    return tuple(views)


def event_view(
    event: Event,
    accounts: Sequence[Account],
    documents: Mapping[str, DocumentInfo],
    actors: ActorResolution,
    *,
    keys: Mapping[str, str] | None = None,
    conflicts: Sequence[Conflict] = (),
    decisions: Sequence[AnalystDecision] = (),
    notes: Sequence[Note] = (),
    sentences: Mapping[tuple[str, int, int], str] | None = None,
    detail: bool = False,
) -> EventView:
    """The full view of one event; without `detail`, accounts and conflicts are left out."""
    claims = claims_for(accounts, documents, actors, sentences=sentences)
    document_ids = list(dict.fromkeys(account.document_id for account in accounts))
    infos = tuple(documents.get(doc_id, DocumentInfo(doc_id)) for doc_id in document_ids)
    account_views: tuple[AccountView, ...] = ()
    conflict_list: tuple[ConflictView, ...] = ()
    if detail:
        reasons = {reason.account_id: reason for reason in event.reasons}
        account_views = tuple(
            AccountView(
                account=account,
                document=documents.get(account.document_id, DocumentInfo(account.document_id)),
                key=(keys or {}).get(account.id, ""),
                reason=reasons.get(account.id, MergeReason(account.id, (), 0.0)),
            )
            for account in accounts
        )
        conflict_list = conflict_views(conflicts, claims, documents)
    return EventView(
        event=event,
        documents=infos,
        perpetrators=perpetrator_views(claims, actors),
        figures=figure_views(claims, documents),
        accounts=account_views,
        conflicts=conflict_list,
        decisions=tuple(decisions),
        notes=tuple(notes),
    )
