"""Serve stage: a small cache of aggregates (filter menus, totals), dropped whenever the events change.

Counting matches and grouping 100,000 events costs tens of milliseconds a time, and a user
paging through one filter asks for the same total on every page. Each cached value is kept
with the events' version, read from indexes in a few milliseconds: the number of event rows
and the rowid and `updated_at` of the newest row. Every rebuild, merge and split writes new
rows stamped with the time, so each changes the version. Writes that bypass the events table
(re-extraction without resolution) are not seen, so a value also expires after `TTL`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Integer, func, literal_column, select

from rashomon.store import Store, schema

Value = TypeVar("Value")
MAX_ITEMS = 256
TTL = 30.0  # seconds a value is trusted even when the version did not move

Version = tuple[Any, ...]


def events_version(store: Store) -> Version:
    """Cheap fingerprint of the events table (see the module docstring)."""
    e = schema.events
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(e)).scalar()
        if store.is_sqlite:  # the newest row (largest rowid) and when it was written: two index reads
            rowid = literal_column("rowid", Integer)
            newest = select(func.max(rowid)).select_from(e).scalar_subquery()
            top = connection.execute(select(rowid, e.c.updated_at).where(rowid == newest)).first()
        else:
            top = connection.execute(select(func.max(e.c.updated_at))).first()
    return count, tuple(top) if top is not None else None


class ResultCache:
    """Values keyed by what was asked, valid while the events' version stays the same."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[Version, float, Any]] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        version = events_version(self.store)
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == version and now - found[1] < TTL:
                self._items.move_to_end(key)
                value: Value = found[2]
                return value
        value = compute()
        with self._lock:
            self._items[key] = (version, now, value)
            self._items.move_to_end(key)
            while len(self._items) > MAX_ITEMS:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
