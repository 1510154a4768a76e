"""Serve stage: the store's frozen views turned into the API's response models.

Consumes `rashomon.resolve.views` records (and the serve stage's `Span`s and listing rows);
produces `rashomon.serve.schemas` models. Nothing is computed here beyond picking the headline
of the rule asked for: every value comes from the views as the store assembled them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.model.records import AnalystDecision, EventDate, Evidence, Place
from rashomon.resolve.views import (
    AccountView,
    ActorView,
    ClaimView,
    ConflictView,
    DocumentInfo,
    EventView,
    FigureView,
    Headline,
    Note,
    Revision,
)
from rashomon.serve import schemas
from rashomon.serve.evidence import Span
from rashomon.serve.queries import DocumentRow


def evidence_out(evidence: Evidence | None) -> schemas.EvidenceOut | None:
    return None if evidence is None else _evidence(evidence)


def _evidence(evidence: Evidence) -> schemas.EvidenceOut:
    return schemas.EvidenceOut(
        document_id=evidence.document_id,
        start=evidence.start,
        end=evidence.end,
        sentence_start=evidence.sentence_start,
        sentence_end=evidence.sentence_end,
        extractor=evidence.extractor,
        version=evidence.version,
        confidence=evidence.confidence,
    )


def date_out(date: EventDate | None) -> schemas.DateOut | None:
    if date is None:
        return None
    return schemas.DateOut(
        start=date.start, end=date.end, precision=date.precision.value, iso=date.iso(), text=date.text
    )


def place_out(place: Place | None) -> schemas.PlaceOut | None:
    if place is None:
        return None
    return schemas.PlaceOut(
        name=place.name,
        country=place.country,
        precision=place.precision.value,
        city=place.city,
        admin1=place.admin1,
        site=place.site,
        lat=place.lat,
        lon=place.lon,
    )


def claim_out(claim: ClaimView) -> schemas.ClaimOut:
    return schemas.ClaimOut(
        attribute=claim.attribute,
        value=claim.value,
        account_id=claim.account_id,
        document_id=claim.document_id,
        published=claim.published,
        number=claim.number,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        scope=claim.scope,
        text=claim.text,
        attributed_to=claim.attributed_to,
        hedge=claim.hedge,
        status=claim.status,
        actor_id=claim.actor_id,
        credible=claim.credible,
        note=claim.note,
        evidence=evidence_out(claim.evidence),
        sentence=claim.sentence,
    )


def headline_out(headline: Headline | None) -> schemas.HeadlineOut | None:
    if headline is None:
        return None
    return schemas.HeadlineOut(
        best=headline.best,
        low=headline.low,
        high=headline.high,
        rule=headline.rule,
        explanation=headline.explanation,
        chosen_claims=len(headline.chosen_claims),
    )


def revision_out(revision: Revision) -> schemas.RevisionOut:
    return schemas.RevisionOut(
        position=revision.position,
        published=revision.published,
        ordered_by=revision.ordered_by,
        value=revision.value,
        document_id=revision.document_id,
        attributed_to=revision.attributed_to,
        change=revision.change,
    )


def figure_out(figure: FigureView, rule: str) -> schemas.FigureOut:
    return schemas.FigureOut(
        kind=figure.kind,
        headline=headline_out(figure.headline(rule)),
        headlines=[h for h in (headline_out(x) for x in figure.headlines) if h is not None],
        claims=[claim_out(claim) for claim in figure.claims],
        evolution=[revision_out(revision) for revision in figure.evolution],
    )


def document_info_out(info: DocumentInfo) -> schemas.DocumentInfoOut:
    return schemas.DocumentInfoOut(
        id=info.id,
        title=info.title,
        publisher=info.publisher,
        published=info.published,
        url=info.url,
        source=info.source,
    )


def event_out(view: EventView, rule: str) -> schemas.EventOut:
    event = view.event
    return schemas.EventOut(
        id=event.id,
        kind=event.kind.value,
        title=event.title,
        attack_type=event.attack_type,
        suicide=event.suicide,
        date=date_out(event.date),
        place=place_out(event.place),
        perpetrators=[
            schemas.PerpetratorOut(actor_id=p.actor_id, name=p.name, statuses=list(p.statuses), documents=p.documents)
            for p in view.perpetrators
        ],
        figures={figure.kind: headline_out(figure.headline(rule)) for figure in view.figures},
        documents=len(view.documents),
        rule=rule,
    )


def conflict_out(conflict: ConflictView) -> schemas.ConflictOut:
    return schemas.ConflictOut(
        event_id=conflict.conflict.event_id,
        attribute=conflict.conflict.attribute,
        values=list(conflict.conflict.values),
        account_ids=list(conflict.conflict.account_ids),
        note=conflict.conflict.note,
        claims=[claim_out(claim) for claim in conflict.claims],
        evolution=[revision_out(revision) for revision in conflict.evolution],
    )


def account_out(account_view: AccountView) -> schemas.AccountOut:
    account, reason = account_view.account, account_view.reason
    return schemas.AccountOut(
        id=account.id,
        key=account_view.key,
        document_id=account.document_id,
        kind=account.kind.value,
        summary=account.summary,
        date=date_out(account.date),
        place=place_out(account.place),
        reason=schemas.ReasonOut(features=list(reason.features), score=reason.score, decided_by=reason.decided_by),
    )


def decision_out(decision: AnalystDecision) -> schemas.DecisionOut:
    return schemas.DecisionOut(
        id=decision.id,
        action=decision.action,
        account_keys=list(decision.account_keys),
        analyst=decision.analyst,
        reason=decision.reason,
        made_at=decision.made_at,
        target_event=decision.target_event,
    )


def note_out(note: Note) -> schemas.NoteOut:
    return schemas.NoteOut(event_id=note.event_id, analyst=note.analyst, text=note.text, made_at=note.made_at)


def event_detail_out(view: EventView, rule: str) -> schemas.EventDetailOut:
    base = event_out(view, rule)
    return schemas.EventDetailOut(
        **base.model_dump(),
        documents_info=[document_info_out(info) for info in view.documents],
        figure_details=[figure_out(figure, rule) for figure in view.figures],
        perpetrator_claims=[claim_out(claim) for p in view.perpetrators for claim in p.claims],
        conflicts=[conflict_out(conflict) for conflict in view.conflicts],
        accounts=[account_out(account) for account in view.accounts],
        decisions=[decision_out(decision) for decision in view.decisions],
        notes=[note_out(note) for note in view.notes],
    )


def actor_out(view: ActorView) -> schemas.ActorOut:
    actor = view.actor
    return schemas.ActorOut(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        aliases=list(actor.aliases),
        parent_id=actor.parent_id,
        country=actor.country,
        description=actor.description,
        origin=view.origin,
        events=view.events,
    )


def document_out(row: DocumentRow) -> schemas.DocumentOut:
    return schemas.DocumentOut(
        id=row.id,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
        url=row.url,
        source=row.source,
        published_source=row.published_source,
        language=row.language,
        format=row.format,
        size_chars=row.size_chars,
        ingested_at=row.ingested_at,
        near_duplicate_of=row.near_duplicate_of,
    )


def span_out(span: Span) -> schemas.SpanOut:
    return schemas.SpanOut(
        kind=span.kind, text=span.text, value=span.value, account_id=span.account_id, evidence=_evidence(span.evidence)
    )


def document_detail_out(
    row: DocumentRow, text: str, spans: Sequence[Span], events: Sequence[str]
) -> schemas.DocumentDetailOut:
    return schemas.DocumentDetailOut(
        **document_out(row).model_dump(), text=text, spans=[span_out(span) for span in spans], events=list(events)
    )
