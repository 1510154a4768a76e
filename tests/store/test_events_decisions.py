"""Analyst merges, splits and notes: applied at once, kept with who/when/why, replayed after re-extraction."""

from __future__ import annotations

import pytest

from rashomon.errors import NotFound
from rashomon.resolve.decisions import DecisionError
from rashomon.store import Store
from rashomon.store.events import (
    add_note,
    load_decisions,
    load_event,
    load_events,
    load_notes,
    record_merge,
    record_split,
)
from tests.resolve.stored import MARKET_1, MARKET_2, MARKET_NEXT_YEAR, SCENE, build_scene, resolve, store_reports


def _groups(store: Store) -> set[frozenset[str]]:
    """Each event as the set of its accounts' (document, anchor) keys: what survives new account ids."""
    return {frozenset(a.key for a in view.accounts) for view in load_events(store, detail=True)}


def _event_with(store: Store, account_id: str) -> str:
    for view in load_events(store, detail=True):
        if account_id in view.event.account_ids:
            return view.id
    raise AssertionError(f"no event holds {account_id}")


def test_split_applies_at_once_and_survives_reextraction(store: Store) -> None:
    build_scene(store)
    event_id = _event_with(store, "paper-2/v1#1")
    outcome = record_split(store, event_id, ["paper-2/v1#1"], analyst="Ana", reason="different blast")
    moved, kept = outcome.event_ids
    assert load_event(store, moved).event.account_ids == ("paper-2/v1#1",)
    assert set(load_event(store, kept).event.account_ids) == {"wire-1/v1#1", "wire-1/v1#2"}
    assert kept == event_id, "the side with the first-ingested account keeps the id"
    after_split = _groups(store)

    store_reports(store, SCENE, run="v2")  # new account ids, same spans: a re-extraction
    report = resolve(store)
    assert report.decisions_applied == 1
    assert report.unmapped_keys == ()
    assert _groups(store) == after_split
    view = load_event(store, _event_with(store, "paper-2/v2#1"))
    assert view.event.account_ids == ("paper-2/v2#1",)
    assert [(d.action, d.analyst, d.reason) for d in view.decisions] == [("split", "Ana", "different blast")]


def test_split_keeps_the_claim_of_responsibility_with_its_side(store: Store) -> None:
    build_scene(store)
    event_id = _event_with(store, "wire-1/v1#1")
    record_split(store, event_id, ["paper-2/v1#1"], analyst="Ana", reason="x")
    store_reports(store, SCENE, run="v2")
    resolve(store)
    assert _event_with(store, "wire-1/v2#1") == _event_with(store, "wire-1/v2#2")


def test_merge_applies_at_once_and_survives_reextraction(store: Store) -> None:
    build_scene(store)
    first = _event_with(store, "wire-1/v1#1")
    later = _event_with(store, "wire-3/v1#1")
    outcome = record_merge(store, [later, first], analyst="Bo", reason="one campaign, coded as one")
    (merged,) = outcome.event_ids
    view = load_event(store, merged)
    assert [d.id for d in view.documents] == [MARKET_1.id, MARKET_2.id, MARKET_NEXT_YEAR.id]
    assert all(a.reason.decided_by == "Bo" for a in view.accounts)
    assert {c.conflict.attribute for c in view.conflicts} >= {"killed", "date"}
    assert len(load_events(store)) == 2
    after_merge = _groups(store)

    store_reports(store, SCENE, run="v2")
    report = resolve(store)
    assert report.decisions_applied == 1
    assert _groups(store) == after_merge
    (decision,) = load_decisions(store)
    assert (decision.action, decision.analyst, decision.reason) == ("merge", "Bo", "one campaign, coded as one")
    assert decision.made_at.tzinfo is not None
    assert decision.target_event == merged
    assert len(decision.account_keys) == 4


def test_a_later_merge_undoes_an_earlier_split(store: Store) -> None:
    build_scene(store)
    moved, kept = record_split(
        store, _event_with(store, "paper-2/v1#1"), ["paper-2/v1#1"], analyst="Ana", reason="x"
    ).event_ids
    record_merge(store, [moved, kept], analyst="Bo", reason="same blast after all")
    merged_now = _groups(store)
    resolve(store)
    assert _groups(store) == merged_now
    assert len(load_event(store, _event_with(store, "paper-2/v1#1")).documents) == 2


def test_split_by_stable_key_and_bad_splits(store: Store) -> None:
    build_scene(store)
    event_id = _event_with(store, "paper-2/v1#1")
    view = load_event(store, event_id)
    key = next(a.key for a in view.accounts if a.account.id == "paper-2/v1#1")
    with pytest.raises(DecisionError, match="leave at least one"):
        record_split(store, event_id, [a.account.id for a in view.accounts], analyst="Ana", reason="x")
    with pytest.raises(DecisionError, match="not an account"):
        record_split(store, event_id, ["wire-3/v1#1"], analyst="Ana", reason="x")
    with pytest.raises(DecisionError, match="reason"):
        record_split(store, event_id, [key], analyst="Ana", reason=" ")
    with pytest.raises(NotFound):
        record_split(store, "ev-none", [key], analyst="Ana", reason="x")
    assert load_decisions(store) == [], "a refused decision is not kept"
    moved, _ = record_split(store, event_id, [key], analyst="Ana", reason="by key").event_ids
    assert load_event(store, moved).event.account_ids == ("paper-2/v1#1",)


def test_bad_merges_are_refused(store: Store) -> None:
    build_scene(store)
    event_id = _event_with(store, "wire-1/v1#1")
    with pytest.raises(DecisionError, match="two different events"):
        record_merge(store, [event_id, event_id], analyst="Bo", reason="x")
    with pytest.raises(NotFound):
        record_merge(store, [event_id, "ev-none"], analyst="Bo", reason="x")
    with pytest.raises(DecisionError, match="analyst"):
        record_merge(store, [event_id, _event_with(store, "wire-3/v1#1")], analyst="", reason="x")
    assert load_decisions(store) == []


def test_a_decision_whose_accounts_vanished_is_reported(store: Store) -> None:
    build_scene(store)
    record_split(store, _event_with(store, "paper-2/v1#1"), ["paper-2/v1#1"], analyst="Ana", reason="x")
    store.replace_accounts(MARKET_2.id, "test", "1", [])
    report = resolve(store)
    assert [key.key.split("@")[0] for key in report.unmapped_keys] == [MARKET_2.id]
    assert report.unmapped_keys[0].decision_id == load_decisions(store)[0].id


def test_notes_are_kept_and_follow_a_merge(store: Store) -> None:
    build_scene(store)
    later = _event_with(store, "wire-3/v1#1")
    note = add_note(store, later[:9], analyst="Cy", text="check the date with the local desk")
    assert note.event_id == later
    assert [n.text for n in load_notes(store, later)] == ["check the date with the local desk"]
    (merged,) = record_merge(store, [later, _event_with(store, "wire-1/v1#1")], analyst="Bo", reason="x").event_ids
    assert [n.analyst for n in load_event(store, merged).notes] == ["Cy"]
    with pytest.raises(NotFound):
        add_note(store, "ev-none", analyst="Cy", text="x")
