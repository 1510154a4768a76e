"""Serve stage: full-text search over events and documents.

On SQLite the text lives in two FTS5 tables (`serve_event_fts`, `serve_document_fts`) that
this module creates and fills on first use. They are a cache derived from the store, never
the truth: events are rebuilt by every resolution, so each table keeps a signature of what it
was built from (in `serve_search_state`) and is rebuilt when the store has moved on. Where
FTS5 is missing, the database is read-only, or the engine is PostgreSQL, search falls back to
case-insensitive LIKE over the same fields.

An event's searchable text is its title, place, attack type, the anchor sentence of each of
its accounts and the names and aliases of its perpetrators; a document's is its title and text.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from sqlalchemy import Select, and_, column, exists, func, or_, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from rashomon.errors import StoreError
from rashomon.store import schema
from rashomon.store.store import Store

MAX_TERMS = 12
CHECK_SECONDS = 2.0  # how long a signature check is trusted before the store is asked again
_WORD = re.compile(r"\w+", re.UNICODE)

_EVENT_FTS = table("serve_event_fts", column("event_id"))
_DOCUMENT_FTS = table("serve_document_fts", column("document_id"))

_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS serve_event_fts USING fts5("
    "event_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS serve_document_fts USING fts5("
    "document_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS serve_search_state (name TEXT PRIMARY KEY, signature TEXT NOT NULL)",
)

_EVENT_BODY = """
INSERT INTO serve_event_fts (event_id, body)
SELECT e.id,
  coalesce(e.title, '') || ' ' || coalesce(e.place_name, '') || ' ' || coalesce(e.place_city, '') || ' ' ||
  coalesce(e.place_admin1, '') || ' ' || coalesce(e.place_country, '') || ' ' || coalesce(e.attack_type, '') || ' ' ||
  coalesce((SELECT group_concat(a.summary, ' ') FROM event_accounts ea JOIN accounts a ON a.id = ea.account_id
            WHERE ea.event_id = e.id), '') || ' ' ||
  coalesce((SELECT group_concat(al.alias, ' ') FROM json_each(e.perpetrator_ids) j
            JOIN actor_aliases al ON al.actor_id = j.value), '')
FROM events e
"""

_DOCUMENT_SYNC = (
    "DELETE FROM serve_document_fts WHERE document_id NOT IN (SELECT id FROM documents)",
    "INSERT INTO serve_document_fts (document_id, title, body) SELECT id, coalesce(title, ''), text FROM documents"
    " WHERE id NOT IN (SELECT document_id FROM serve_document_fts)",
)


def terms_of(query: str) -> list[str]:
    """The words of a search, folded; punctuation and FTS operators are dropped, never interpreted."""
    return [word.casefold() for word in _WORD.findall(query)][:MAX_TERMS]


def fts_expression(terms: list[str]) -> str:
    """Every word must occur; the last one may be the start of a word (search as you type)."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SearchIndex:
    """Search for one store; safe to share between request threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._fts: bool | None = None if store.is_sqlite else False
        self._checked: dict[str, float] = {}

    @property
    def uses_fts(self) -> bool:
        return bool(self._fts)

    # keeping the tables current ---------------------------------------------------------

    def refresh(self, name: str) -> None:
        """Bring one FTS table ("events" or "documents") up to date with the store, if FTS is in use."""
        if self._fts is False:
            return
        with self._lock:
            if time.monotonic() - self._checked.get(name, -CHECK_SECONDS) < CHECK_SECONDS:
                return
            try:
                self._refresh(name)
            except (SQLAlchemyError, StoreError):
                self._fts = False  # no FTS5 here, or a read-only file: LIKE it is
                return
            self._fts = True
            self._checked[name] = time.monotonic()

    def _refresh(self, name: str) -> None:
        with self.store.transaction() as connection:
            for statement in _CREATE:
                connection.exec_driver_sql(statement)
            signature = self._signature(connection, name)
            state = text("SELECT signature FROM serve_search_state WHERE name = :name").bindparams(name=name)
            if connection.execute(state).scalar() == signature:
                return
            if name == "events":
                connection.exec_driver_sql("DELETE FROM serve_event_fts")
                connection.exec_driver_sql(_EVENT_BODY)
            else:
                for statement in _DOCUMENT_SYNC:
                    connection.exec_driver_sql(statement)
            connection.execute(
                text("INSERT OR REPLACE INTO serve_search_state (name, signature) VALUES (:name, :signature)"),
                {"name": name, "signature": signature},
            )

    @staticmethod
    def _signature(connection: Connection, name: str) -> str:
        if name == "events":
            e = schema.events.c
            count, newest = connection.execute(select(func.count(), func.max(e.updated_at))).one()
            links = connection.execute(select(func.count()).select_from(schema.event_accounts)).scalar()
            actors = connection.execute(select(func.count()).select_from(schema.actor_aliases)).scalar()
            return f"{count}|{newest}|{links}|{actors}"
        d = schema.documents.c
        count, newest = connection.execute(select(func.count(), func.max(d.ingested_at))).one()
        return f"{count}|{newest}"

    # matching ---------------------------------------------------------------------------

    def event_ids_matching(self, connection: Connection, query: str) -> Select[Any] | None:
        """A subquery of the ids of events matching every word; None when the search has no words."""
        terms = terms_of(query)
        if not terms:
            return None
        if self._fts:
            match = text("serve_event_fts MATCH :event_terms").bindparams(event_terms=fts_expression(terms))
            return select(_EVENT_FTS.c.event_id).where(match)
        return select(schema.events.c.id).where(and_(*(self._event_like(term) for term in terms)))

    def document_ids_matching(self, connection: Connection, query: str) -> Select[Any] | None:
        """A subquery of the ids of documents matching every word; None when the search has no words."""
        terms = terms_of(query)
        if not terms:
            return None
        if self._fts:
            match = text("serve_document_fts MATCH :document_terms").bindparams(document_terms=fts_expression(terms))
            return select(_DOCUMENT_FTS.c.document_id).where(match)
        d = schema.documents.c
        return select(d.id).where(
            and_(
                *(
                    or_(d.title.ilike(_like(term), escape="\\"), d.text.ilike(_like(term), escape="\\"))
                    for term in terms
                )
            )
        )

    @staticmethod
    def _event_like(term: str) -> Any:
        e, a, ea = schema.events.c, schema.accounts.c, schema.event_accounts.c
        pattern = _like(term)
        in_summary = exists(
            select(ea.account_id)
            .join_from(schema.event_accounts, schema.accounts, a.id == ea.account_id)
            .where(ea.event_id == e.id, a.summary.ilike(pattern, escape="\\"))
        )
        fields = (e.title, e.place_name, e.place_city, e.place_admin1, e.attack_type)
        return or_(*(f.ilike(pattern, escape="\\") for f in fields), in_summary)
