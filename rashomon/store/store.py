"""The store: one object in front of the database, SQLite by default, PostgreSQL by URL.

Everything goes through SQLAlchemy Core, so the same statements run on both engines; SQL that
only one engine understands (SQLite's FTS5, pragmas) stays in small engine-specific helpers.
Each document is written in its own transaction: a failure loses nothing already stored and
a process killed mid-ingest leaves a consistent database that a re-run completes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from rashomon.errors import NotFound, StoreError
from rashomon.model.records import Account, Document
from rashomon.settings import database_url
from rashomon.store import schema
from rashomon.store.migrate import migrate
from rashomon.store.rows import account_from_rows, account_rows, document_from_row, document_row


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun by `_sqlite_begin`, not by the sqlite3 module's own heuristics.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Writers take the lock up front (BEGIN IMMEDIATE), so two writers queue on busy_timeout
    # instead of failing when a read transaction tries to upgrade itself to a write.
    if connection.get_execution_options().get("immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


class Store:
    """Documents, accounts, claims, actors, events, conflicts and analyst decisions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"

    @classmethod
    def open(cls, db: str) -> Store:
        """Open (and create or upgrade) the database at a path or URL."""
        url = database_url(db)
        try:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
                event.listen(engine, "begin", _sqlite_begin)
            store = cls(engine)
            migrate(engine)
        except (SQLAlchemyError, OSError) as error:
            raise StoreError(f"cannot open the store at {db}: {_short(error)}") from error
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; on SQLite it takes the write lock up front to avoid upgrade deadlocks."""
        try:
            with self.engine.connect().execution_options(immediate=True) as connection, connection.begin():
                yield connection
        except OperationalError as error:
            raise StoreError(f"database write failed: {_short(error)}") from error

    # documents -----------------------------------------------------------------------------

    def document_id_for_hash(self, content_hash: str) -> str | None:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(schema.documents.c.id).where(schema.documents.c.content_hash == content_hash)
            ).scalar()
        return str(found) if found is not None else None

    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(schema.documents.c.id).where(schema.documents.c.id == document_id)
            ).scalar()
        return found is not None

    def add_document(self, document: Document, minhash: bytes | None = None) -> bool:
        """Store a document in its own transaction; False if its content is already stored."""
        row = document_row(document, minhash)
        try:
            with self.transaction() as connection:
                connection.execute(schema.documents.insert(), row)
        except IntegrityError:
            return False
        return True

    def document(self, document_id: str) -> Document:
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(schema.documents).where(schema.documents.c.id == document_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(f"no document {document_id!r}")
        return document_from_row(row)

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[Document]:
        query = select(schema.documents).order_by(schema.documents.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [document_from_row(row) for row in connection.execute(query).mappings()]

    def document_ids(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(schema.documents.c.id).order_by(schema.documents.c.id)).scalars())

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        """(document id, MinHash signature bytes) for near-duplicate detection."""
        query = select(schema.documents.c.id, schema.documents.c.minhash).where(schema.documents.c.minhash.is_not(None))
        with self.engine.connect() as connection:
            for document_id, signature in connection.execute(query):
                yield str(document_id), bytes(signature)

    def log_ingest(self, run_id: str, source: str, status: str, document_id: str | None, reason: str | None) -> None:
        with self.transaction() as connection:
            connection.execute(
                schema.ingest_log.insert(),
                {
                    "run_id": run_id,
                    "source": source,
                    "status": status,
                    "document_id": document_id,
                    "reason": reason,
                    "at": dt.datetime.now(dt.UTC),
                },
            )

    # accounts ------------------------------------------------------------------------------

    def replace_accounts(
        self,
        document_id: str,
        extractor: str,
        version: str,
        accounts: Sequence[Account],
        *,
        model: str | None = None,
    ) -> None:
        """Replace one extractor's output for one document, in one transaction; others' output stays."""
        with self.transaction() as connection:
            connection.execute(
                delete(schema.accounts).where(
                    schema.accounts.c.document_id == document_id, schema.accounts.c.extractor == extractor
                )
            )
            for account in accounts:
                account_row, claim_rows, mention_rows = account_rows(account)
                connection.execute(schema.accounts.insert(), account_row)
                if claim_rows:
                    connection.execute(schema.claims.insert(), claim_rows)
                if mention_rows:
                    connection.execute(schema.mentions.insert(), mention_rows)
            connection.execute(
                delete(schema.extraction_runs).where(
                    schema.extraction_runs.c.document_id == document_id,
                    schema.extraction_runs.c.extractor == extractor,
                )
            )
            connection.execute(
                schema.extraction_runs.insert(),
                {
                    "document_id": document_id,
                    "extractor": extractor,
                    "version": version,
                    "model": model,
                    "ran_at": dt.datetime.now(dt.UTC),
                    "accounts": len(accounts),
                },
            )

    def accounts(self, *, document_id: str | None = None, ids: Sequence[str] | None = None) -> list[Account]:
        """Accounts with their claims and mentions, in document and text order."""
        query = select(schema.accounts).order_by(schema.accounts.c.document_id, schema.accounts.c.anchor_start)
        if document_id is not None:
            query = query.where(schema.accounts.c.document_id == document_id)
        if ids is not None:
            query = query.where(schema.accounts.c.id.in_(list(ids)))
        with self.engine.connect() as connection:
            account_rows_ = list(connection.execute(query).mappings())
            wanted = [row["id"] for row in account_rows_]
            claims_by, mentions_by = self._children(connection, wanted, document_id)
        return [
            account_from_rows(row, claims_by.get(row["id"], []), mentions_by.get(row["id"], []))
            for row in account_rows_
        ]

    def _children(
        self, connection: Connection, account_ids: list[str], document_id: str | None
    ) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        claims_by: dict[str, list[Any]] = {}
        mentions_by: dict[str, list[Any]] = {}
        if not account_ids:
            return claims_by, mentions_by
        claim_query = select(schema.claims).order_by(schema.claims.c.id)
        mention_query = select(schema.mentions).order_by(schema.mentions.c.id)
        if document_id is not None:
            claim_query = claim_query.where(schema.claims.c.document_id == document_id)
            mention_query = mention_query.where(schema.mentions.c.document_id == document_id)
        elif len(account_ids) <= 500:
            claim_query = claim_query.where(schema.claims.c.account_id.in_(account_ids))
            mention_query = mention_query.where(schema.mentions.c.account_id.in_(account_ids))
        wanted = set(account_ids)
        for row in connection.execute(claim_query).mappings():
            if row["account_id"] in wanted:
                claims_by.setdefault(row["account_id"], []).append(row)
        for row in connection.execute(mention_query).mappings():
            if row["account_id"] in wanted:
                mentions_by.setdefault(row["account_id"], []).append(row)
        return claims_by, mentions_by

    def extraction_runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(select(schema.extraction_runs)).mappings()]

    # overview ------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for `rashomon info`."""
        tables = {
            "documents": schema.documents,
            "accounts": schema.accounts,
            "claims": schema.claims,
            "events": schema.events,
            "actors": schema.actors,
            "conflicts": schema.conflicts,
            "decisions": schema.decisions,
        }
        with self.engine.connect() as connection:
            return {
                name: int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)
                for name, table in tables.items()
            }

    def schema_version(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.max(schema.migrations.c.version))).scalar() or 0)


def _short(error: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's background links."""
    text = str(getattr(error, "orig", None) or error)
    return text.splitlines()[0] if text else type(error).__name__
