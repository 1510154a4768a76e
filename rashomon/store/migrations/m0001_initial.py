"""The initial schema: documents, accounts, claims, mentions, actors, events, conflicts, decisions."""

from __future__ import annotations

from sqlalchemy.engine import Connection


def upgrade(connection: Connection) -> None:
    """Nothing to do: databases older than this migration do not exist."""
    del connection
