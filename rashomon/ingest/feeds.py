"""Ingest stage, reader for RSS and Atom feed files: bytes in, one `Document` per entry out.

feedparser reads every feed dialect and repairs what it can. An entry's text is its full
content when the feed carries it, else its summary, with the HTML stripped block by block.
The entry's own date string is parsed rather than feedparser's UTC tuple, so a report
published at 01:00 in Kabul keeps its local date. The feed's title is the publisher.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from rashomon.errors import EmptyInput, IngestError, UnsupportedInput
from rashomon.ingest.base import RawInput, ReaderOutput, make_document, normalise_text
from rashomon.ingest.dates import parse_metadata_date
from rashomon.ingest.markup import markup_to_text
from rashomon.model.records import Document

PLAIN_TYPES = ("text/plain",)


def read_feed(raw: RawInput) -> ReaderOutput:
    """One document per feed entry; an entry without text is reported and the others kept."""
    import feedparser

    # Always a stream: given bytes or a string, feedparser may treat them as a file name or URL.
    parsed = feedparser.parse(io.BytesIO(raw.data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f": {_first_line(problem)}" if problem else ""
        raise UnsupportedInput(raw.source, f"not an RSS or Atom feed{detail}")
    entries = parsed.get("entries") or []
    if not entries:
        raise EmptyInput(raw.source, "the feed has no entries")
    publisher = parsed.get("feed", {}).get("title")
    for number, entry in enumerate(entries, 1):
        try:
            yield _entry(raw, entry, number, publisher)
        except IngestError as error:
            yield error


def _entry(raw: RawInput, entry: Any, number: int, publisher: str | None) -> Document:
    text = normalise_text(_entry_text(entry))
    if not text.strip():
        raise EmptyInput(raw.source, f"entry {number}: no content or summary")
    published, how = _entry_date(entry)
    return make_document(
        document_id=f"{raw.stem}-{number}",
        text=text,
        source=raw.source,
        format="feed",
        title=markup_to_text(entry.get("title") or "") or None,
        publisher=publisher,
        author=entry.get("author"),
        url=entry.get("link"),
        published=published,
        published_source=how,
    )


def _entry_text(entry: Any) -> str:
    """The longest content block, else the summary, as plain text."""
    blocks = [block for block in entry.get("content") or [] if (block.get("value") or "").strip()]
    if blocks:
        block = max(blocks, key=lambda item: len(item.get("value") or ""))
        value, kind = block.get("value") or "", block.get("type") or ""
    else:
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type") or ""
    if kind in PLAIN_TYPES:
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())
    return markup_to_text(value)


def _entry_date(entry: Any) -> tuple[dt.date | None, str]:
    for key in ("published", "updated", "created"):
        found = parse_metadata_date(entry.get(key))
        if found is not None:
            return found, "feed"
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed is not None:
            found = parse_metadata_date(f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}")
            if found is not None:
                return found, "feed"
    return None, "feed"


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
