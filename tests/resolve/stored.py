"""Reports written for these tests (our own words), their accounts with real spans, and a stored scene.

Every span points at the words it names in the report text, so tests can check that an
exported claim's offsets cut exactly those words out of the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model.records import (
    Account,
    EventDate,
    EventKind,
    Evidence,
    FigureClaim,
    FigureKind,
    FigureScope,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
)
from rashomon.model.types.figure import Qualifier, Quantity
from rashomon.resolve.views import ResolutionReport
from rashomon.store import Store
from rashomon.store.events import resolve_store
from tests.resolve.factory import catalogue, city, day, document

EXTRACTOR = "test"


@dataclass(frozen=True)
class Report:
    """One report's text and publication date; builds evidence, claims and accounts from phrases in it."""

    id: str
    text: str
    published: dt.date | None = None
    hours: int = 0

    def span(self, phrase: str) -> Evidence:
        start = self.text.index(phrase)
        end = start + len(phrase)
        sentence_start = self.text.rfind(". ", 0, start)
        sentence_start = 0 if sentence_start == -1 else sentence_start + 2
        sentence_end = self.text.find(".", end)
        sentence_end = len(self.text) if sentence_end == -1 else sentence_end + 1
        return Evidence(self.id, start, end, sentence_start, sentence_end, EXTRACTOR, "1")

    def figure(
        self,
        phrase: str,
        value: int,
        *,
        kind: FigureKind = FigureKind.KILLED,
        qualifier: Qualifier = Qualifier.EXACT,
        speaker: str | None = None,
        hedge: str | None = None,
        scope: FigureScope = FigureScope.EVENT,
    ) -> FigureClaim:
        high = None if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN) else value
        quantity = Quantity(value, value, high, qualifier, phrase)
        return FigureClaim(kind, quantity, self.span(phrase), scope, attributed_to=speaker, hedge=hedge)

    def perp(
        self,
        phrase: str,
        actor_id: str | None,
        status: PerpetratorStatus = PerpetratorStatus.ATTRIBUTED,
        *,
        speaker: str | None = None,
    ) -> PerpetratorClaim:
        return PerpetratorClaim(phrase, actor_id, status, self.span(phrase), attributed_to=speaker)

    def account(
        self,
        number: int,
        anchor: str,
        *,
        kind: EventKind = EventKind.ATTACK,
        date: EventDate | None = None,
        place: Place | None = None,
        figures: Sequence[FigureClaim] = (),
        perpetrators: Sequence[PerpetratorClaim] = (),
        attack_type: str | None = None,
        suicide: bool | None = None,
        related_to: str | None = None,
        run: str = "v1",
    ) -> Account:
        mention = self.span(anchor)
        return Account(
            id=f"{self.id}/{run}#{number}",
            document_id=self.id,
            kind=kind,
            extractor=EXTRACTOR,
            version="1",
            attack_type=attack_type,
            suicide=suicide,
            date=date,
            place=place,
            perpetrators=tuple(perpetrators),
            figures=tuple(figures),
            mentions=(mention,),
            related_to=related_to,
            summary=self.text[mention.sentence_start : mention.sentence_end],
        )


MARKET_1 = Report(
    "wire-1",
    "A car bomb exploded at a busy market in Mogadishu on 2 March 2021. Police said at least 12 people were "
    "killed and 30 were wounded. The group al-Shabaab claimed responsibility for the market blast. "
    "Some commentators blamed the Israeli government, without evidence.",
    published=dt.date(2021, 3, 3),
)
MARKET_2 = Report(
    "paper-2",
    "Officials raised the toll of the market bombing in Mogadishu on 2 March 2021 to 16 dead. The health "
    "ministry said 41 people were hurt. Security officials blamed al-Shabaab for the car bomb.",
    published=dt.date(2021, 3, 5),
    hours=1,
)
MARKET_NEXT_YEAR = Report(
    "wire-3",
    "A car bomb exploded at a busy market in Mogadishu on 2 March 2022. Police said 12 people were killed.",
    published=dt.date(2022, 3, 3),
    hours=2,
)
CHECKPOINT = Report(
    "desk-4",
    "Gunmen attacked a police checkpoint in Kismayo on 2 March 2021, killing four officers.",
    published=dt.date(2021, 3, 3),
    hours=3,
)


def market_accounts(report: Report, *, run: str = "v1") -> list[Account]:
    """The accounts each report gives; `run` changes the account ids as a new extraction would."""
    when = day("2021-03-02")
    where = city("Mogadishu", "SO", "Banaadir")
    if report is MARKET_1:
        main = report.account(
            1,
            "A car bomb exploded at a busy market in Mogadishu",
            date=when,
            place=where,
            attack_type="Bombing/Explosion",
            suicide=False,
            figures=[
                report.figure("at least 12", 12, qualifier=Qualifier.AT_LEAST, speaker="Police"),
                report.figure("30", 30, kind=FigureKind.INJURED, speaker="Police"),
            ],
            perpetrators=[report.perp("Israeli government", "israel", PerpetratorStatus.ACCUSED)],
            run=run,
        )
        claim = report.account(
            2,
            "The group al-Shabaab claimed responsibility",
            kind=EventKind.CLAIM_OF_RESPONSIBILITY,
            perpetrators=[report.perp("al-Shabaab", "al-shabaab", PerpetratorStatus.CLAIMED)],
            related_to=main.id,
            run=run,
        )
        return [main, claim]
    if report is MARKET_2:
        return [
            report.account(
                1,
                "the market bombing in Mogadishu on 2 March 2021",
                date=when,
                place=where,
                attack_type="Bombing/Explosion",
                figures=[
                    report.figure("16", 16, speaker="Officials"),
                    report.figure("41", 41, kind=FigureKind.INJURED, speaker="The health ministry"),
                ],
                perpetrators=[report.perp("al-Shabaab", "al-shabaab", speaker="Security officials")],
                run=run,
            )
        ]
    if report is MARKET_NEXT_YEAR:
        return [
            report.account(
                1,
                "A car bomb exploded at a busy market in Mogadishu",
                date=day("2022-03-02"),
                place=where,
                attack_type="Bombing/Explosion",
                figures=[report.figure("12", 12, speaker="Police")],
                run=run,
            )
        ]
    return [
        report.account(
            1,
            "Gunmen attacked a police checkpoint in Kismayo",
            date=when,
            place=city("Kismayo", "SO", "Jubaland"),
            attack_type="Armed Assault",
            figures=[report.figure("four", 4)],
            run=run,
        )
    ]


SCENE = (MARKET_1, MARKET_2, MARKET_NEXT_YEAR, CHECKPOINT)


def store_reports(store: Store, reports: Sequence[Report] = SCENE, *, run: str = "v1") -> None:
    """Add the documents (first time only) and replace their accounts, as the pipeline does per document."""
    for report in reports:
        if not store.has_document(report.id):
            store.add_document(document(report.id, report.text, report.published, report.hours))
        store.replace_accounts(report.id, EXTRACTOR, "1", market_accounts(report, run=run))


def resolve(store: Store) -> ResolutionReport:
    return resolve_store(store, vocabulary=catalogue())


def build_scene(store: Store, reports: Sequence[Report] = SCENE) -> ResolutionReport:
    store_reports(store, reports)
    return resolve(store)
