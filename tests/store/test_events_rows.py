"""Row conversions of resolved records, and the replay rules of analyst decisions, without a pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.errors import NotFound
from rashomon.model.records import AnalystDecision, Conflict, Event, EventKind, MergeReason
from rashomon.resolve.decisions import APART, MERGE, SPLIT, AnchoredAccount, KeyIndex, constraints_from
from rashomon.store import Store
from rashomon.store.event_rows import (
    conflict_from_row,
    conflict_row,
    decision_from_row,
    decision_row,
    event_account_rows,
    event_from_rows,
    event_row,
)
from rashomon.store.events import load_event, load_events
from tests.resolve.factory import city, day
from tests.resolve.stored import MARKET_2, build_scene


def test_event_row_round_trip_keeps_resolved_fields() -> None:
    event = Event(
        id="ev-1",
        kind=EventKind.STRIKE,
        account_ids=("a#1", "b#1"),
        reasons=(MergeReason("a#1", ("first",), 0.0), MergeReason("b#1", ("date:same-day",), 4.5, "Ana")),
        attack_type="Assassination",
        suicide=None,
        date=day("2020-01"),
        place=city("Baghdad", "IQ", "Baghdad"),
        perpetrator_ids=("x-someone",),
        title="Targeted strike in Baghdad, Iraq, January 2020",
    )
    back = event_from_rows(event_row(event, dt.datetime.now(dt.UTC)), event_account_rows(event))
    assert back.reasons == event.reasons and back.account_ids == event.account_ids
    assert back.date is not None and event.date is not None
    assert (back.date.start, back.date.end, back.date.precision, back.date.text) == (
        event.date.start,
        event.date.end,
        event.date.precision,
        "2020-01",
    )
    assert back.place is not None and (back.place.city, back.place.admin1, back.place.country) == (
        "Baghdad",
        "Baghdad",
        "IQ",
    )
    assert (back.kind, back.attack_type, back.perpetrator_ids, back.title) == (
        event.kind,
        event.attack_type,
        event.perpetrator_ids,
        event.title,
    )


def test_conflict_and_decision_rows_round_trip() -> None:
    conflict = Conflict("ev-1", "killed", ("12", "16"), ("a#1", "b#1"), "two figures")
    assert conflict_from_row({**conflict_row(conflict), "id": 1}) == conflict
    decision = AnalystDecision(
        "dec-1", SPLIT, ("d@0-9", "!e@3-7"), "Ana", "why", dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    )
    naive = {**decision_row(decision), "made_at": dt.datetime(2024, 5, 1)}  # SQLite hands back naive times
    assert decision_from_row(naive) == decision


def _index(*keys: tuple[str, str, int, int]) -> KeyIndex:
    return KeyIndex(AnchoredAccount(account, doc, (a, b), ((a, b),)) for account, doc, a, b in keys)


def test_constraints_split_keeps_both_sides_together_and_merge_undoes_it() -> None:
    index = _index(("x", "d", 0, 10), ("y", "d", 20, 30), ("z", "e", 0, 10))
    at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    split = AnalystDecision("s", SPLIT, ("e@0-10", APART + "d@0-10", APART + "d@20-30"), "Ana", "r", at)
    result = constraints_from([split], index)
    assert result.must == [frozenset({"x", "y"})]
    assert result.forbids("x", "z") and result.forbids("y", "z")
    merge = AnalystDecision("m", MERGE, ("d@0-10", "d@20-30", "e@0-10"), "Bo", "r", at + dt.timedelta(hours=1))
    again = constraints_from([merge, split][::-1], index)
    assert again.must == [frozenset({"x", "y", "z"})]
    assert not again.forbids("x", "z")
    assert again.decided_by["z"] == ("Bo", "m")
    shifted = _index(("x2", "d", 1, 11), ("y2", "d", 21, 29), ("z2", "e", 2, 10))
    assert constraints_from([split], shifted).must == [frozenset({"x2", "y2"})], "keys follow re-extracted spans"


def test_events_whose_accounts_all_went_are_not_shown(store: Store) -> None:
    build_scene(store, [MARKET_2])
    (view,) = load_events(store)
    store.replace_accounts(MARKET_2.id, "test", "1", [])
    assert load_events(store) == []
    with pytest.raises(NotFound):
        load_event(store, view.id)
