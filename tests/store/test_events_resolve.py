"""resolve_store and the readers on a real SQLite file: which accounts become one event, and what is read back."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.errors import ConfigError, NotFound
from rashomon.model.records import EventKind
from rashomon.store import Store
from rashomon.store.events import load_actors, load_conflicts, load_event, load_events
from tests.resolve.stored import CHECKPOINT, MARKET_1, MARKET_2, MARKET_NEXT_YEAR, build_scene, resolve


def _event_of(store: Store, document_id: str, year: int = 2021) -> str:
    found = [
        view.id
        for view in load_events(store)
        if document_id in {d.id for d in view.documents} and view.event.date and view.event.date.start.year == year
    ]
    assert len(found) == 1, found
    return found[0]


def test_resolve_store_merges_two_reports_of_one_event(store: Store) -> None:
    report = build_scene(store)
    assert report.accounts == 5
    assert report.events == 3
    assert report.multi_document_events == 1
    view = load_event(store, _event_of(store, MARKET_1.id))
    assert [d.id for d in view.documents] == [MARKET_1.id, MARKET_2.id]
    assert view.event.kind is EventKind.ATTACK
    assert view.event.date is not None and view.event.date.iso() == "2021-03-02"
    assert view.event.place is not None and view.event.place.city == "Mogadishu"
    assert len(view.accounts) == 3, "the claim of responsibility joins the attack it is about"
    reasons = {a.account.id: a.reason.features for a in view.accounts}
    assert any(f.startswith("related-to:") for f in reasons["wire-1/v1#2"])


def test_resolve_store_keeps_a_look_alike_a_year_later_apart(store: Store) -> None:
    build_scene(store)
    first = _event_of(store, MARKET_1.id, 2021)
    later = _event_of(store, MARKET_NEXT_YEAR.id, 2022)
    assert first != later
    assert [d.id for d in load_event(store, later).documents] == [MARKET_NEXT_YEAR.id]


def test_resolve_store_keeps_unrelated_reports_apart(store: Store) -> None:
    build_scene(store, [MARKET_1, CHECKPOINT])
    views = load_events(store)
    assert len(views) == 2
    assert sorted(len(view.documents) for view in views) == [1, 1]
    assert {view.event.place.city for view in views if view.event.place} == {"Mogadishu", "Kismayo"}


def test_resolve_store_is_repeatable_and_ids_stable(store: Store) -> None:
    build_scene(store)
    before = sorted(view.id for view in load_events(store))
    resolve(store)
    assert sorted(view.id for view in load_events(store)) == before


def test_conflict_lists_every_killed_claim_with_document_and_speaker(store: Store) -> None:
    build_scene(store)
    event_id = _event_of(store, MARKET_1.id)
    conflicts = {c.conflict.attribute: c for c in load_conflicts(store, event_id)}
    assert set(conflicts) >= {"killed", "injured"}
    killed = conflicts["killed"]
    assert killed.conflict.values == ("12", "16")
    found = [(c.number, c.document_id, c.attributed_to, c.published) for c in killed.claims]
    assert found == [
        (12, MARKET_1.id, "Police", dt.date(2021, 3, 3)),
        (16, MARKET_2.id, "Officials", dt.date(2021, 3, 5)),
    ]
    assert [(step.value, step.change) for step in killed.evolution] == [(12, "first"), (16, "up")]
    assert all(c.sentence and c.text and c.text in c.sentence for c in killed.claims)
    assert load_conflicts(store) == load_conflicts(store, event_id), "the other events have no conflicts"


def test_load_event_fills_claims_sentences_and_perpetrator_statuses(store: Store) -> None:
    build_scene(store)
    view = load_event(store, _event_of(store, MARKET_1.id))
    statuses = {p.actor_id: p.statuses for p in view.perpetrators}
    assert statuses["al-shabaab"] == ("claimed", "attributed")
    assert statuses["israel"] == ("accused",)
    assert view.event.perpetrator_ids == ("al-shabaab",), "an accusation does not make a perpetrator"
    killed = view.figure("killed")
    assert killed is not None
    assert (killed.claims[0].sentence or "").startswith("Police said at least 12 people")
    assert all(a.key.startswith(a.account.document_id + "@") for a in view.accounts)


def test_load_event_accepts_a_unique_prefix_and_raises_not_found(store: Store) -> None:
    build_scene(store)
    event_id = _event_of(store, MARKET_1.id)
    assert load_event(store, event_id[:8]).id == event_id
    with pytest.raises(NotFound):
        load_event(store, "ev-nothing")


def test_load_events_filters_in_sql(store: Store) -> None:
    build_scene(store)
    assert len(load_events(store, country="so")) == 3
    assert load_events(store, country="IR") == []
    in_2022 = load_events(store, date_from=dt.date(2022, 1, 1))
    assert [d.id for view in in_2022 for d in view.documents] == [MARKET_NEXT_YEAR.id]
    assert len(load_events(store, date_to=dt.date(2021, 12, 31))) == 2
    assert [view.id for view in load_events(store, actor="Harakat al-Shabaab al-Mujahideen")] == [
        _event_of(store, MARKET_1.id)
    ]
    assert load_events(store, actor="Israel") == [], "accused actors are not perpetrators"
    assert load_events(store, actor="nobody at all") == []
    assert len(load_events(store, kind="attack", limit=2)) == 2
    assert len(load_events(store, kind=EventKind.STRIKE)) == 0
    dates = [view.event.date.start for view in load_events(store) if view.event.date]
    assert dates == sorted(dates)
    assert len(load_events(store, offset=2)) == 1
    with pytest.raises(ConfigError):
        load_events(store, kind="battle")


def test_load_events_without_detail_leaves_accounts_out(store: Store) -> None:
    build_scene(store)
    view = load_events(store, actor="al-shabaab")[0]
    assert view.accounts == () and view.conflicts == ()
    assert view.headline("killed", "gtd") is not None
    assert load_events(store, actor="al-shabaab", detail=True)[0].accounts


def test_load_actors_counts_events(store: Store) -> None:
    build_scene(store)
    actors = {view.actor.id: view for view in load_actors(store)}
    assert actors["al-shabaab"].events == 1
    assert actors["israel"].events == 0
    assert actors["al-shabaab"].origin == "vocabulary"
    assert load_actors(store)[0].actor.id == "al-shabaab"


def test_resolve_store_on_an_empty_store(store: Store) -> None:
    report = resolve(store)
    assert (report.accounts, report.events, report.conflicts) == (0, 0, 0)
    assert load_events(store) == []
    assert load_conflicts(store) == []


def test_reports_of_both_documents_give_one_event_in_either_ingest_order(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    ids = []
    for name, order in (("ab.db", [MARKET_1, MARKET_2]), ("ba.db", [MARKET_2, MARKET_1])):
        with Store.open(str(folder / name)) as store:
            build_scene(store, order)
            views = load_events(store)
            assert len(views) == 1
            ids.append(views[0].id)
    assert ids[0] == ids[1], "the id comes from the first-ingested account, not the order accounts were stored"


@pytest.mark.parametrize(("rule", "expected"), [("gtd", (16, 12, 16)), ("acled", (12, 12, 16)), ("ucdp", (12, 12, 16))])
def test_headline_rules_on_a_stored_event(store: Store, rule: str, expected: tuple[int, int, int]) -> None:
    build_scene(store)
    found = load_event(store, _event_of(store, MARKET_1.id)).headline("killed", rule)
    assert found is not None
    assert (found.best, found.low, found.high) == expected
