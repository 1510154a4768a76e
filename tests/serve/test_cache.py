"""The aggregate cache: a value is reused while the events stay the same, recomputed after a change."""

from __future__ import annotations

from pathlib import Path

from rashomon.serve.cache import ResultCache, events_version
from rashomon.serve.queries import EventFilter, event_page
from rashomon.serve.search import SearchIndex
from rashomon.store import Store
from rashomon.store.events import record_merge, resolve_store


def test_cache_reuses_until_the_events_change(writable_db: Path) -> None:
    with Store.open(str(writable_db)) as store:
        cache = ResultCache(store)
        calls: list[int] = []

        def compute() -> int:
            calls.append(1)
            return len(calls)

        assert cache.get("key", compute) == 1
        assert cache.get("key", compute) == 1  # same events: not computed again
        before = events_version(store)
        ids = event_page(store, SearchIndex(store), EventFilter(), limit=10, offset=0).ids
        record_merge(store, ids, analyst="ana", reason="one blast")
        assert events_version(store) != before
        assert cache.get("key", compute) == 2
        after_merge = events_version(store)
        resolve_store(store)  # the merge is replayed: same events, new rows
        assert events_version(store) != after_merge
        assert cache.get("key", compute) == 3
        cache.clear()
        assert cache.get("key", compute) == 4


def test_cache_keeps_totals_per_filter(writable_db: Path) -> None:
    with Store.open(str(writable_db)) as store:
        cache, index = ResultCache(store), SearchIndex(store)
        every = event_page(store, index, EventFilter(), limit=1, offset=0, cache=cache)
        basra = event_page(store, index, EventFilter(q="basra"), limit=1, offset=0, cache=cache)
        newest = event_page(store, index, EventFilter(sort="-date"), limit=1, offset=0, cache=cache)
        assert (every.total, basra.total, newest.total) == (2, 1, 2)
        assert every.ids != newest.ids
