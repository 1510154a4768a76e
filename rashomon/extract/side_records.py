"""Extract stage: claims of responsibility and arrests as records of their own, linked to the event.

Consumes the side frames `frames` found and `accounts` gathered onto one draft, and the account
`finish` made of that draft; produces one `Account` per claim or arrest, of kind
`claim_of_responsibility` or `arrest`, with `related_to` naming the event's account. Resolve
attaches them to that event, so a claim keeps its own date ("On 4 January, a day after the
bombing, IS claimed it") and its own evidence, and an arrest its own count of people arrested.

The event keeps the claimant as a perpetrator claim too (status `claimed`): the record says
when and in which words, the event who is said to have done it. A claim that names no claimant
("responsibility was claimed") and an arrest with neither a date nor a count add nothing the
event lacks and give no record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from rashomon.extract.accounts import Draft
from rashomon.extract.finish import Provenance, Resolver, SentenceNotes
from rashomon.extract.frames import SideFrame
from rashomon.model.records import (
    Account,
    EventDate,
    EventKind,
    FigureClaim,
    FigureKind,
    FigureScope,
    PerpetratorClaim,
    PerpetratorStatus,
)

_KINDS = {"claim": EventKind.CLAIM_OF_RESPONSIBILITY, "arrest": EventKind.ARREST}


def side_records(
    parent: Account,
    draft: Draft,
    *,
    provenance: Provenance,
    sentences: Mapping[int, SentenceNotes],
    text: str,
    resolve_relative: Resolver,
) -> list[Account]:
    """One record per claim of responsibility or arrest told about the draft's event."""
    records: list[Account] = []
    for side in draft.sides:
        kind = _KINDS.get(side.trigger.sense or "")
        if kind is None:
            continue
        notes = sentences[side.sentence_index]
        perpetrators = _claimants(side, provenance, notes) if kind is EventKind.CLAIM_OF_RESPONSIBILITY else ()
        figures = _arrested(side, provenance, notes) if kind is EventKind.ARREST else ()
        date = _date(side, provenance, notes, resolve_relative)
        if kind is EventKind.CLAIM_OF_RESPONSIBILITY and not perpetrators:
            continue
        if kind is EventKind.ARREST and date is None and not figures:
            continue
        mention = provenance.evidence(side.trigger.start, side.trigger.end, notes)
        records.append(
            Account(
                id=f"{provenance.document_id}#{side.trigger.start}",
                document_id=provenance.document_id,
                kind=kind,
                extractor=provenance.extractor,
                version=provenance.version,
                date=date,
                perpetrators=perpetrators,
                figures=figures,
                mentions=(mention,),
                related_to=parent.id,
                summary=text[notes.start : notes.end].strip()[:400],
            )
        )
    return records


def relink(records: Sequence[Account], kept: Sequence[Account], parents: Mapping[str, Account]) -> list[Account]:
    """Records whose event account was folded into another (see `consolidate`) follow it; records
    whose event account was dropped go with it."""
    out: list[Account] = []
    for record in records:
        parent = parents.get(record.related_to or "")
        anchor = parent.mentions[0] if parent is not None and parent.mentions else None
        home = next((a for a in kept if anchor is not None and anchor in a.mentions), None)
        if home is not None:
            out.append(record if home.id == record.related_to else replace(record, related_to=home.id))
    return out


def _claimants(side: SideFrame, provenance: Provenance, notes: SentenceNotes) -> tuple[PerpetratorClaim, ...]:
    return tuple(
        PerpetratorClaim(
            name=role.mention.text,
            actor_id=role.mention.actor_id,
            status=PerpetratorStatus.CLAIMED,
            evidence=provenance.evidence(role.mention.start, role.mention.end, notes),
            attributed_to=notes.speaker.text if notes.speaker else None,
            hedge=notes.hedge,
        )
        for role in side.roles
        if role.status is PerpetratorStatus.CLAIMED
    )


def _arrested(side: SideFrame, provenance: Provenance, notes: SentenceNotes) -> tuple[FigureClaim, ...]:
    return tuple(
        FigureClaim(
            kind=figure.kind,
            quantity=figure.quantity,
            evidence=provenance.evidence(figure.start, figure.end, notes),
            scope=FigureScope.EVENT,
            attributed_to=notes.speaker.text if notes.speaker else None,
            hedge=notes.hedge,
        )
        for figure in side.figures
        if figure.kind is FigureKind.ARRESTED
    )


def _date(
    side: SideFrame, provenance: Provenance, notes: SentenceNotes, resolve_relative: Resolver
) -> EventDate | None:
    """The first date the side's words give: its own, never the event's."""
    for found in side.dates:
        value = resolve_relative(found) if found.relative else found.value
        if value is not None:
            basis = "relative" if found.relative else "explicit"
            evidence = provenance.evidence(found.start, found.end, notes)
            return EventDate(value.start, value.end, value.precision, found.text, basis, evidence)
    return None
