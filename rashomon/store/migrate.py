"""Create or upgrade a database to the current schema, recording each migration applied."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection, Engine

from rashomon.errors import StoreError
from rashomon.store import migrations as migrations_package
from rashomon.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]


def available_migrations() -> list[Migration]:
    """Every migration module in the package, in version order."""
    found = []
    for info in pkgutil.iter_modules(migrations_package.__path__):
        if not info.name.startswith("m"):
            continue
        number, _, name = info.name[1:].partition("_")
        module = importlib.import_module(f"{migrations_package.__name__}.{info.name}")
        found.append(Migration(int(number), name, module.upgrade))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}")
    return found


def migrate(engine: Engine) -> list[int]:
    """Bring the database to the current schema; return the versions applied now."""
    known = available_migrations()
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        if "documents" not in tables:
            schema.metadata.create_all(connection)
            connection.execute(
                schema.migrations.insert(),
                [{"version": m.version, "name": m.name, "applied_at": now} for m in known],
            )
            return [m.version for m in known]
        if schema.migrations.name not in tables:
            raise StoreError("this database was not made by rashomon (no _migrations table)")
        done = set(connection.execute(select(schema.migrations.c.version)).scalars())
        newest = max(m.version for m in known)
        if done and max(done) > newest:
            raise StoreError(
                f"the database is at schema version {max(done)}, newer than this rashomon ({newest}): upgrade rashomon"
            )
        applied = []
        for migration in known:
            if migration.version in done:
                continue
            migration.upgrade(connection)
            connection.execute(
                schema.migrations.insert(),
                {"version": migration.version, "name": migration.name, "applied_at": now},
            )
            applied.append(migration.version)
        return applied
