"""`rashomon extract` and `rashomon demo` through the CLI, on real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.cli.run import sample_ids
from rashomon.store import Store

runner = CliRunner()

# Two short reports written for these tests; places and people are invented.
REPORTS = {
    "market.txt": (
        "Bomb attack kills nine at a market in Tarvesh\n\n"
        "A bomb hidden in a vegetable cart exploded at a crowded market in the town of Tarvesh on 14 March 2023, "
        "killing nine people and wounding 31, the district police chief said.\n\n"
        "No group has claimed responsibility for the attack. Police said they had arrested two suspects.\n"
    ),
    "market-later.txt": (
        "Tarvesh market toll rises to eleven\n\n"
        "The death toll from the bombing of a market in Tarvesh on 14 March 2023 rose to 11 on Thursday after two "
        "of the wounded died in hospital, a health official said.\n"
    ),
}


def write_reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest_only(tmp_path: Path) -> Path:
    db = tmp_path / "run.db"
    result = runner.invoke(app, ["ingest", str(write_reports(tmp_path / "in")), "--db", str(db), "--no-extract"])
    assert result.exit_code == 0, result.output
    return db


def stored_accounts(db: Path) -> list[object]:
    with Store.open(str(db)) as store:
        return list(store.accounts())


def event_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM events ORDER BY id")]


# extract ----------------------------------------------------------------------------------


@pytest.mark.model
def test_run_cli_extract_twice_gives_the_same_accounts(tmp_path: Path) -> None:
    db = ingest_only(tmp_path)
    assert stored_accounts(db) == []
    first = runner.invoke(app, ["extract", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "from 2 documents" in first.stdout
    accounts, events = stored_accounts(db), event_ids(db)
    assert accounts, "the reports describe an attack: extraction must find accounts"
    assert events
    again = runner.invoke(app, ["extract", "--all", "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert stored_accounts(db) == accounts
    assert event_ids(db) == events
    with Store.open(str(db)) as store:
        assert len(store.extraction_runs()) == 2  # one per document, replaced rather than added


@pytest.mark.model
def test_run_cli_extract_skips_documents_already_done(tmp_path: Path) -> None:
    db = ingest_only(tmp_path)
    assert runner.invoke(app, ["extract", "--document", "market", "--no-resolve", "--db", str(db)]).exit_code == 0
    assert event_ids(db) == []  # --no-resolve stores accounts only
    pending = runner.invoke(app, ["extract", "--db", str(db)])
    assert pending.exit_code == 0, pending.output
    assert "from 1 documents" in pending.stdout  # only market-later was left
    done = runner.invoke(app, ["extract", "--db", str(db)])
    assert done.exit_code == 0
    assert "already extracted" in done.stdout


def test_run_cli_extract_unknown_document_exits_1(tmp_path: Path) -> None:
    db = ingest_only(tmp_path)
    result = runner.invoke(app, ["extract", "--document", "market", "--document", "nope", "--db", str(db)])
    assert result.exit_code == 1
    assert "no document 'nope'" in result.stderr
    assert stored_accounts(db) == []  # nothing ran, not even the known document


def test_run_cli_extract_document_and_all_is_a_usage_error(tmp_path: Path) -> None:
    db = ingest_only(tmp_path)
    result = runner.invoke(app, ["extract", "--document", "market", "--all", "--db", str(db)])
    assert result.exit_code == 2


def test_run_cli_extract_on_an_empty_store_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0
    assert "No documents stored yet" in result.stdout


# demo -------------------------------------------------------------------------------------


@pytest.mark.model
def test_run_cli_demo_builds_a_store_and_prints_events(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Stored 12 sample reports" in result.stdout
    assert "conflicts" in result.stdout.lower()
    with Store.open(str(db)) as store:
        counts = store.counts()
        assert set(store.document_ids()) == sample_ids()
        assert store.document("04_kerman_toll_rises").publisher == "Gulf Ledger"  # manifest metadata kept
    assert counts["events"] > 0 and counts["accounts"] >= counts["events"]
    assert f"{counts['events']} events" in result.stdout
    assert all(event_id in result.stdout for event_id in event_ids(db)), "every event is a row of the table"
    again = runner.invoke(app, ["demo", "--db", str(db)])  # the old demo store is replaced, not added to
    assert again.exit_code == 0, again.output
    with Store.open(str(db)) as store:
        assert store.counts() == counts


def test_run_cli_demo_refuses_to_delete_a_real_store(tmp_path: Path) -> None:
    db = ingest_only(tmp_path)
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 1
    assert "refusing to delete" in result.stderr
    with Store.open(str(db)) as store:
        assert sorted(store.document_ids()) == ["market", "market-later"]


def test_run_cli_demo_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--db", str(notes)])
    assert result.exit_code == 1
    assert "not an SQLite file" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
