"""Serve stage: the REST API's request and response bodies (pydantic: the edge, documented in OpenAPI).

Inside rashomon records are frozen dataclasses; these models exist only so that the API's
shapes are validated and described in `/api/openapi.json`. `rashomon.serve.convert` builds
them from the store's views.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

Item = TypeVar("Item")


class PageOut(BaseModel, Generic[Item]):
    """One page of a listing: `total` matches, of which `items` start at `offset`."""

    total: int
    limit: int
    offset: int
    items: list[Item]


class EvidenceOut(BaseModel):
    """Where a value comes from: character offsets into the document text, and who derived it."""

    document_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    extractor: str
    version: str
    confidence: float


class DateOut(BaseModel):
    start: dt.date
    end: dt.date
    precision: str
    iso: str
    text: str | None = None


class PlaceOut(BaseModel):
    name: str
    country: str | None
    precision: str
    city: str | None = None
    admin1: str | None = None
    site: str | None = None
    lat: float | None = None
    lon: float | None = None


class DocumentInfoOut(BaseModel):
    id: str
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


class DocumentOut(DocumentInfoOut):
    published_source: str | None = None
    language: str | None = None
    format: str
    size_chars: int
    ingested_at: dt.datetime | None = None
    near_duplicate_of: str | None = None


class SpanOut(BaseModel):
    """A highlighted span of a document: a figure, an actor, a place or a date an account states."""

    kind: str = Field(description="figure kind (killed, injured, ...), perpetrator, place or date")
    text: str
    value: str
    account_id: str
    evidence: EvidenceOut


class DocumentDetailOut(DocumentOut):
    text: str
    spans: list[SpanOut]
    events: list[str] = Field(description="ids of the events that hold an account of this document")


class ClaimOut(BaseModel):
    """One value one account states, with its words, speaker, hedge and evidence span."""

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
    text: str | None = None
    attributed_to: str | None = None
    hedge: str | None = None
    status: str | None = None
    actor_id: str | None = None
    credible: bool = True
    note: str | None = None
    evidence: EvidenceOut | None = None
    sentence: str | None = None


class HeadlineOut(BaseModel):
    best: int | None
    low: int | None
    high: int | None
    rule: str
    explanation: str
    chosen_claims: int = Field(description="how many claims the rule's answer rests on")


class RevisionOut(BaseModel):
    position: int
    published: dt.date | None
    ordered_by: str
    value: int
    document_id: str
    attributed_to: str | None
    change: str


class FigureOut(BaseModel):
    kind: str
    headline: HeadlineOut | None = Field(description="the headline under the rule asked for")
    headlines: list[HeadlineOut] = []
    claims: list[ClaimOut] = []
    evolution: list[RevisionOut] = []


class PerpetratorOut(BaseModel):
    actor_id: str | None
    name: str
    statuses: list[str]
    documents: int


class EventOut(BaseModel):
    """An event as listed: where, when, who, and each figure's headline under the rule asked for."""

    id: str
    kind: str
    title: str | None
    attack_type: str | None
    suicide: bool | None
    date: DateOut | None
    place: PlaceOut | None
    perpetrators: list[PerpetratorOut]
    figures: dict[str, HeadlineOut | None]
    documents: int
    rule: str


class ConflictOut(BaseModel):
    event_id: str
    attribute: str
    values: list[str]
    account_ids: list[str]
    note: str | None
    claims: list[ClaimOut]
    evolution: list[RevisionOut]


class ReasonOut(BaseModel):
    features: list[str]
    score: float
    decided_by: str


class AccountOut(BaseModel):
    id: str
    key: str = Field(description="stable key document@start-end, used by analyst decisions")
    document_id: str
    kind: str
    summary: str | None
    date: DateOut | None
    place: PlaceOut | None
    reason: ReasonOut


class DecisionOut(BaseModel):
    id: str
    action: str
    account_keys: list[str]
    analyst: str
    reason: str
    made_at: dt.datetime
    target_event: str | None


class NoteOut(BaseModel):
    event_id: str
    analyst: str
    text: str
    made_at: dt.datetime


class EventDetailOut(EventOut):
    """An event with everything: its documents, every claim, headlines under every rule, conflicts."""

    documents_info: list[DocumentInfoOut]
    figure_details: list[FigureOut]
    perpetrator_claims: list[ClaimOut]
    conflicts: list[ConflictOut]
    accounts: list[AccountOut]
    decisions: list[DecisionOut]
    notes: list[NoteOut]


class ActorOut(BaseModel):
    id: str
    name: str
    kind: str
    aliases: list[str]
    parent_id: str | None
    country: str | None
    description: str | None
    origin: str
    events: int


class StatsOut(BaseModel):
    counts: dict[str, int]
    search: str = Field(description="fts5 or like: how text search runs on this store")
    writable: bool = Field(description="whether write actions are enabled (a token was set)")


class MergeIn(BaseModel):
    event_ids: list[str] = Field(min_length=2)
    analyst: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=2000)


class SplitIn(BaseModel):
    account_ids: list[str] = Field(min_length=1, description="account ids or stable keys to move out")
    analyst: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=2000)


class NoteIn(BaseModel):
    analyst: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=10000)


class DecisionResultOut(BaseModel):
    decision: DecisionOut
    event_ids: list[str]


class ErrorOut(BaseModel):
    detail: str
