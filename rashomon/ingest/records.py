"""Ingest stage, reader for JSON and JSON Lines records: bytes in, one `Document` per record out.

A record is an object with `text` and optionally `id`, `title`, `url`, `published`, `source`
(the publisher), `author` and `language`; other keys are ignored. A `.json` file holds one
record or a list of them; a `.jsonl` file one record per line. One bad record or line is
reported with its number and the others still ingest: a scraper's export with one broken line
should not cost the other thousand reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from rashomon.errors import EmptyInput, IngestError
from rashomon.ingest.base import RawInput, ReaderOutput, clean_field, make_document, normalise_text, require_text
from rashomon.ingest.dates import parse_metadata_date
from rashomon.ingest.decode import decode_bytes
from rashomon.model.records import Document

MAX_ID_CHARS = 200
_LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$")


def read_json(raw: RawInput) -> ReaderOutput:
    """Documents from a .json file: one record, or a list of records (JSON Lines are accepted too)."""
    text = require_text(decode_bytes(raw.data, raw.source), raw.source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if _looks_like_lines(text):
            yield from _lines(raw, text)
            return
        where = f"line {error.lineno} column {error.colno}"
        raise IngestError(raw.source, f"invalid JSON at {where}: {error.msg}") from error
    if isinstance(data, dict):
        records: list[object] = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise IngestError(raw.source, "JSON must hold a record (an object) or a list of records")
    if not records:
        raise EmptyInput(raw.source, "the JSON list holds no records")
    yield from _documents(raw, ((number, f"record {number}", record) for number, record in enumerate(records, 1)))


def read_jsonl(raw: RawInput) -> ReaderOutput:
    """Documents from a .jsonl file, one record per line; blank lines are skipped."""
    text = require_text(decode_bytes(raw.data, raw.source), raw.source)
    yield from _lines(raw, text)


def _lines(raw: RawInput, text: str) -> ReaderOutput:
    def numbered() -> Iterable[tuple[int, str, object]]:
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield number, f"line {number}", line

    yield from _documents(raw, numbered(), parse=True)


def _documents(raw: RawInput, items: Iterable[tuple[int, str, object]], *, parse: bool = False) -> ReaderOutput:
    for number, where, item in items:
        try:
            record = _parse_line(raw.source, where, item) if parse else item
            yield _record(raw, record, number, where)
        except IngestError as error:
            yield error


def _parse_line(source: str, where: str, line: object) -> object:
    try:
        return json.loads(str(line))
    except json.JSONDecodeError as error:
        raise IngestError(source, f"{where}: invalid JSON ({error.msg} at column {error.colno})") from error


def _record(raw: RawInput, record: object, number: int, where: str) -> Document:
    if not isinstance(record, dict):
        raise IngestError(raw.source, f"{where}: not a record (expected an object with a 'text' field)")
    body = record.get("text")
    if not isinstance(body, str):
        problem = "no 'text' field" if body is None else "'text' is not a string"
        raise EmptyInput(raw.source, f"{where}: {problem}")
    text = normalise_text(body)
    if not text.strip():
        raise EmptyInput(raw.source, f"{where}: 'text' is empty")
    published_value = record.get("published")
    return make_document(
        document_id=_record_id(record.get("id")) or f"{raw.stem}-{number}",
        text=text,
        source=raw.source,
        format="jsonl" if where.startswith("line") else "json",
        title=_string(record.get("title")),
        publisher=_string(record.get("source")),
        author=_string(record.get("author")),
        url=_string(record.get("url")),
        published=parse_metadata_date(published_value),
        published_source="record",
        language=_language(record.get("language")),
    )


def _record_id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return clean_field(value, limit=MAX_ID_CHARS)


def _string(value: object) -> str | None:
    if isinstance(value, list):  # several authors
        value = ", ".join(str(item) for item in value if isinstance(item, (str, int, float)))
    return clean_field(value) if isinstance(value, (str, int, float)) else None


def _language(value: object) -> str | None:
    """An ISO 639-1 code from "en", "EN" or "en-GB"; anything else is left to detection."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value.strip().lower())
    return match.group(1) if match else None


def _looks_like_lines(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and lines[0].startswith("{") and lines[1].startswith("{")
