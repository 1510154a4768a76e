"""The store on a real SQLite file: schema creation, documents, accounts round trip."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from rashomon.errors import NotFound, StoreError
from rashomon.model.records import (
    Account,
    DatePrecision,
    Document,
    EventDate,
    EventKind,
    Evidence,
    FigureClaim,
    FigureKind,
    PerpetratorClaim,
    PerpetratorStatus,
    Place,
    PlacePrecision,
)
from rashomon.model.types.figure import Qualifier, Quantity
from rashomon.store import Store

TEXT = "On 2 March 2021 a car bomb killed at least 12 people in Mogadishu, police said."


def make_document(doc_id: str = "d1", text: str = TEXT) -> Document:
    return Document(id=doc_id, text=text, content_hash=f"hash-{doc_id}", source=f"/tmp/{doc_id}.txt", format="txt")


def evidence(start: int, end: int) -> Evidence:
    return Evidence("d1", start, end, 0, len(TEXT), "test", "1")


def test_store_creates_schema_in_wal_mode(db_path: Path) -> None:
    with Store.open(str(db_path)) as store:
        assert store.schema_version() == 2
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [row[0] for row in connection.execute("SELECT version FROM _migrations")]
    assert versions == [1, 2]


def test_store_reopen_is_idempotent(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    with Store.open(str(db_path)) as store:
        assert store.counts()["documents"] == 0


def test_store_refuses_foreign_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE documents (x)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not made by rashomon"):
        Store.open(str(path))


def test_store_document_round_trip_and_duplicate_hash(store: Store) -> None:
    document = make_document()
    assert store.add_document(document) is True
    assert store.add_document(make_document("d2").__class__(**{**_fields(document), "id": "d2"})) is False
    loaded = store.document("d1")
    assert loaded.text == TEXT
    assert store.document_id_for_hash("hash-d1") == "d1"
    with pytest.raises(NotFound):
        store.document("missing")


def _fields(document: Document) -> dict[str, object]:
    return {name: getattr(document, name) for name in document.__slots__}  # type: ignore[attr-defined]


def test_store_accounts_round_trip_and_replace(store: Store) -> None:
    store.add_document(make_document())
    figure = FigureClaim(
        FigureKind.KILLED,
        Quantity(12, 12, None, Qualifier.AT_LEAST, "at least 12"),
        evidence(TEXT.index("at least"), TEXT.index(" people")),
        attributed_to="police",
    )
    perpetrator = PerpetratorClaim("al-Shabaab", "al-shabaab", PerpetratorStatus.CLAIMED, evidence(0, 2))
    account = Account(
        id="d1#1",
        document_id="d1",
        kind=EventKind.ATTACK,
        extractor="test",
        version="1",
        attack_type="Bombing/Explosion",
        suicide=False,
        date=EventDate(dt.date(2021, 3, 2), dt.date(2021, 3, 2), DatePrecision.DAY, "2 March 2021", "explicit"),
        place=Place("Mogadishu", "SO", PlacePrecision.CITY, city="Mogadishu", lat=2.04, lon=45.34),
        figures=(figure,),
        perpetrators=(perpetrator,),
        mentions=(evidence(0, len(TEXT)),),
    )
    store.replace_accounts("d1", "test", "1", [account])
    (loaded,) = store.accounts(document_id="d1")
    assert loaded == account
    store.replace_accounts("d1", "other", "1", [])
    assert len(store.accounts()) == 1, "another extractor's run must not remove this one's output"
    store.replace_accounts("d1", "test", "2", [])
    assert store.accounts() == []
    assert store.counts()["claims"] == 0
