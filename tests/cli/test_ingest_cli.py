"""`rashomon ingest` and `rashomon documents` through the real CLI: exit codes, summaries, kills."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from tests.ingest.conftest import FIXTURES
from tests.ingest.synthetic import synthetic_report

runner = CliRunner()


def rashomon(*args: str, input: str | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, in its own process."""
    command = [*prefix, sys.executable, "-m", "rashomon", *args]
    return subprocess.run(command, capture_output=True, text=True, input=input, timeout=300, check=False)


def write_reports(folder: Path, count: int, *, first_seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"report-{number:03d}.txt"
        path.write_text(synthetic_report(first_seed + number), encoding="utf-8")
        paths.append(path)
    return paths


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.2) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_ingest_cli_summary_names_each_failure(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = tmp_path / "cli.db"
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "in"), str(tmp_path / "nope.txt"), "--db", str(db), "--no-extract"]
    )
    assert result.exit_code == 0, result.output
    assert "Ingested 2, skipped 0 already stored, failed 3" in result.stdout
    assert f"{tmp_path / 'in' / 'empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'in' / 'photo.txt'}: binary file (PNG image), not a text document" in result.stderr
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in result.stderr


def test_ingest_cli_only_bad_files_exits_1(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n")
    result = runner.invoke(app, ["ingest", str(tmp_path / "blank.txt"), "--db", str(tmp_path / "x.db"), "--no-extract"])
    assert result.exit_code == 1
    assert "blank.txt: file contains only whitespace" in result.stderr


def test_ingest_cli_rerun_of_stored_inputs_exits_0(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    args = ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"), "--no-extract"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert "Ingested 0, skipped 3 already stored, failed 0 - nothing new" in again.stdout
    assert again.stdout.count("R001") == 3


def test_ingest_cli_duplicates_and_failures_only_exits_1(tmp_path: Path) -> None:
    [report] = write_reports(tmp_path / "in", 1)
    db = str(tmp_path / "x.db")
    runner.invoke(app, ["ingest", str(report), "--db", db, "--no-extract"])
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(report), str(tmp_path / "empty.txt"), "--db", db, "--no-extract"])
    assert result.exit_code == 1


def test_ingest_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db")]).exit_code == 2
    assert runner.invoke(app, ["ingest", "x.txt", "--max-bytes", "0"]).exit_code == 2
    assert runner.invoke(app, ["ingest", "x.txt", "--no-such-option"]).exit_code == 2


def test_ingest_cli_help_states_exit_rule() -> None:
    result = runner.invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "Exit status: 0 when at least one input was ingested, or when every input was already stored" in text
    assert "1 when nothing could be ingested because inputs failed; 2 for usage errors" in text


def test_ingest_cli_max_bytes_option(tmp_path: Path) -> None:
    [report] = write_reports(tmp_path / "in", 1)
    result = runner.invoke(
        app, ["ingest", str(report), "--db", str(tmp_path / "x.db"), "--no-extract", "--max-bytes", "100"]
    )
    assert result.exit_code == 1
    assert f"{report}: " in result.stderr and "over the size limit of 100 bytes" in result.stderr


def test_ingest_cli_documents_table_and_json(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert runner.invoke(app, ["ingest", str(FIXTURES / "article.html"), "--db", db, "--no-extract"]).exit_code == 0
    listed = runner.invoke(app, ["documents", "--db", db, "--json"])
    assert listed.exit_code == 0
    [row] = json.loads(listed.stdout)
    assert row["id"] == "article"
    assert row["publisher"] == "The Lowland Courier"
    assert row["published"] == "2023-05-09" and row["published_source"] == "metadata"
    assert row["language"] == "en"
    assert row["near_duplicate_of"] is None
    assert row["chars"] > 500
    table = runner.invoke(app, ["documents", "--db", db, "--limit", "5"])
    assert table.exit_code == 0 and "article" in table.stdout and "Lowland" in table.stdout


def test_ingest_cli_documents_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["documents", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0 and "No documents stored yet" in result.stdout
    assert json.loads(runner.invoke(app, ["documents", "--db", str(tmp_path / "x.db"), "--json"]).stdout) == []


@pytest.mark.skipif(importlib.util.find_spec("rashomon.pipeline") is not None, reason="the pipeline exists")
def test_ingest_cli_without_pipeline_skips_extraction(tmp_path: Path) -> None:
    [report] = write_reports(tmp_path / "in", 1)
    result = runner.invoke(app, ["ingest", str(report), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert "Extraction skipped" in result.stdout


def test_ingest_cli_reads_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = rashomon("ingest", "-", "--db", db, "--no-extract", input=synthetic_report(70))
    assert result.returncode == 0, result.stderr
    assert "Ingested 1" in result.stdout
    lines = '{"id": "piped-1", "text": "Shelling resumed along the front line overnight."}\n'
    result = rashomon("ingest", "-", "--db", db, "--no-extract", input=lines)
    assert result.returncode == 0, result.stderr
    listed = json.loads(rashomon("documents", "--db", db, "--json").stdout)
    assert {row["id"] for row in listed} == {"stdin", "piped-1"}


def test_ingest_cli_unreadable_file_is_reported(tmp_path: Path) -> None:
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        # root reads anything; drop the capabilities that let it, as setpriv does for a service.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        caps = "-dac_override,-dac_read_search"
        prefix = (setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", "--")
    write_reports(tmp_path / "in", 1)
    secret = tmp_path / "in" / "secret.txt"
    secret.write_text("Classified report text.")
    secret.chmod(0)
    try:
        result = rashomon("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"), "--no-extract", prefix=prefix)
    finally:
        secret.chmod(0o644)
    assert result.returncode == 0, result.stderr
    assert f"{secret}: permission denied" in result.stderr
    assert "Ingested 1" in result.stdout


@pytest.mark.slow
def test_ingest_cli_killed_mid_ingest_then_rerun_completes(tmp_path: Path) -> None:
    total = 300
    write_reports(tmp_path / "many", total, first_seed=1000)
    db = tmp_path / "kill.db"
    command = [sys.executable, "-m", "rashomon", "ingest", str(tmp_path / "many"), "--no-extract", "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and stored_count(db) < 20:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    stored = stored_count(db)
    assert 0 < stored < total

    rerun = rashomon("ingest", str(tmp_path / "many"), "--no-extract", "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert f"Ingested {total - stored}, skipped {stored} already stored, failed 0" in rerun.stdout

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM documents")]
        hashes = {row[0] for row in connection.execute("SELECT content_hash FROM documents")}
    assert sorted(ids) == [f"report-{number:03d}" for number in range(total)]
    assert len(hashes) == total
