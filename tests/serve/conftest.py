"""Fixtures for the web app and API: real SQLite stores, the real app, an in-process client.

Two stores: `built_db` is made by hand (`builder.py`: real documents and accounts, resolved
by the real resolver) and needs no NLP model; `pipeline_db` ingests the reports in
`fixtures/` and runs the whole pipeline once per session (spaCy), as a user would.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.serve import create_app
from rashomon.settings import Settings
from rashomon.store import Store
from tests.serve.builder import build

with warnings.catch_warnings():
    # Starlette warns at import that it would rather use httpx2, which is not one of our dependencies.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "test-token-0123456789"

__all__ = ["FIXTURES", "TOKEN", "TestClient", "copy_db"]


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a closed SQLite store (with its WAL file, if one was left)."""
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{source}{suffix}")
        if extra.exists():
            shutil.copyfile(extra, Path(f"{target}{suffix}"))
    return target


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "built.db"
    with Store.open(str(path)) as store:
        build(store)
    return path


@pytest.fixture(scope="session")
def client(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-only app over a copy of the hand-built store, shared by the tests that only read."""
    path = copy_db(built_db, tmp_path_factory.mktemp("read") / "read.db")
    with TestClient(create_app(str(path))) as opened:
        yield opened


@pytest.fixture
def writable_db(built_db: Path, tmp_path: Path) -> Path:
    return copy_db(built_db, tmp_path / "write.db")


@pytest.fixture
def writer(writable_db: Path) -> Iterator[TestClient]:
    """An app over a private copy of the hand-built store, with write actions enabled by TOKEN."""
    with TestClient(create_app(str(writable_db), token=TOKEN)) as opened:
        yield opened


@pytest.fixture(scope="session")
def pipeline_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture reports ingested and run through the whole pipeline (spaCy), once per session."""
    from rashomon.ingest import ingest_paths
    from rashomon.pipeline import process_documents

    path = tmp_path_factory.mktemp("pipeline") / "pipeline.db"
    settings = Settings(db=str(path))
    with Store.open(settings.db) as store:
        report = ingest_paths(store, [FIXTURES], settings=settings)
        if report.failures:
            raise AssertionError(f"fixture reports failed to ingest: {report.failures}")
        process_documents(store, store.document_ids(), settings=settings)
    return path


@pytest.fixture(scope="session")
def pipeline_client(pipeline_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = copy_db(pipeline_db, tmp_path_factory.mktemp("pipeline-read") / "read.db")
    with TestClient(create_app(str(path))) as opened:
        yield opened
