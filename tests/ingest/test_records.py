"""JSON and JSON Lines records: one document per record; a bad record never costs the others."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rashomon.errors import EmptyInput, IngestError
from rashomon.ingest.records import read_json, read_jsonl
from rashomon.model.records import Document
from tests.ingest.conftest import raw


def split(items: list[Document | IngestError]) -> tuple[list[Document], list[IngestError]]:
    documents = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, IngestError)]
    return documents, failures


def test_records_read_json_list(fixtures: Path) -> None:
    documents, failures = split(list(read_json(raw((fixtures / "records.json").read_bytes(), "records.json"))))
    assert not failures
    first, second = documents
    assert first.id == "wire-0001"
    assert first.title == "Mortar rounds hit a displacement camp"
    assert first.publisher == "Example Wire"
    assert first.author == "Field Team"
    assert first.url == "https://wire.example.org/0001"
    assert first.published == dt.date(2022, 8, 14)
    assert first.published_source == "record"
    assert first.language == "en"
    assert first.format == "json"
    assert second.id == "records-2"  # no id in the record: <stem>-<n>
    assert second.published == dt.date(2022, 8, 15)


def test_records_read_json_single_object() -> None:
    [document] = list(read_json(raw('{"text": "A lone record.", "language": "fr-FR"}', "one.json")))
    assert isinstance(document, Document)
    assert document.id == "one-1"
    assert document.language == "fr"


def test_records_read_jsonl_reports_bad_line_and_keeps_others(fixtures: Path) -> None:
    documents, failures = split(list(read_jsonl(raw((fixtures / "daily.jsonl").read_bytes(), "daily.jsonl"))))
    assert [document.id for document in documents] == ["feed-a", "daily-2", "feed-d"]
    [failure] = failures
    assert failure.source == "daily.jsonl"
    assert failure.reason.startswith("line 3: invalid JSON")
    assert documents[0].published == dt.date(2021, 2, 3)
    assert documents[0].publisher == "Example Daily"
    assert documents[2].published is None  # "not a date at all" is not guessed
    assert all(document.format == "jsonl" for document in documents)


def test_records_read_json_accepts_json_lines_saved_as_json() -> None:
    data = '{"text": "First."}\n{"text": "Second."}\n'
    documents, failures = split(list(read_json(raw(data, "lines.json"))))
    assert [document.text for document in documents] == ["First.", "Second."]
    assert not failures


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ('{"title": "no text"}', "no 'text' field"),
        ('{"text": 42}', "'text' is not a string"),
        ('{"text": "   "}', "'text' is empty"),
        ('["a list"]', "not a record (expected an object with a 'text' field)"),
    ],
)
def test_records_bad_record_is_reported(record: str, reason: str) -> None:
    documents, failures = split(list(read_jsonl(raw(record + '\n{"text": "fine"}\n', "r.jsonl"))))
    assert len(documents) == 1
    assert failures[0].reason == f"line 1: {reason}"


def test_records_read_json_refuses_invalid_and_scalar_json() -> None:
    with pytest.raises(IngestError, match="invalid JSON at line 2"):
        list(read_json(raw('[{"text": "a"},\n oops]', "bad.json")))
    with pytest.raises(IngestError, match="record"):
        list(read_json(raw("42", "num.json")))
    with pytest.raises(EmptyInput):
        list(read_json(raw("[]", "none.json")))


def test_records_text_is_normalised() -> None:
    [document] = list(read_jsonl(raw('{"text": "one\\r\\ntwo", "id": 7}', "r.jsonl")))
    assert isinstance(document, Document)
    assert document.text == "one\ntwo"
    assert document.id == "7"
