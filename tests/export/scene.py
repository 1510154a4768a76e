"""A stored scene for the exporters: a border ambush told three ways (our own words), plus the market scene.

The ambush has coordinates, publishers and URLs, a claim of responsibility, an accusation the
accused denies, two killed figures from two speakers (a conflict) and a target and weapon type,
so every exporter has attributions, disagreements and sources to write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rashomon.model.records import Account, Document, EventKind, FigureKind, PerpetratorStatus, Place, PlacePrecision
from rashomon.model.types.figure import Qualifier
from rashomon.store import Store
from rashomon.store.events import load_events
from tests.resolve.factory import day
from tests.resolve.stored import EXTRACTOR, Report, resolve, store_reports

AMBUSH_1 = Report(
    "border-1",
    "Gunmen ambushed a border patrol near Saravan on 9 May 2023. The provincial governor said five guards "
    "were killed and three were wounded. Jaish al-Adl claimed responsibility on its channel.",
    published=dt.date(2023, 5, 10),
    hours=10,
)
AMBUSH_2 = Report(
    "border-2",
    "Seven border guards died in the ambush near Saravan on 9 May 2023, state television reported. "
    "A senior commander blamed Israel for arming the attackers.",
    published=dt.date(2023, 5, 11),
    hours=11,
)
AMBUSH_3 = Report(
    "border-3",
    "Israel denied any role in the ambush near Saravan on 9 May 2023 that killed seven guards.",
    published=dt.date(2023, 5, 12),
    hours=12,
)
SARAVAN = Place(
    name="Saravan",
    country="IR",
    precision=PlacePrecision.CITY,
    city="Saravan",
    admin1="Sistan and Baluchestan",
    lat=27.37,
    lon=62.33,
)
PUBLISHERS = {
    AMBUSH_1.id: ("Frontier Wire", "https://news.example/frontier/ambush"),
    AMBUSH_2.id: ("State <TV> Monitor", "https://news.example/monitor/ambush"),
    AMBUSH_3.id: ("Daily Ledger", None),
}


def ambush_accounts(report: Report) -> list[Account]:
    when = day("2023-05-09")
    if report is AMBUSH_1:
        main = report.account(
            1,
            "Gunmen ambushed a border patrol near Saravan",
            date=when,
            place=SARAVAN,
            attack_type="Armed Assault",
            suicide=False,
            figures=[
                report.figure("five", 5, speaker="The provincial governor"),
                report.figure("three", 3, kind=FigureKind.INJURED, speaker="The provincial governor"),
            ],
        )
        claim = report.account(
            2,
            "Jaish al-Adl claimed responsibility",
            kind=EventKind.CLAIM_OF_RESPONSIBILITY,
            perpetrators=[report.perp("Jaish al-Adl", "jaish-al-adl", PerpetratorStatus.CLAIMED)],
            related_to=main.id,
        )
        return [replace(main, target_type="Police", weapon="Firearms"), claim]
    if report is AMBUSH_2:
        main = report.account(
            1,
            "the ambush near Saravan on 9 May 2023",
            date=when,
            place=SARAVAN,
            attack_type="Armed Assault",
            figures=[report.figure("Seven", 7, speaker="state television", qualifier=Qualifier.EXACT)],
            perpetrators=[
                report.perp("Israel", "israel", PerpetratorStatus.ACCUSED, speaker="A senior commander"),
            ],
        )
        return [replace(main, target_type="Police", weapon="Firearms")]
    return [
        report.account(
            1,
            "the ambush near Saravan on 9 May 2023",
            date=when,
            place=SARAVAN,
            attack_type="Armed Assault",
            figures=[report.figure("seven", 7)],
            perpetrators=[report.perp("Israel", "israel", PerpetratorStatus.DENIED)],
        )
    ]


AMBUSH = (AMBUSH_1, AMBUSH_2, AMBUSH_3)


def build_export_scene(store: Store, *, market: bool = True) -> str:
    """Store the ambush (and the market scene), resolve, and return the ambush's event id."""
    for report in AMBUSH:
        publisher, url = PUBLISHERS[report.id]
        store.add_document(
            Document(
                id=report.id,
                text=report.text,
                content_hash=f"hash-{report.id}",
                source=f"/reports/{report.id}.txt",
                format="txt",
                title=f"Ambush report {report.id}",
                publisher=publisher,
                url=url,
                published=report.published,
                ingested_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC) + dt.timedelta(hours=report.hours),
            )
        )
        store.replace_accounts(report.id, EXTRACTOR, "1", ambush_accounts(report))
    if market:
        store_reports(store)
    resolve(store)
    return next(view.id for view in load_events(store, country="IR") if view.event.kind.value == "attack")
