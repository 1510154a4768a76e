"""Resolve stage: one event per real-world event, across documents.

Consumes every `Account` (with its document's dates, its anchor span, optional sentence text)
plus the known actors and the analysts' decisions; produces a `Resolution`: `Event`s with a
`MergeReason` for every account, `Conflict`s, and the resolved actors.

How accounts become events:
1. perpetrator names resolve to actors (`rashomon.resolve.actors`);
2. claims of responsibility, arrests and statements that point at another account of their
   document (`related_to`) join that account's event; without it they stand alone;
3. every other account is compared with the accounts blocking puts beside it
   (`rashomon.resolve.clustering`), scored (`rashomon.resolve.features`) and merged best
   first; two accounts of one document never share an event unless an analyst merged them;
4. analyst merges and splits are replayed first and win over the scores
   (`rashomon.resolve.decisions`).

Event ids are `ev-` + 10 hex digits of a hash of the event's earliest account id (earliest
document by ingest time, then position in the text), so they stay stable while nothing changes
and when later documents join.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rashomon.model.records import Account, AnalystDecision, Conflict, Event, EventKind, MergeReason
from rashomon.resolve.actors import ActorResolution, resolve_actors
from rashomon.resolve.catalogue import ActorCatalogue
from rashomon.resolve.claims import event_claims
from rashomon.resolve.clustering import Link, cluster
from rashomon.resolve.conflicts import find_conflicts
from rashomon.resolve.decisions import Constraints, KeyIndex, anchored, constraints_from
from rashomon.resolve.features import POSITIVE_STATUSES, Profile, make_profile
from rashomon.resolve.summary import event_date, event_kind, event_place, majority, make_title, perpetrator_ids
from rashomon.resolve.text import tfidf_vectors
from rashomon.resolve.views import DocumentInfo

ATTACHING_KINDS = frozenset({EventKind.CLAIM_OF_RESPONSIBILITY, EventKind.ARREST, EventKind.STATEMENT})
"""Kinds that belong to the event they are about (`related_to`) rather than being events of their own."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """Everything one resolution run derived from the accounts."""

    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...]
    actors: ActorResolution
    constraints: Constraints
    candidate_pairs: int


def event_id_for(account_id: str, taken: set[str] | None = None) -> str:
    """`ev-` + 10 hex digits of the account id's SHA-1; longer only if that is already taken."""
    digest = hashlib.sha1(account_id.encode("utf-8")).hexdigest()
    for length in range(10, len(digest) + 1):
        candidate = f"ev-{digest[:length]}"
        if taken is None or candidate not in taken:
            return candidate
    return f"ev-{digest}"


def primary_accounts(accounts: Sequence[Account]) -> list[Account]:
    """The accounts that describe the event itself, not a claim, arrest or statement about it."""
    ids = {account.id for account in accounts}
    primary = [a for a in accounts if not (a.kind in ATTACHING_KINDS and a.related_to in ids)]
    return primary or list(accounts)


def _roots(accounts: Sequence[Account]) -> dict[str, str]:
    """Attached account id -> the account whose event it joins (following related_to chains)."""
    by_id = {account.id: account for account in accounts}
    roots: dict[str, str] = {}
    for account in accounts:
        if account.kind not in ATTACHING_KINDS:
            continue
        current, seen = account, {account.id}
        while current.kind in ATTACHING_KINDS and current.related_to in by_id and current.related_to not in seen:
            seen.add(current.related_to)
            current = by_id[current.related_to]
        if current.id != account.id and current.kind not in ATTACHING_KINDS:
            roots[account.id] = current.id
    return roots


def _text(account: Account, extra: str | None) -> str:
    parts = [account.summary, extra, account.target, account.place.name if account.place else None]
    return " ".join(part for part in parts if part)


def resolve_accounts(
    accounts: Sequence[Account],
    *,
    documents: Mapping[str, DocumentInfo],
    anchors: Mapping[str, tuple[int, int]],
    catalogue: ActorCatalogue,
    decisions: Sequence[AnalystDecision] = (),
    texts: Mapping[str, str] | None = None,
) -> Resolution:
    """Resolve every account into events (see the module docstring); deterministic for the same input."""
    actors = resolve_actors((claim for account in accounts for claim in account.perpetrators), catalogue)
    index = KeyIndex(anchored(account, anchors.get(account.id, (0, 0))) for account in accounts)
    constraints = constraints_from(decisions, index)
    decided = {account for group in constraints.must for account in group} | {
        account for pair in constraints.cannot for account in pair
    }
    roots = {child: root for child, root in _roots(accounts).items() if child not in decided}
    clustered = [account for account in accounts if account.id not in roots]
    standalone = {position for position, account in enumerate(clustered) if account.kind in ATTACHING_KINDS}
    extra = texts or {}
    vectors = tfidf_vectors([_text(account, extra.get(account.id)) for account in clustered])
    profiles = [
        make_profile(position, account, _positive_actors(account, actors), actors.catalogue, vectors[position])
        for position, account in enumerate(clustered)
    ]
    clustering = cluster(profiles, must=constraints.must, cannot=constraints.cannot, standalone=standalone)
    attached: dict[str, list[Account]] = {}
    by_id = {account.id: account for account in accounts}
    for child, root in roots.items():
        attached.setdefault(root, []).append(by_id[child])
    order = account_order(documents, anchors)
    events: list[Event] = []
    conflicts: list[Conflict] = []
    taken: set[str] = set()
    for members in clustering.clusters:
        primary = [clustered[i] for i in members]
        children = [child for account in primary for child in attached.get(account.id, [])]
        everything = sorted([*primary, *children], key=order)
        event_id = event_id_for(everything[0].id, taken)
        taken.add(event_id)
        reasons = _reasons(members, profiles, clustering.links, clustering.forced, constraints, roots, children)
        event, found = assemble_event(event_id, everything, reasons, documents=documents, actors=actors)
        events.append(event)
        conflicts.extend(found)
    events.sort(key=lambda event: event.id)
    return Resolution(tuple(events), tuple(conflicts), actors, constraints, clustering.candidate_pairs)


def _positive_actors(account: Account, actors: ActorResolution) -> frozenset[str]:
    found = (actors.actor_of(claim) for claim in account.perpetrators if claim.status in POSITIVE_STATUSES)
    return frozenset(actor for actor in found if actor is not None)


def account_order(
    documents: Mapping[str, DocumentInfo], anchors: Mapping[str, tuple[int, int]]
) -> Callable[[Account], tuple[dt.datetime, str, int, str]]:
    """Sort key of accounts in report order: document ingest time, document id, position in the text."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def key(account: Account) -> tuple[dt.datetime, str, int, str]:
        info = documents.get(account.document_id)
        ingested = (info.ingested_at if info else None) or floor
        if ingested.tzinfo is None:
            ingested = ingested.replace(tzinfo=dt.UTC)
        return (ingested, account.document_id, anchors.get(account.id, (0, 0))[0], account.id)

    return key


def _reasons(
    members: Sequence[int],
    profiles: Sequence[Profile],
    links: Mapping[int, Link],
    forced: frozenset[int],
    constraints: Constraints,
    roots: Mapping[str, str],
    children: Sequence[Account],
) -> tuple[MergeReason, ...]:
    reasons: list[MergeReason] = []
    for i in members:
        account_id = profiles[i].account_id
        if i in forced and account_id in constraints.decided_by:
            analyst, decision = constraints.decided_by[account_id]
            reasons.append(MergeReason(account_id, (f"decision:{decision}",), 1.0, decided_by=analyst))
        elif i in links:
            link = links[i]
            features = (*link.features, f"link:{profiles[link.other].account_id}")
            reasons.append(MergeReason(account_id, features, link.score))
        else:
            reasons.append(MergeReason(account_id, ("single",) if len(members) == 1 else ("first",), 0.0))
    for child in children:
        reasons.append(MergeReason(child.id, (f"related-to:{roots[child.id]}",), 0.0))
    return tuple(reasons)


def assemble_event(
    event_id: str,
    accounts: Sequence[Account],
    reasons: Sequence[MergeReason],
    *,
    documents: Mapping[str, DocumentInfo],
    actors: ActorResolution,
) -> tuple[Event, list[Conflict]]:
    """An event's fields and conflicts from its accounts (claims and arrests about it included)."""
    primary = primary_accounts(accounts)
    kind = event_kind(primary)
    date = event_date(primary)
    place = event_place(primary)
    attack_type = majority(
        [(a.attack_type, a.document_id) for a in primary if a.attack_type and a.attack_type.casefold() != "unknown"],
        documents,
    ) or next((a.attack_type for a in primary if a.attack_type), None)
    suicide = majority([(a.suicide, a.document_id) for a in primary if a.suicide is not None], documents)
    event = Event(
        id=event_id,
        kind=kind,
        account_ids=tuple(account.id for account in accounts),
        reasons=tuple(reasons),
        attack_type=attack_type,
        suicide=suicide,
        date=date,
        place=place,
        perpetrator_ids=perpetrator_ids(accounts, actors.actor_of),
        title=make_title(kind, attack_type, suicide, place, date),
    )
    claims = event_claims(accounts, documents, actors, describing={a.id for a in primary})
    return event, find_conflicts(event_id, primary, claims, documents, actors)


def earliest_account(
    accounts: Sequence[Account], documents: Mapping[str, DocumentInfo], anchors: Mapping[str, tuple[int, int]]
) -> Account:
    """The account an event's id is derived from: first document ingested, then first in its text."""
    return min(accounts, key=account_order(documents, anchors))
