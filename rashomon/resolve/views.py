"""Resolve stage: the read-side records other stages get (export, web UI, API, CLI).

Consumes nothing itself; `rashomon.store.events` fills these from the database and
`rashomon.resolve` builds some of them from accounts. Every view is frozen: a reader that
wants another shape makes a new one. Each claim keeps its document, speaker, hedge and span,
so any headline figure can be traced back to the words that gave it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rashomon.model.records import Account, Actor, AnalystDecision, Conflict, Event, Evidence, MergeReason


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What resolve needs to know about a document: when it was published and ingested, and its name."""

    id: str
    published: dt.date | None = None
    ingested_at: dt.datetime | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One value one account states about one attribute, with where it comes from.

    `value` is the value as text ("89", "2024-01-03", "Kerman, IR", "Islamic State (claimed)");
    `number`/`low`/`high`/`qualifier` are set for figures. `credible` is False for a figure
    relayed from the perpetrator (its own claim of responsibility or its media outlet).
    """

    attribute: str
    value: str
    account_id: str
    document_id: str
    published: dt.date | None = None
    number: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    scope: str | None = None
    text: str | None = None  # the words as the report wrote them
    attributed_to: str | None = None
    hedge: str | None = None
    status: str | None = None  # perpetrator claims: claimed, attributed, suspected, accused, denied
    actor_id: str | None = None
    evidence: Evidence | None = None
    sentence: str | None = None  # the evidence sentence cut from the document text, when loaded
    credible: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline figure computed by a documented rule from the claims of one attribute.

    `best` may be None when the rule gives no single figure (the `range` rule) or there are no
    claims; `chosen_claims` are the claims the rule's answer rests on.
    """

    best: int | None
    low: int | None
    high: int | None
    rule: str
    explanation: str
    chosen_claims: tuple[ClaimView, ...] = ()


@dataclass(frozen=True, slots=True)
class Revision:
    """One step of a figure's evolution over report time."""

    position: int  # 0 for the first report
    published: dt.date | None
    ordered_by: str  # "published" or "ingest order"
    value: int
    document_id: str
    attributed_to: str | None
    change: str  # first, up, down, same


@dataclass(frozen=True, slots=True)
class FigureView:
    """Every claim of one figure kind for one event, its headlines under each rule and its evolution."""

    kind: str
    claims: tuple[ClaimView, ...]
    headlines: tuple[Headline, ...]
    evolution: tuple[Revision, ...]

    def headline(self, rule: str) -> Headline | None:
        return next((headline for headline in self.headlines if headline.rule == rule), None)


@dataclass(frozen=True, slots=True)
class PerpetratorView:
    """An actor tied to an event, with every status reports gave the tie and how many documents."""

    actor_id: str | None
    name: str
    statuses: tuple[str, ...]
    documents: int
    claims: tuple[ClaimView, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountView:
    """One account of an event, its document, its stable key and why it joined the event."""

    account: Account
    document: DocumentInfo
    key: str
    reason: MergeReason


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A disagreement between the accounts of one event, with every claim and (for figures) its evolution."""

    conflict: Conflict
    claims: tuple[ClaimView, ...]
    evolution: tuple[Revision, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor as stored: vocabulary or discovered, with every alias and name reports used."""

    actor: Actor
    origin: str  # vocabulary or discovered
    events: int = 0


@dataclass(frozen=True, slots=True)
class EventView:
    """An event with what a reader needs: documents, perpetrators, figures and headlines.

    `load_events` leaves `accounts`, `conflicts` and claim sentences empty unless asked for
    detail; `load_event` fills everything.
    """

    event: Event
    documents: tuple[DocumentInfo, ...]
    perpetrators: tuple[PerpetratorView, ...]
    figures: tuple[FigureView, ...]
    accounts: tuple[AccountView, ...] = ()
    conflicts: tuple[ConflictView, ...] = ()
    decisions: tuple[AnalystDecision, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def id(self) -> str:
        return self.event.id

    def figure(self, kind: str) -> FigureView | None:
        return next((figure for figure in self.figures if figure.kind == kind), None)

    def headline(self, kind: str, rule: str) -> Headline | None:
        figure = self.figure(kind)
        return figure.headline(rule) if figure is not None else None


@dataclass(frozen=True, slots=True)
class Note:
    """A free-text analyst note on an event."""

    event_id: str
    analyst: str
    text: str
    made_at: dt.datetime


@dataclass(frozen=True, slots=True)
class UnmappedKey:
    """A decision's account key that matches no current account (its document changed or went)."""

    decision_id: str
    key: str
    reason: str


@dataclass(frozen=True, slots=True)
class ResolutionReport:
    """What one resolution run did, for the pipeline's summary and `rashomon resolve`."""

    accounts: int
    events: int
    multi_document_events: int
    actors: int
    discovered_actors: int
    conflicts: int
    decisions_applied: int
    unmapped_keys: tuple[UnmappedKey, ...]
    candidate_pairs: int
    seconds: float
