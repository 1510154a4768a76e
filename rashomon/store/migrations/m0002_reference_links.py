"""Reference records get what linking compares (end date, admin1, perpetrators, tolls, summary),
and `event_references` loses its foreign key on events so links survive a re-resolution.

Databases at version 1 have both tables but nothing wrote them (no importer existed), so the
links table is rebuilt; any row it does hold is copied across. The tables are declared here as
they are at this version, not imported from `schema`, so later schema changes cannot alter
what this migration does.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateColumn


def _new_reference_columns() -> list[Column[object]]:
    return [
        Column("date_end", Date),
        Column("admin1", Text),
        Column("perpetrators", JSON),
        Column("killed", Integer),
        Column("injured", Integer),
        Column("summary", Text),
    ]


def _event_references(metadata: MetaData) -> Table:
    Table("reference_records", metadata, Column("id", String(120), primary_key=True))
    table = Table(
        "event_references",
        metadata,
        Column("event_id", String(100), primary_key=True),
        Column("reference_id", String(120), ForeignKey("reference_records.id", ondelete="CASCADE"), primary_key=True),
        Column("score", Float, nullable=False),
        Column("features", JSON),
        Column("linked_at", DateTime(timezone=True)),
    )
    Index("ix_event_references_reference", table.c.reference_id)
    return table


def upgrade(connection: Connection) -> None:
    """Add the new reference columns and index, then rebuild `event_references` without the events key."""
    present = {column["name"] for column in inspect(connection).get_columns("reference_records")}
    for column in _new_reference_columns():
        if column.name not in present:
            ddl = CreateColumn(column).compile(dialect=connection.dialect)
            connection.execute(text(f"ALTER TABLE reference_records ADD COLUMN {ddl}"))
    connection.execute(
        text("CREATE INDEX IF NOT EXISTS ix_reference_records_country_date ON reference_records (country, date_start)")
    )
    old = Table("event_references", MetaData(), autoload_with=connection)
    rows = [dict(row) for row in connection.execute(select(old)).mappings()]
    old.drop(connection)
    table = _event_references(MetaData())
    table.create(connection)
    if rows:
        now = dt.datetime.now(dt.UTC)
        connection.execute(
            table.insert(),
            [{**row, "features": row.get("features"), "linked_at": row.get("linked_at") or now} for row in rows],
        )
