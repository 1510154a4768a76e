"""Ingest stage, reader for plain text and Markdown: bytes in, one `Document` out.

The text is stored as decoded (newlines normalised, nothing else), markup included, because
every later offset must point into exactly what was analysed. A title is taken only when the
first line looks like a headline; a wrong title is worse than none, so the test is strict.
"""

from __future__ import annotations

import re

from rashomon.ingest.base import RawInput, ReaderOutput, make_document, require_text
from rashomon.ingest.dates import is_date_line
from rashomon.ingest.decode import decode_bytes

MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 25
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BYLINE = re.compile(r"^(?:by|from|posted by|written by)\s", re.IGNORECASE)
_SENTENCE_END = (".", ",", ";", ":", "…")


def read_text(raw: RawInput, *, format: str = "txt") -> ReaderOutput:
    """One document from a .txt or .md file (or from stdin)."""
    text = require_text(decode_bytes(raw.data, raw.source), raw.source)
    yield make_document(
        document_id=raw.stem,
        text=text,
        source=raw.source,
        format=format,
        title=headline(text, markdown=format == "md"),
    )


def headline(text: str, *, markdown: bool = False) -> str | None:
    """The first line when it reads like a headline: short, lettered, no final full stop.

    The line must be followed by more text and must not be a byline, a date, or end like a
    sentence or a dateline ("KABUL, March 3 -"), so the first sentence of a report or its
    dateline is not mistaken for a title.
    """
    lines = [line.strip() for line in text.split("\n")]
    non_empty = [line for line in lines if line]
    if len(non_empty) < 2:
        return None
    first = non_empty[0]
    if markdown:
        heading = _MARKDOWN_HEADING.match(first)
        if heading is not None:
            return heading.group(1) or None
    words = first.split()
    if not (2 <= len(words) <= MAX_TITLE_WORDS) or len(first) > MAX_TITLE_CHARS:
        return None
    if first.endswith(_SENTENCE_END) or _BYLINE.match(first):
        return None
    if sum(ch.isalpha() for ch in first) < len(first.replace(" ", "")) / 2:
        return None
    if first.endswith(("-", "—", "–")) or is_date_line(first):
        return None
    return first
