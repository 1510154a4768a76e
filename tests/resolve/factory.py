"""Hand-built accounts, documents and actors for resolve tests (our own words, realistic values)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rashomon.model.records import (
    Account,
    Actor,
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
from rashomon.resolve.catalogue import ActorCatalogue

ACTORS = (
    Actor("islamic-state", "Islamic State", "armed_group", ("IS", "ISIS", "ISIL", "Daesh", "Islamic State group")),
    Actor("iskp", "Islamic State Khorasan Province", "armed_group", ("ISKP", "IS-K", "ISIS-K"), "islamic-state"),
    Actor("amaq", "Amaq News Agency", "media_outlet", ("Amaq",), "islamic-state"),
    Actor("jaish-al-adl", "Jaish al-Adl", "armed_group", ("Army of Justice",)),
    Actor("lashkar-e-taiba", "Lashkar-e-Taiba", "armed_group", ("LeT",)),
    Actor("lashkar-e-jhangvi", "Lashkar-e-Jhangvi", "armed_group", ("LeJ",)),
    Actor("al-shabaab", "al-Shabaab", "armed_group", ("Harakat al-Shabaab al-Mujahideen",)),
    Actor("israel", "Israel", "state", ("Israeli government",)),
)


def catalogue() -> ActorCatalogue:
    return ActorCatalogue(ACTORS)


def document(doc_id: str, text: str = "", published: dt.date | None = None, hours: int = 0) -> Document:
    body = text or f"Report {doc_id}. " + "Some words about what happened. " * 20
    return Document(
        id=doc_id,
        text=body,
        content_hash=f"hash-{doc_id}",
        source=f"/tmp/{doc_id}.txt",
        format="txt",
        title=f"Report {doc_id}",
        published=published,
        ingested_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC) + dt.timedelta(hours=hours),
    )


def ev(doc_id: str, start: int = 0, end: int = 10, sentence: tuple[int, int] | None = None) -> Evidence:
    s_start, s_end = sentence or (start, end)
    return Evidence(doc_id, start, end, s_start, s_end, "test", "1")


def day(iso: str, *, basis: str = "explicit") -> EventDate:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        value = dt.date(*parts)
        return EventDate(value, value, DatePrecision.DAY, iso, basis)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return EventDate(first, nxt - dt.timedelta(days=1), DatePrecision.MONTH, iso, basis)
    return EventDate(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), DatePrecision.YEAR, iso, basis)


def city(name: str, country: str, admin1: str | None = None, site: str | None = None) -> Place:
    return Place(
        name=site or name,
        country=country,
        precision=PlacePrecision.SITE if site else PlacePrecision.CITY,
        city=name,
        admin1=admin1,
        site=site,
    )


def province(name: str, country: str) -> Place:
    return Place(name=name, country=country, precision=PlacePrecision.ADMIN1, admin1=name)


def country(code: str) -> Place:
    return Place(name=code, country=code, precision=PlacePrecision.COUNTRY)


def killed(
    doc_id: str,
    value: int,
    *,
    start: int = 40,
    qualifier: Qualifier = Qualifier.EXACT,
    text: str | None = None,
    low: int | None = None,
    high: int | None = None,
    speaker: str | None = None,
    hedge: str | None = None,
    scope: FigureScope = FigureScope.EVENT,
    kind: FigureKind = FigureKind.KILLED,
) -> FigureClaim:
    quantity = Quantity(value, value if low is None else low, high, qualifier, text or str(value))
    return FigureClaim(
        kind,
        quantity,
        ev(doc_id, start, start + 5, (max(0, start - 20), start + 30)),
        scope,
        attributed_to=speaker,
        hedge=hedge,
    )


def perp(
    doc_id: str,
    name: str,
    actor_id: str | None = None,
    status: PerpetratorStatus = PerpetratorStatus.ATTRIBUTED,
    *,
    start: int = 80,
    speaker: str | None = None,
) -> PerpetratorClaim:
    return PerpetratorClaim(name, actor_id, status, ev(doc_id, start, start + len(name)), attributed_to=speaker)


def account(
    account_id: str,
    doc_id: str,
    *,
    kind: EventKind = EventKind.ATTACK,
    date: EventDate | None = None,
    place: Place | None = None,
    figures: Sequence[FigureClaim] = (),
    perpetrators: Sequence[PerpetratorClaim] = (),
    anchor: tuple[int, int] = (0, 30),
    summary: str | None = None,
    attack_type: str | None = None,
    suicide: bool | None = None,
    related_to: str | None = None,
    target: str | None = None,
) -> Account:
    return Account(
        id=account_id,
        document_id=doc_id,
        kind=kind,
        extractor="test",
        version="1",
        attack_type=attack_type,
        suicide=suicide,
        target=target,
        date=date,
        place=place,
        perpetrators=tuple(perpetrators),
        figures=tuple(figures),
        mentions=(ev(doc_id, anchor[0], anchor[1]),),
        related_to=related_to,
        summary=summary,
    )
