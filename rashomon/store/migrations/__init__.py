"""Numbered schema migrations, applied in order and recorded in `_migrations`.

Each migration is a module `mNNNN_<name>.py` with `upgrade(connection)`. A fresh database is
created from `schema.metadata` and marked as having every migration; an older database runs
only those it lacks. Migration 1 is the initial schema, so it has nothing to upgrade.
"""
