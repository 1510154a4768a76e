"""Conversions between typed records and database rows: the only place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.model.records import (
    Account,
    DatePrecision,
    Document,
    EventDate,
    EventKind,
    Evidence,
    FigureClaim,
    FigureKind,
    FigureScope,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
    PlacePrecision,
)
from rashomon.model.types.figure import Qualifier, Quantity

PERPETRATOR = "perpetrator"

Row = Mapping[Any, Any]


def document_row(document: Document, minhash: bytes | None) -> dict[str, Any]:
    return {
        "id": document.id,
        "source": document.source,
        "format": document.format,
        "title": document.title,
        "publisher": document.publisher,
        "author": document.author,
        "url": document.url,
        "published": document.published,
        "published_source": document.published_source,
        "language": document.language,
        "content_hash": document.content_hash,
        "text": document.text,
        "size_chars": len(document.text),
        "ingested_at": document.ingested_at or dt.datetime.now(dt.UTC),
        "near_duplicate_of": document.near_duplicate_of,
        "minhash": minhash,
    }


def document_from_row(row: Row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        content_hash=row["content_hash"],
        source=row["source"],
        format=row["format"],
        title=row["title"],
        publisher=row["publisher"],
        author=row["author"],
        url=row["url"],
        published=row["published"],
        published_source=row["published_source"],
        language=row["language"],
        ingested_at=row["ingested_at"],
        near_duplicate_of=row["near_duplicate_of"],
    )


def evidence_json(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "document_id": evidence.document_id,
        "start": evidence.start,
        "end": evidence.end,
        "sentence_start": evidence.sentence_start,
        "sentence_end": evidence.sentence_end,
        "extractor": evidence.extractor,
        "version": evidence.version,
        "confidence": evidence.confidence,
    }


def evidence_from_json(data: Mapping[str, Any] | None) -> Evidence | None:
    if not data:
        return None
    return Evidence(**data)


def _anchor(account: Account) -> tuple[int, int]:
    if account.mentions:
        first = min(account.mentions, key=lambda m: m.start)
        return first.start, first.end
    spans = [f.evidence for f in account.figures] + [p.evidence for p in account.perpetrators]
    if spans:
        first = min(spans, key=lambda e: e.start)
        return first.sentence_start, first.sentence_end
    return 0, 0


def account_rows(account: Account) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(account row, claim rows, mention rows) for one account."""
    anchor_start, anchor_end = _anchor(account)
    date, place = account.date, account.place
    row: dict[str, Any] = {
        "id": account.id,
        "document_id": account.document_id,
        "kind": account.kind.value,
        "attack_type": account.attack_type,
        "weapon": account.weapon,
        "suicide": account.suicide,
        "target": account.target,
        "target_type": account.target_type,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision.value if date else None,
        "date_text": date.text if date else None,
        "date_basis": date.basis if date else None,
        "date_evidence": evidence_json(date.evidence) if date else None,
        "place_name": place.name if place else None,
        "place_site": place.site if place else None,
        "place_city": place.city if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_precision": place.precision.value if place else None,
        "place_geonameid": place.geonameid if place else None,
        "place_evidence": evidence_json(place.evidence) if place else None,
        "related_to": account.related_to,
        "summary": account.summary,
        "anchor_start": anchor_start,
        "anchor_end": anchor_end,
        "extractor": account.extractor,
        "version": account.version,
    }
    claims: list[dict[str, Any]] = []
    for figure in account.figures:
        claims.append(
            {
                **_evidence_columns(account, figure.evidence),
                "attribute": figure.kind.value,
                "value": figure.quantity.value,
                "low": figure.quantity.low,
                "high": figure.quantity.high,
                "qualifier": figure.quantity.qualifier.value,
                "scope": figure.scope.value,
                "text": figure.quantity.text,
                "actor_id": None,
                "status": None,
                "attributed_to": figure.attributed_to,
                "hedge": figure.hedge,
            }
        )
    for perpetrator in account.perpetrators:
        claims.append(
            {
                **_evidence_columns(account, perpetrator.evidence),
                "attribute": PERPETRATOR,
                "value": None,
                "low": None,
                "high": None,
                "qualifier": None,
                "scope": None,
                "text": perpetrator.name,
                "actor_id": perpetrator.actor_id,
                "status": perpetrator.status.value,
                "attributed_to": perpetrator.attributed_to,
                "hedge": perpetrator.hedge,
            }
        )
    mentions = [
        {
            "account_id": account.id,
            "document_id": m.document_id,
            "start": m.start,
            "end": m.end,
            "sentence_start": m.sentence_start,
            "sentence_end": m.sentence_end,
            "extractor": m.extractor,
            "version": m.version,
        }
        for m in account.mentions
    ]
    return row, claims, mentions


def _evidence_columns(account: Account, evidence: Evidence) -> dict[str, Any]:
    return {
        "account_id": account.id,
        "document_id": evidence.document_id,
        "start": evidence.start,
        "end": evidence.end,
        "sentence_start": evidence.sentence_start,
        "sentence_end": evidence.sentence_end,
        "extractor": evidence.extractor,
        "version": evidence.version,
        "confidence": evidence.confidence,
    }


def claim_evidence(row: Row) -> Evidence:
    return Evidence(
        document_id=row["document_id"],
        start=row["start"],
        end=row["end"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        extractor=row["extractor"],
        version=row["version"],
        confidence=row["confidence"],
    )


def account_from_rows(row: Row, claim_rows: Sequence[Row], mention_rows: Sequence[Row]) -> Account:
    date = None
    if row["date_start"] is not None:
        date = EventDate(
            start=row["date_start"],
            end=row["date_end"] or row["date_start"],
            precision=DatePrecision(row["date_precision"]),
            text=row["date_text"] or "",
            basis=row["date_basis"] or "explicit",
            evidence=evidence_from_json(row["date_evidence"]),
        )
    place = None
    if row["place_name"] is not None:
        place = Place(
            name=row["place_name"],
            country=row["place_country"],
            precision=PlacePrecision(row["place_precision"]),
            city=row["place_city"],
            admin1=row["place_admin1"],
            site=row["place_site"],
            lat=row["place_lat"],
            lon=row["place_lon"],
            geonameid=row["place_geonameid"],
            evidence=evidence_from_json(row["place_evidence"]),
        )
    figures = []
    perpetrators = []
    for claim in claim_rows:
        if claim["attribute"] == PERPETRATOR:
            perpetrators.append(
                PerpetratorClaim(
                    name=claim["text"],
                    actor_id=claim["actor_id"],
                    status=PerpetratorStatus(claim["status"]),
                    evidence=claim_evidence(claim),
                    attributed_to=claim["attributed_to"],
                    hedge=claim["hedge"],
                )
            )
        else:
            figures.append(
                FigureClaim(
                    kind=FigureKind(claim["attribute"]),
                    quantity=Quantity(
                        value=claim["value"],
                        low=claim["low"],
                        high=claim["high"],
                        qualifier=Qualifier(claim["qualifier"]),
                        text=claim["text"],
                    ),
                    evidence=claim_evidence(claim),
                    scope=FigureScope(claim["scope"] or FigureScope.EVENT.value),
                    attributed_to=claim["attributed_to"],
                    hedge=claim["hedge"],
                )
            )
    mentions = tuple(
        Evidence(
            document_id=m["document_id"],
            start=m["start"],
            end=m["end"],
            sentence_start=m["sentence_start"],
            sentence_end=m["sentence_end"],
            extractor=m["extractor"],
            version=m["version"],
        )
        for m in mention_rows
    )
    return Account(
        id=row["id"],
        document_id=row["document_id"],
        kind=EventKind(row["kind"]),
        extractor=row["extractor"],
        version=row["version"],
        attack_type=row["attack_type"],
        weapon=row["weapon"],
        suicide=row["suicide"],
        target=row["target"],
        target_type=row["target_type"],
        date=date,
        place=place,
        perpetrators=tuple(perpetrators),
        figures=tuple(figures),
        mentions=mentions,
        related_to=row["related_to"],
        summary=row["summary"],
    )
