"""Full-text search: FTS5 tables built lazily and rebuilt when the store moves on; LIKE fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from rashomon.serve.queries import EventFilter, document_page, event_page
from rashomon.serve.search import SearchIndex, fts_expression, terms_of
from rashomon.store import Store
from rashomon.store.events import record_merge, resolve_store


def test_search_terms_drop_operators() -> None:
    assert terms_of('Kirkuk AND "bus" OR NEAR(x*) -bridge') == ["kirkuk", "and", "bus", "or", "near", "x", "bridge"]
    assert terms_of("  ,;  ") == []
    assert fts_expression(["bus", "brid"]) == '"bus" "brid"*'
    assert len(terms_of(" ".join(["word"] * 40))) == 12


def _ids(store: Store, index: SearchIndex, q: str) -> tuple[str, ...]:
    return event_page(store, index, EventFilter(q=q), limit=50, offset=0).ids


def test_search_index_is_built_on_first_use(writable_db: Path) -> None:
    with Store.open(str(writable_db)) as store:
        with store.engine.connect() as connection:
            tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master"))}
        assert "serve_event_fts" not in tables
        index = SearchIndex(store)
        assert len(_ids(store, index, "kirkuk")) == 1
        assert index.uses_fts
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT count(*) FROM serve_event_fts")).scalar()
        assert rows == 2


def test_search_index_follows_resolution_and_decisions(writable_db: Path) -> None:
    with Store.open(str(writable_db)) as store:
        index = SearchIndex(store)
        before = _ids(store, index, "basra")
        assert len(before) == 1
        everything = event_page(store, index, EventFilter(), limit=10, offset=0).ids
        merged = record_merge(store, everything, analyst="ana", reason="one blast")
        index._checked.clear()  # skip the few seconds a signature check is trusted
        assert _ids(store, index, "basra") == merged.event_ids[:1]
        assert _ids(store, index, "kirkuk") == merged.event_ids[:1]
        resolve_store(store)
        index._checked.clear()
        assert len(_ids(store, index, "basra")) == 1


def test_search_like_fallback_matches_the_same(writable_db: Path) -> None:
    with Store.open(str(writable_db)) as store:
        fts, like = SearchIndex(store), SearchIndex(store)
        like._fts = False  # as on PostgreSQL, or where FTS5 is missing
        for q in ("kirkuk", "Basra", "bridge bus", "hospital", "no-such-word"):
            assert sorted(_ids(store, fts, q)) == sorted(_ids(store, like, q)), q
        assert not like.uses_fts
        total, rows = document_page(store, like, q="hospital", limit=10, offset=0)
        assert (total, [row.id for row in rows]) == (1, ["bridge-2"])


@pytest.mark.parametrize(("q", "expected"), [("kirkuk", {"bridge-1", "bridge-2"}), ("depot script", {"depot-1"})])
def test_search_documents(writable_db: Path, q: str, expected: set[str]) -> None:
    with Store.open(str(writable_db)) as store:
        total, rows = document_page(store, SearchIndex(store), q=q, limit=10, offset=0)
        assert {row.id for row in rows} == expected
        assert total == len(expected)
