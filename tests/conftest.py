"""Shared fixtures. Stores are real SQLite files in a temporary folder, never mocks.

Property tests run a fixed set of examples by default (`derandomize`), so `make test` and CI
give the same verdict on the same code; `HYPOTHESIS_PROFILE=explore` draws new examples (more
of them) to hunt for bugs, and a failure it finds should become a fixed test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from rashomon.store import Store

settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(str(db_path)) as opened:
        yield opened
