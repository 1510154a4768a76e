"""Ingest stage, reader for PDF files: bytes in, one `Document` (all pages' text) out.

pypdf extracts the text layer page by page; pages are joined by a blank line so a sentence
never runs from one page into the next. A PDF without a text layer (a scan) is refused with
that reason rather than stored empty. Encrypted files are opened with the empty password that
many "protected" reports use; otherwise they are refused as encrypted.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
from typing import Any

from rashomon.errors import EmptyInput, UndecodableInput
from rashomon.ingest.base import RawInput, ReaderOutput, make_document, normalise_text
from rashomon.ingest.dates import parse_metadata_date

# pypdf reports recoverable damage through logging; without a handler Python would print it
# on stderr in the middle of the CLI's output. Applications that configure logging still see it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

# Placeholder values PDF producers write when the author filled nothing in.
PLACEHOLDERS = frozenset({"untitled", "anonymous", "unknown", "unspecified", "(anonymous)", "none", "user"})


def read_pdf(raw: RawInput) -> ReaderOutput:
    """One document from a PDF: its text layer and its title, author and creation date."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about recoverable damage; the text is what matters
        reader = _open(raw)
        text = normalise_text(_extract_text(reader, raw.source))
        info = _info(reader)
    if not text.strip():
        raise EmptyInput(raw.source, "PDF has no text layer (a scanned image?); OCR is not supported")
    created = info.get("creation_date")
    published = parse_metadata_date(created)
    yield make_document(
        document_id=raw.stem,
        text=text,
        source=raw.source,
        format="pdf",
        title=_meaningful(info.get("title")),
        author=_meaningful(info.get("author")),
        published=published,
        published_source="metadata",
    )


def _open(raw: RawInput) -> Any:
    from pypdf import PdfReader

    # A damaged PDF can make pypdf raise almost anything (its own errors, KeyError, zlib.error,
    # struct.error...); every one of them means the same thing to the user.
    try:
        reader = PdfReader(io.BytesIO(raw.data))
    except Exception as error:
        raise UndecodableInput(raw.source, f"malformed PDF: {_first_line(error)}") from error
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:
            raise UndecodableInput(raw.source, f"encrypted PDF that cannot be opened: {_first_line(error)}") from error
        if not opened:
            raise UndecodableInput(raw.source, "encrypted PDF: a password is needed to read it")
    return reader


def _extract_text(reader: Any, source: str) -> str:
    pages: list[str] = []
    try:
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip("\n"))
    except Exception as error:
        if not any(pages):
            raise UndecodableInput(source, f"malformed PDF: {_first_line(error)}") from error
        # Keep the pages read before the damaged one: a partial report beats none.
    return "\n\n".join(page for page in pages if page)


def _info(reader: Any) -> dict[str, Any]:
    """Title, author and creation date; a damaged info dictionary gives nothing, not an error."""
    try:
        metadata = reader.metadata
        if metadata is None:
            return {}
        return {"title": metadata.title, "author": metadata.author, "creation_date": _creation(metadata)}
    except Exception:
        return {}


def _creation(metadata: Any) -> dt.datetime | None:
    try:
        created = metadata.creation_date
    except (ValueError, TypeError):
        return None
    return created if isinstance(created, dt.datetime) else None


def _meaningful(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or text.lower() in PLACEHOLDERS:
        return None
    return text


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
