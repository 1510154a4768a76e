"""Serve stage: the evidence spans of a document or an event, ready to highlight or list.

Consumes accounts (a document's, from `Store.accounts`) or an `EventView` (its claims and
accounts); produces `Span` records, one per figure, perpetrator, place or date an account
states, each with its exact character offsets into the document text, and turns them into
`highlight.Mark`s. Nothing is re-extracted here: every span is one the extractor stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rashomon.model.records import Account, Evidence, FigureScope
from rashomon.resolve.views import ClaimView, EventView
from rashomon.serve.highlight import Mark

PLACE = "place"
DATE = "date"
PERPETRATOR = "perpetrator"


@dataclass(frozen=True, slots=True)
class Span:
    """One stated value and where its words are."""

    kind: str  # a figure kind, perpetrator, place or date
    text: str  # the words as the report wrote them
    value: str  # the value read from them
    account_id: str
    evidence: Evidence
    detail: str = ""  # speaker, hedge, status: what the tooltip adds


def css_of(kind: str) -> str:
    """The highlight class of a span kind: figures share one family, entities get their own."""
    if kind in (PLACE, DATE, PERPETRATOR):
        return f"hl hl-{kind}"
    return f"hl hl-figure hl-{kind}"


def account_spans(accounts: Iterable[Account], text: str) -> list[Span]:
    """Every span the accounts of one document state, in text order."""
    spans: list[Span] = []
    for account in accounts:
        for figure in account.figures:
            scope = figure.scope.value if figure.scope is not FigureScope.EVENT else None
            detail = ", ".join(x for x in (figure.attributed_to, figure.hedge, scope) if x)
            spans.append(
                Span(
                    figure.kind.value,
                    _cut(text, figure.evidence),
                    str(figure.quantity.value),
                    account.id,
                    figure.evidence,
                    detail,
                )
            )
        for perpetrator in account.perpetrators:
            detail = ", ".join(x for x in (perpetrator.status.value, perpetrator.attributed_to, perpetrator.hedge) if x)
            spans.append(
                Span(
                    PERPETRATOR,
                    _cut(text, perpetrator.evidence),
                    perpetrator.name,
                    account.id,
                    perpetrator.evidence,
                    detail,
                )
            )
        if account.place is not None and account.place.evidence is not None:
            value = ", ".join(x for x in (account.place.site, account.place.city, account.place.country) if x)
            spans.append(
                Span(
                    PLACE,
                    _cut(text, account.place.evidence),
                    value or account.place.name,
                    account.id,
                    account.place.evidence,
                )
            )
        if account.date is not None and account.date.evidence is not None:
            spans.append(
                Span(
                    DATE,
                    _cut(text, account.date.evidence),
                    account.date.iso(),
                    account.id,
                    account.date.evidence,
                    account.date.basis,
                )
            )
    spans.sort(key=lambda s: (s.evidence.start, s.evidence.end, s.kind))
    return _unique(spans)


def _unique(spans: Sequence[Span]) -> list[Span]:
    seen: set[tuple[str, int, int, str]] = set()
    kept = []
    for span in spans:
        key = (span.kind, span.evidence.start, span.evidence.end, span.value)
        if key not in seen:
            seen.add(key)
            kept.append(span)
    return kept


def _cut(text: str, evidence: Evidence) -> str:
    return text[evidence.start : evidence.end]


def event_claims(view: EventView) -> list[ClaimView]:
    """Every figure and perpetrator claim of an event, in the order the page lists them."""
    claims = [claim for figure in view.figures for claim in figure.claims]
    claims += [claim for perpetrator in view.perpetrators for claim in perpetrator.claims]
    return claims


def claim_anchor(index: int) -> str:
    return f"claim-{index}"


def event_marks(view: EventView, document_id: str) -> list[Mark]:
    """Marks for one document of an event: each claim's sentence and words, then dates and places."""
    marks: list[Mark] = []
    for index, claim in enumerate(event_claims(view)):
        evidence = claim.evidence
        if evidence is None or evidence.document_id != document_id:
            continue
        marks.append(Mark(evidence.sentence_start, evidence.sentence_end, "evidence-sentence", sentence=True))
        label = f"{claim.attribute}: {claim.value}"
        if claim.attributed_to:
            label += f" (according to {claim.attributed_to})"
        marks.append(Mark(evidence.start, evidence.end, css_of(claim.attribute), label, anchor=claim_anchor(index)))
    for account_view in view.accounts:
        account = account_view.account
        if account.document_id != document_id:
            continue
        for kind, found in ((PLACE, account.place), (DATE, account.date)):
            evidence = found.evidence if found is not None else None
            if evidence is not None:
                marks.append(Mark(evidence.start, evidence.end, css_of(kind), f"{kind}: {_value_of(found)}"))
    return marks


def _value_of(found: object) -> str:
    iso = getattr(found, "iso", None)
    if callable(iso):
        return str(iso())
    return str(getattr(found, "name", ""))


def document_marks(spans: Sequence[Span]) -> list[Mark]:
    """Marks for a document page: every stated value, labelled with what was read from it."""
    marks = []
    for index, span in enumerate(spans):
        label = f"{span.kind}: {span.value}" + (f" ({span.detail})" if span.detail else "")
        marks.append(Mark(span.evidence.start, span.evidence.end, css_of(span.kind), label, anchor=f"span-{index}"))
    return marks
