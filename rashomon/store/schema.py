"""The current database schema, in SQLAlchemy Core so it runs on SQLite and PostgreSQL alike.

A fresh database is created from these tables directly; an existing one is brought up to
date by the numbered migrations in `rashomon.store.migrations` (see `migrate.py`).
When a table here changes, add a migration that makes the same change to old databases.

Design notes:
- documents keep the text exactly as analysed; every offset elsewhere points into it;
- accounts hold what one document says about one event; their date and place are kept as
  columns (for filtering) together with the span that gave them;
- claims hold every figure and every perpetrator an account states, one row per claim,
  with its span, sentence, speaker and hedge; nothing is averaged or dropped here;
- events and conflicts are derived by `resolve` and can be rebuilt at any time, except
  analyst decisions, which are kept in their own table and re-applied after every rebuild.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

migrations = Table(
    "_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(20), nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("author", Text),
    Column("url", Text),
    Column("published", Date),
    Column("published_source", String(20)),
    Column("language", String(12)),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("size_chars", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("near_duplicate_of", String(300)),
    Column("minhash", LargeBinary),
)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("status", String(20), nullable=False),  # ingested, duplicate, failed
    Column("document_id", String(300)),
    Column("reason", Text),
    Column("at", DateTime(timezone=True), nullable=False),
)

extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("document_id", String(300), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("extractor", String(100), primary_key=True),
    Column("version", String(40), nullable=False),
    Column("model", String(100)),
    Column("ran_at", DateTime(timezone=True), nullable=False),
    Column("accounts", Integer, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(400), primary_key=True),
    Column("document_id", String(300), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("attack_type", String(80)),
    Column("weapon", String(80)),
    Column("suicide", Boolean),
    Column("target", Text),
    Column("target_type", String(80)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10)),
    Column("date_text", Text),
    Column("date_basis", String(20)),
    Column("date_evidence", JSON),
    Column("place_name", Text),
    Column("place_site", Text),
    Column("place_city", Text),
    Column("place_admin1", Text),
    Column("place_country", String(2)),
    Column("place_lat", Float),
    Column("place_lon", Float),
    Column("place_precision", String(10)),
    Column("place_geonameid", Integer),
    Column("place_evidence", JSON),
    Column("related_to", String(400)),
    Column("summary", Text),
    Column("anchor_start", Integer, nullable=False),
    Column("anchor_end", Integer, nullable=False),
    Column("extractor", String(100), nullable=False),
    Column("version", String(40), nullable=False),
)
Index("ix_accounts_document", accounts.c.document_id)
Index("ix_accounts_date", accounts.c.date_start)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(400), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(300), nullable=False),
    Column("attribute", String(40), nullable=False),  # a FigureKind value, or "perpetrator"
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(20)),
    Column("scope", String(20)),
    Column("text", Text, nullable=False),  # the words as written
    Column("actor_id", String(200)),
    Column("status", String(20)),
    Column("attributed_to", Text),
    Column("hedge", String(60)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("extractor", String(100), nullable=False),
    Column("version", String(40), nullable=False),
    Column("confidence", Float, nullable=False, default=1.0),
)
Index("ix_claims_account", claims.c.account_id)
Index("ix_claims_attribute_value", claims.c.attribute, claims.c.value)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(400), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(300), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("extractor", String(100), nullable=False),
    Column("version", String(40), nullable=False),
)
Index("ix_mentions_account", mentions.c.account_id)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("parent_id", String(200)),
    Column("country", String(2)),
    Column("description", Text),
    Column("origin", String(20), nullable=False),  # vocabulary or discovered
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", String(200), ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("folded", String(300), nullable=False),
    UniqueConstraint("actor_id", "folded"),
)
Index("ix_actor_aliases_folded", actor_aliases.c.folded)

events = Table(
    "events",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", Text),
    Column("attack_type", String(80)),
    Column("suicide", Boolean),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10)),
    Column("place_name", Text),
    Column("place_city", Text),
    Column("place_admin1", Text),
    Column("place_country", String(2)),
    Column("place_lat", Float),
    Column("place_lon", Float),
    Column("place_precision", String(10)),
    Column("perpetrator_ids", JSON),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_date", events.c.date_start)
Index("ix_events_country", events.c.place_country)
Index("ix_events_kind", events.c.kind)

event_accounts = Table(
    "event_accounts",
    metadata,
    Column("event_id", String(100), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("account_id", String(400), ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("features", JSON),
    Column("score", Float),
    Column("decided_by", String(100), nullable=False, default="auto"),
)
Index("ix_event_accounts_event", event_accounts.c.event_id)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(100), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("attribute", String(40), nullable=False),
    Column("values", JSON, nullable=False),
    Column("account_ids", JSON, nullable=False),
    Column("note", Text),
)
Index("ix_conflicts_event", conflicts.c.event_id)

decisions = Table(
    "decisions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("action", String(20), nullable=False),
    Column("account_keys", JSON, nullable=False),
    Column("target_event", String(100)),
    Column("analyst", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(100), nullable=False),
    Column("analyst", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
)

reference_records = Table(
    "reference_records",
    metadata,
    Column("id", String(120), primary_key=True),  # "<dataset>:<their id>"
    Column("dataset", String(20), nullable=False),  # gtd, acled
    Column("ref_id", String(100), nullable=False),
    Column("date_start", Date),
    Column("country", String(2)),
    Column("city", Text),
    Column("data", JSON, nullable=False),  # the row as read, every column
    Column("imported_at", DateTime(timezone=True), nullable=False),
    # added by migration 2: what linking compares, read from the row
    Column("date_end", Date),
    Column("admin1", Text),
    Column("perpetrators", JSON),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("summary", Text),
)
Index("ix_reference_records_country_date", reference_records.c.country, reference_records.c.date_start)

# Links survive a re-resolution: event ids are stable, so there is no foreign key on events
# (resolve_store deletes and re-inserts every event); readers skip links to vanished events.
event_references = Table(
    "event_references",
    metadata,
    Column("event_id", String(100), primary_key=True),
    Column("reference_id", String(120), ForeignKey("reference_records.id", ondelete="CASCADE"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("features", JSON),
    Column("linked_at", DateTime(timezone=True)),
)
Index("ix_event_references_reference", event_references.c.reference_id)
