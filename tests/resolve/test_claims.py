"""Claim views of one event: a claim-of-responsibility record repeats words of its event's account."""

from __future__ import annotations

from rashomon.model.records import EventKind, FigureKind, PerpetratorStatus
from rashomon.resolve.actors import resolve_actors
from rashomon.resolve.claims import event_claims
from tests.resolve.factory import account, catalogue, day, killed, perp

CLAIMED = PerpetratorStatus.CLAIMED


def test_a_span_told_by_the_event_and_by_its_claim_record_is_one_claim() -> None:
    claimant = perp("d1", "Boko Haram", "boko-haram", CLAIMED, start=120)
    attack = account("d1#0", "d1", date=day("2019-05-03"), perpetrators=[claimant], figures=[killed("d1", 9)])
    record = account(
        "d1#110", "d1", kind=EventKind.CLAIM_OF_RESPONSIBILITY, date=day("2019-05-05"),
        perpetrators=[claimant], related_to="d1#0",
    )  # fmt: skip
    arrest = account(
        "d1#200", "d1", kind=EventKind.ARREST, related_to="d1#0",
        figures=[killed("d1", 12, start=210, kind=FigureKind.ARRESTED)],
    )  # fmt: skip
    accounts = [attack, record, arrest]
    resolution = resolve_actors((c for a in accounts for c in a.perpetrators), catalogue())
    claims = event_claims(accounts, {}, resolution, describing={"d1#0"})
    assert [(v.value, v.account_id) for v in claims.of("perpetrator")] == [("Boko Haram (claimed)", "d1#0")]
    assert [v.value for v in claims.of("killed")] == ["9"]
    assert [v.value for v in claims.of("arrested")] == ["12"]
    assert [v.value for v in claims.of("date")] == ["2019-05-03"]


def test_the_same_words_in_two_documents_are_two_claims() -> None:
    first = account("d1#0", "d1", perpetrators=[perp("d1", "Boko Haram", "boko-haram", CLAIMED)])
    second = account("d2#0", "d2", perpetrators=[perp("d2", "Boko Haram", "boko-haram", CLAIMED)])
    resolution = resolve_actors((c for a in (first, second) for c in a.perpetrators), catalogue())
    claims = event_claims([first, second], {}, resolution)
    assert len(claims.of("perpetrator")) == 2
