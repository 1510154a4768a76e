"""ingest_paths end to end on a real SQLite store: every format, duplicates, failures, re-runs."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from rashomon.ingest import IngestProgress, ingest_paths
from rashomon.ingest.base import content_hash
from rashomon.settings import Settings
from rashomon.store import Store
from tests.ingest.conftest import FIXTURES, PDF_PAGES, make_pdf
from tests.ingest.synthetic import synthetic_report

SETTINGS = Settings(db="unused", max_bytes=1_000_000)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with every supported format, written from the fixtures and at test time."""
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES, folder)
    (folder / "pdfs").mkdir()
    (folder / "pdfs" / "sitrep.pdf").write_bytes(make_pdf(PDF_PAGES, title="Water station sabotage"))
    (folder / "dispatch.txt").write_text(
        "Mortar fire hits border village\n\n3 April 2022\n\n" + synthetic_report(5), encoding="utf-8"
    )
    return folder


def log_rows(db_path: Path) -> list[tuple[str, str, str | None, str | None]]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.execute("SELECT source, status, document_id, reason FROM ingest_log ORDER BY id"))


def test_run_ingests_every_format(store: Store, corpus: Path) -> None:
    report = ingest_paths(store, [corpus], settings=SETTINGS)
    assert not report.failures[1:]  # only the broken JSON line fails
    [failure] = report.failures
    assert failure.source.endswith("daily.jsonl") and failure.reason.startswith("line 3:")
    expected = {
        "article", "coast-1", "coast-2", "dispatch", "feed-1", "feed-2", "feed-a", "feed-d", "daily-2", "records-2",
        "report", "sitrep", "wire-0001",
    }  # fmt: skip
    assert set(report.ingested) == expected
    assert set(store.document_ids()) == expected
    formats = {store.document(document_id).format for document_id in expected}
    assert formats == {"html", "feed", "json", "jsonl", "md", "pdf", "txt"}
    assert report.succeeded


def test_run_completes_documents(store: Store, corpus: Path) -> None:
    ingest_paths(store, [corpus], settings=SETTINGS)
    dispatch = store.document("dispatch")
    assert dispatch.published == dt.date(2022, 4, 3)
    assert dispatch.published_source == "dateline"
    assert dispatch.title == "Mortar fire hits border village"
    assert dispatch.language == "en"
    assert dispatch.ingested_at is not None
    assert dispatch.content_hash == content_hash(dispatch.text)
    report_md = store.document("report")
    assert report_md.published == dt.date(2023, 6, 2)  # agency dateline in the first paragraph
    assert report_md.published_source == "dateline"
    assert store.document("article").published_source == "metadata"
    assert store.document("feed-1").published_source == "feed"
    assert store.document("wire-0001").published_source == "record"


def test_run_rerun_is_idempotent(store: Store, corpus: Path, db_path: Path) -> None:
    first = ingest_paths(store, [corpus], settings=SETTINGS)
    before = store.counts()["documents"]
    second = ingest_paths(store, [corpus], settings=SETTINGS)
    assert second.ingested == ()
    assert len(second.duplicates) == len(first.ingested)
    assert {duplicate.existing_id for duplicate in second.duplicates} == set(first.ingested)
    assert store.counts()["documents"] == before
    statuses = [row[1] for row in log_rows(db_path) if row[0].endswith("dispatch.txt")]
    assert statuses == ["ingested", "duplicate"]
    assert second.run_id != first.run_id


def test_run_exact_duplicate_is_skipped_and_logged(store: Store, tmp_path: Path, db_path: Path) -> None:
    text = synthetic_report(8)
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")  # same once normalised
    report = ingest_paths(store, [tmp_path / "one.txt", tmp_path / "copy.txt"], settings=SETTINGS)
    assert report.ingested == ("one",)
    [duplicate] = report.duplicates
    assert duplicate.source.endswith("copy.txt") and duplicate.existing_id == "one"
    assert report.succeeded
    rows = log_rows(db_path)
    assert rows[-1][1:] == ("duplicate", "one", "R001 duplicate of one")


def test_run_near_duplicate_is_stored_and_flagged(store: Store, tmp_path: Path) -> None:
    original = synthetic_report(11)
    body = original.split("\n", 1)[1]
    (tmp_path / "agency.txt").write_text(original, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text("Attack reported, toll rises\n" + body + "\nCopyright a partner agency.\n")
    for seed in range(20, 30):
        (tmp_path / f"other-{seed}.txt").write_text(synthetic_report(seed), encoding="utf-8")
    report = ingest_paths(store, [tmp_path], settings=SETTINGS)
    assert "reprint" in report.ingested
    [near] = report.near_duplicates
    assert (near.document_id, near.of) == ("reprint", "agency")
    assert near.similarity >= 0.8
    assert store.document("reprint").near_duplicate_of == "agency"
    assert store.document("other-21").near_duplicate_of is None


def test_run_near_duplicate_found_against_earlier_run(store: Store, tmp_path: Path) -> None:
    original = synthetic_report(12)
    (tmp_path / "first.txt").write_text(original, encoding="utf-8")
    ingest_paths(store, [tmp_path / "first.txt"], settings=SETTINGS)
    (tmp_path / "later.txt").write_text(original + "\nUpdated with a correction.\n", encoding="utf-8")
    report = ingest_paths(store, [tmp_path / "later.txt"], settings=SETTINGS)
    assert [(near.document_id, near.of) for near in report.near_duplicates] == [("later", "first")]


def test_run_same_id_different_text_gets_hash_suffix(store: Store, tmp_path: Path) -> None:
    for folder, seed in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(synthetic_report(seed), encoding="utf-8")
    report = ingest_paths(store, [tmp_path], settings=SETTINGS)
    second_hash = content_hash(synthetic_report(2))
    assert report.ingested == ("report", f"report-{second_hash[:8]}")
    again = ingest_paths(store, [tmp_path], settings=SETTINGS)
    assert again.ingested == () and len(again.duplicates) == 2


def test_run_bad_inputs_each_get_one_reason_and_lose_nothing(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(synthetic_report(30), encoding="utf-8")
    cases = {
        "empty.txt": (b"", "empty file"),
        "blank.md": (b" \n\t \r\n", "only whitespace"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image)"),
        "noise.txt": (bytes((i * 97 + 13) % 256 for i in range(3000)), "binary"),
        "locked.pdf": (make_pdf(PDF_PAGES, user_password="pw"), "password"),
        "broken.pdf": (b"%PDF-1.4\nnot really\n", "malformed PDF"),
        "huge.txt": (b"word " * 400_000, "over the size limit"),
        "page.html": (b"<html><body><script>only()</script></body></html>", "no readable text"),
        "books.xml": (b'<?xml version="1.0"?><catalogue/>', "not an RSS or Atom feed"),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "nothing-here").mkdir()
    paths = [good, *(tmp_path / name for name in cases), tmp_path / "missing.txt", tmp_path / "nothing-here"]
    report = ingest_paths(store, paths, settings=SETTINGS)
    assert report.ingested == ("good",)
    reasons = {Path(failure.source).name: failure.reason for failure in report.failures}
    for name, (_, expected) in cases.items():
        assert expected in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    assert reasons["missing.txt"] == "no such file or directory"
    assert "no supported files" in reasons["nothing-here"]
    assert len(report.failures) == len(cases) + 2
    assert report.succeeded


def test_run_only_failures_is_not_success(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    report = ingest_paths(store, [tmp_path / "empty.txt"], settings=SETTINGS)
    assert not report.succeeded


def test_run_reads_stdin(store: Store) -> None:
    html = b"<!DOCTYPE html><html><head><title>Piped page</title></head><body><p>Text from a pipe.</p></body></html>"
    report = ingest_paths(store, ["-"], settings=SETTINGS, stdin=io.BytesIO(html))
    assert report.ingested == ("stdin",)
    document = store.document("stdin")
    assert document.source == "-" and document.format == "html" and document.title == "Piped page"
    lines = b'{"id": "p1", "text": "First piped record."}\n{"text": "Second piped record."}\n'
    report = ingest_paths(store, ["-"], settings=SETTINGS, stdin=io.BytesIO(lines))
    assert report.ingested == ("p1", "stdin-2")


def test_run_reports_progress(store: Store, tmp_path: Path) -> None:
    for seed in range(3):
        (tmp_path / f"r{seed}.txt").write_text(synthetic_report(seed), encoding="utf-8")
    events: list[IngestProgress] = []
    ingest_paths(store, [tmp_path], settings=SETTINGS, on_progress=events.append)
    assert [(event.done, event.total) for event in events] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert events[-1].source.endswith("r2.txt")


def test_run_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, rashomon.ingest, rashomon.cli;"
        "heavy = [m for m in ('lingua', 'trafilatura', 'datasketch', 'dateparser', 'pypdf', 'feedparser')"
        " if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
