"""Typed records handed between stages (ingest → analyse → extract → resolve → store).

Every record is a frozen, slotted dataclass. A stage never changes a record it was given;
it makes new ones that point back by id. Everything a stage derives from text carries an
`Evidence`: the document, the character span, the sentence, and which extractor (and which
version of it) said so. Dicts appear only at the edges (`to_dict`/`from_dict` in the store,
the exporters and the API).

Vocabulary used throughout:

- a **Document** is one ingested report, with its text exactly as analysed;
- an **Account** is what one document says about one real-world event (the scorer calls it
  a "report"); a document usually holds several accounts (the main attack, past attacks it
  lists, strikes in response, arrests);
- a **claim** is one value an account asserts, tied to its evidence: a figure
  (`FigureClaim`), a perpetrator (`PerpetratorClaim`), a date (`EventDate`), a place (`Place`);
- an **Event** is the resolved real-world event: a cluster of accounts from many documents;
- a **Conflict** records that the accounts of one event disagree on one attribute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from rashomon.model.types.date import DatePrecision as DatePrecision  # re-exported: defined with DateRange
from rashomon.model.types.figure import Quantity


class EventKind(StrEnum):
    """What kind of happening an account or event is. Only attacks and strikes are violent events."""

    ATTACK = "attack"  # violence by a non-state actor (or unknown actor)
    STRIKE = "strike"  # violence by a state's forces: air, missile, drone strike, raid, shelling
    CLAIM_OF_RESPONSIBILITY = "claim_of_responsibility"
    ARREST = "arrest"
    STATEMENT = "statement"  # a statement or accusation about an event
    MEETING = "meeting"
    OTHER = "other"  # battles, clashes, offensives: violent but not a single attack or strike

    @property
    def is_violent_event(self) -> bool:
        return self in (EventKind.ATTACK, EventKind.STRIKE)


class FigureKind(StrEnum):
    """What a figure counts. Totals of victims exclude attackers unless a report folds them in."""

    KILLED = "killed"
    INJURED = "injured"
    ARRESTED = "arrested"
    ATTACKERS_KILLED = "attackers_killed"
    KIDNAPPED = "kidnapped"
    CASUALTIES = "casualties"  # killed and injured together ("30 casualties"): never read as either


class FigureScope(StrEnum):
    """How a figure relates to the event it is attached to."""

    EVENT = "event"  # the toll of this event
    PART = "part"  # a sub-count of another figure ("77 Iranians and 12 Afghans" of 89)
    AGGREGATE = "aggregate"  # a total over several events ("these attacks killed 700")


class PerpetratorStatus(StrEnum):
    """How a report ties an actor to an event. Never collapse these into one 'perpetrator' fact."""

    CLAIMED = "claimed"  # the actor claimed responsibility itself
    ATTRIBUTED = "attributed"  # a report or a named source says the actor did it
    SUSPECTED = "suspected"  # hedged: "suspected", "believed to be", "linked to"
    ACCUSED = "accused"  # a party blames the actor, typically contested ("Iran blamed Israel")
    DENIED = "denied"  # the actor or a source denies it


class PlacePrecision(StrEnum):
    SITE = "site"  # a named building, shrine, market inside a city
    CITY = "city"
    ADMIN1 = "admin1"  # province, state, governorate
    COUNTRY = "country"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a derived value comes from: a span of a document, its sentence, and who derived it."""

    document_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    extractor: str
    version: str
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad evidence span {self.start}..{self.end}")
        if not (self.sentence_start <= self.start and self.end <= self.sentence_end):
            raise ValueError("evidence span must lie inside its sentence")


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested report. `text` is exactly what was analysed: every offset points into it."""

    id: str
    text: str
    content_hash: str
    source: str  # path, URL or "-" for stdin
    format: str  # txt, md, html, pdf, json, jsonl, feed
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # metadata, dateline, feed, record, user
    language: str | None = None
    ingested_at: dt.datetime | None = None
    near_duplicate_of: str | None = None  # id of an earlier document telling the same story


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as an interval at a precision, and how it was found."""

    start: dt.date
    end: dt.date
    precision: DatePrecision
    text: str  # the words that gave it ("a day after", "on 4 January")
    basis: str  # explicit, relative, publication (fallback), context (borrowed from the nearest date)
    evidence: Evidence | None = None

    def iso(self) -> str:
        """ISO 8601 at its own precision: 2024-01-03, 2024-01 or 2024."""
        if self.precision is DatePrecision.DAY:
            return self.start.isoformat()
        if self.precision is DatePrecision.MONTH:
            return self.start.isoformat()[:7]
        return str(self.start.year)


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place with its hierarchy. `name` is the words the report used."""

    name: str
    country: str | None  # ISO 3166-1 alpha-2
    precision: PlacePrecision
    city: str | None = None
    admin1: str | None = None
    site: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class FigureClaim:
    """A casualty (or arrest) figure as one report states it, with who it credits and how surely."""

    kind: FigureKind
    quantity: Quantity
    evidence: Evidence
    scope: FigureScope = FigureScope.EVENT
    attributed_to: str | None = None  # "Ahmad Vahidi", "the Interior Ministry"
    hedge: str | None = None  # "reportedly", "allegedly", "claimed"


@dataclass(frozen=True, slots=True)
class PerpetratorClaim:
    """An actor tied to an event by a report, with the kind of tie and its source."""

    name: str  # as the report wrote it
    actor_id: str | None  # vocabulary id when the name is known, else None
    status: PerpetratorStatus
    evidence: Evidence
    attributed_to: str | None = None
    hedge: str | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """What one document says about one event, with every claim it makes and where."""

    id: str
    document_id: str
    kind: EventKind
    extractor: str
    version: str
    attack_type: str | None = None  # GTD attack-type name
    weapon: str | None = None  # GTD weapon-type name
    suicide: bool | None = None
    target: str | None = None
    target_type: str | None = None  # GTD target-type name
    date: EventDate | None = None
    place: Place | None = None
    perpetrators: tuple[PerpetratorClaim, ...] = ()
    figures: tuple[FigureClaim, ...] = ()
    mentions: tuple[Evidence, ...] = ()  # the sentences (or spans) that speak of this event
    related_to: str | None = None  # for claims, arrests, statements: the account they are about
    summary: str | None = None  # the anchor sentence, trimmed

    def figures_of(self, kind: FigureKind) -> tuple[FigureClaim, ...]:
        return tuple(f for f in self.figures if f.kind is kind)


@dataclass(frozen=True, slots=True)
class Actor:
    """One real group, state body or person, with every name it goes by."""

    id: str
    name: str
    kind: str  # armed_group, state, state_security_body, media_outlet, person, organisation
    aliases: tuple[str, ...] = ()
    parent_id: str | None = None
    country: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class MergeReason:
    """Why an account joined an event: the features that matched and the score."""

    account_id: str
    features: tuple[str, ...]
    score: float
    decided_by: str = "auto"  # "auto" or an analyst's name for manual merges


@dataclass(frozen=True, slots=True)
class Event:
    """A resolved real-world event: one cluster of accounts from one or more documents."""

    id: str
    kind: EventKind
    account_ids: tuple[str, ...]
    reasons: tuple[MergeReason, ...] = ()
    attack_type: str | None = None
    suicide: bool | None = None
    date: EventDate | None = None
    place: Place | None = None
    perpetrator_ids: tuple[str, ...] = ()
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Accounts of one event that disagree on one attribute (killed, injured, perpetrator, date, place)."""

    event_id: str
    attribute: str
    values: tuple[str, ...]  # the distinct values, as text, in order of first report
    account_ids: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AnalystDecision:
    """A manual merge or split, kept with who, when and why; it survives re-extraction."""

    id: str
    action: str  # merge, split
    account_keys: tuple[str, ...]  # stable keys: "document_id@start-end" of an account's anchor
    analyst: str
    reason: str
    made_at: dt.datetime
    target_event: str | None = None
