"""Hand-built reports and accounts for the serve tests: a real store without running spaCy.

The texts are our own words. Every span is found in its text by the words it covers, so the
offsets are real and the highlighting tests check what a reader would see. The store is then
resolved by the real `resolve_store`, so events, conflicts and actors are the genuine article.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from rashomon.model.records import (
    Account,
    DatePrecision,
    Document,
    EventDate,
    EventKind,
    Evidence,
    FigureClaim,
    FigureKind,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
    PlacePrecision,
)
from rashomon.model.types.figure import Qualifier, Quantity
from rashomon.store import Store
from rashomon.store.events import resolve_store

XSS_TITLE = "Blast <script>alert(1)</script> at depot <img src=x onerror=alert(1)>"

REPORTS = {
    "bridge-1": (
        "Bomb wrecks bus near river bridge",
        dt.date(2022, 9, 4),
        "Valley Courier",
        "A roadside bomb hit a passenger bus near the river bridge in Kirkuk on Sunday, killing 9 people, "
        "police said. The provincial governor said 20 people were wounded.\n\n"
        "Islamic State claimed the bombing in a statement.",
    ),
    "bridge-2": (
        "Bridge bus bombing toll climbs",
        dt.date(2022, 9, 6),
        "Plains Herald",
        "Hospital officials said on Tuesday that 12 people died after the bus bombing near the river bridge "
        "in Kirkuk. A doctor said 26 were still being treated.",
    ),
    "depot-1": (
        XSS_TITLE,
        dt.date(2023, 1, 15),
        "<b>Bold Press</b>",
        "An explosion struck a fuel depot in Basra on Sunday <script>alert(1)</script>, killing 4 workers, "
        "a company spokesman said. <img src=x onerror=alert(1)> Nobody claimed it.",
    ),
}


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    stop_before = text.rfind(". ", 0, start)
    left = max(stop_before + 2 if stop_before != -1 else 0, text.rfind("\n", 0, start) + 1)
    stop = text.find(".", end)
    return left, (stop + 1 if stop != -1 else len(text))


def span(doc_id: str, words: str) -> Evidence:
    text = REPORTS[doc_id][3]
    start = text.index(words)
    end = start + len(words)
    sentence_start, sentence_end = _sentence(text, start, end)
    return Evidence(doc_id, start, end, sentence_start, sentence_end, "serve-test", "1")


def _figure(doc_id: str, kind: FigureKind, words: str, value: int, speaker: str | None = None) -> FigureClaim:
    quantity = Quantity(value, value, value, Qualifier.EXACT, str(value))
    return FigureClaim(kind, quantity, span(doc_id, words), attributed_to=speaker)


def _day(value: dt.date, doc_id: str, words: str) -> EventDate:
    return EventDate(value, value, DatePrecision.DAY, words, "relative", span(doc_id, words))


def _city(name: str, country: str, lat: float, lon: float, doc_id: str) -> Place:
    return Place(name, country, PlacePrecision.CITY, city=name, lat=lat, lon=lon, evidence=span(doc_id, name))


def _account(doc_id: str, number: int, **fields: object) -> Account:
    text = REPORTS[doc_id][3]
    first = text.split(". ")[0]
    return Account(
        id=f"{doc_id}#{number}",
        document_id=doc_id,
        kind=EventKind.ATTACK,
        extractor="serve-test",
        version="1",
        attack_type="Bombing/Explosion",
        mentions=(span(doc_id, first),),
        summary=first,
        **fields,  # type: ignore[arg-type]
    )


def accounts() -> dict[str, list[Account]]:
    bridge_day = dt.date(2022, 9, 4)
    return {
        "bridge-1": [
            _account(
                "bridge-1",
                1,
                date=_day(bridge_day, "bridge-1", "Sunday"),
                place=_city("Kirkuk", "IQ", 35.47, 44.39, "bridge-1"),
                figures=(
                    _figure("bridge-1", FigureKind.KILLED, "9", 9, "police"),
                    _figure("bridge-1", FigureKind.INJURED, "20", 20, "The provincial governor"),
                ),
                perpetrators=(
                    PerpetratorClaim(
                        "Islamic State", "islamic-state", PerpetratorStatus.CLAIMED, span("bridge-1", "Islamic State")
                    ),
                ),
            )
        ],
        "bridge-2": [
            _account(
                "bridge-2",
                1,
                date=EventDate(bridge_day, bridge_day, DatePrecision.DAY, "the bus bombing", "context"),
                place=_city("Kirkuk", "IQ", 35.47, 44.39, "bridge-2"),
                figures=(
                    _figure("bridge-2", FigureKind.KILLED, "12", 12, "Hospital officials"),
                    _figure("bridge-2", FigureKind.INJURED, "26", 26, "A doctor"),
                ),
            )
        ],
        "depot-1": [
            _account(
                "depot-1",
                1,
                date=_day(dt.date(2023, 1, 15), "depot-1", "Sunday"),
                place=_city("Basra", "IQ", 30.51, 47.78, "depot-1"),
                figures=(_figure("depot-1", FigureKind.KILLED, "4", 4, "a company spokesman"),),
            )
        ],
    }


def document(doc_id: str) -> Document:
    title, published, publisher, text = REPORTS[doc_id]
    return Document(
        id=doc_id,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        source=f"/fixtures/{doc_id}.txt",
        format="txt",
        title=title,
        publisher=publisher,
        published=published,
        published_source="metadata",
        language="en",
        ingested_at=dt.datetime(2023, 2, 1, tzinfo=dt.UTC),
    )


def build(store: Store) -> Store:
    """Store the three reports and their accounts, then resolve: two events, one with conflicts."""
    for doc_id in REPORTS:
        store.add_document(document(doc_id))
    for doc_id, found in accounts().items():
        store.replace_accounts(doc_id, "serve-test", "1", found)
    resolve_store(store)
    return store
