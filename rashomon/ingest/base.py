"""Ingest stage, shared ground for every reader: the raw input, text normalisation, hashing.

Consumes nothing from other stages. A reader takes one `RawInput` (the bytes of a file or of
stdin, with its name) and yields `Document`s, or an `IngestError` for a single record that is
bad while the rest of the file is fine. Everything that makes two copies of one report look
the same (newlines, a byte-order mark) is normalised here, once, so that the content hash and
every later character offset refer to the same text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from rashomon.errors import EmptyInput, IngestError
from rashomon.model.records import Document

ReaderOutput = Iterator[Document | IngestError]
"""What a reader yields: documents, and per-record errors that do not stop the file."""


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as bytes. `source` is the path as given (or "-"), `stem` names its documents."""

    source: str
    stem: str
    extension: str  # lower case with the dot (".html"), or "" when the name has none
    data: bytes


def normalise_text(text: str) -> str:
    """The text as it will be stored and analysed: newlines as \\n and no byte-order mark.

    Nothing else changes: offsets found later must point into exactly this string.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """sha256 of the normalised text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def require_text(text: str, source: str, *, what: str = "file") -> str:
    """Normalise `text` and refuse it when nothing is left to analyse."""
    text = normalise_text(text)
    if not text:
        raise EmptyInput(source, f"empty {what}")
    if not text.strip():
        raise EmptyInput(source, f"{what} contains only whitespace")
    return text


def clean_field(value: object, *, limit: int = 500) -> str | None:
    """A metadata value as one trimmed line, or None when it is missing or blank.

    Metadata comes from pages, feeds and records we do not control: collapse whitespace so a
    title never carries a newline, and cut absurdly long values.
    """
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    return text[:limit]


def make_document(
    *,
    document_id: str,
    text: str,
    source: str,
    format: str,
    title: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    published_source: str | None = None,
    language: str | None = None,
) -> Document:
    """A reader's document: hashed, with its metadata trimmed. Ingest time is set when stored."""
    return Document(
        id=document_id,
        text=text,
        content_hash=content_hash(text),
        source=source,
        format=format,
        title=clean_field(title),
        publisher=clean_field(publisher),
        author=clean_field(author),
        url=clean_field(url, limit=2000),
        published=published,
        published_source=published_source if published is not None else None,
        language=language,
    )
