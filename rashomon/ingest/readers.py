"""Ingest stage: pick the reader for an input and run it.

Consumes a `RawInput`, yields what the reader yields (`Document`s and per-record
`IngestError`s). Each reader module is imported only when an input needs it, so that
importing `rashomon.ingest` (and starting the CLI) does not pay for trafilatura, pypdf or
feedparser.
"""

from __future__ import annotations

from rashomon.ingest.base import RawInput, ReaderOutput
from rashomon.ingest.sniff import detect_format


def read(raw: RawInput) -> ReaderOutput:
    """Documents from one input, whatever its format. Raises IngestError when the whole input is bad."""
    format = detect_format(raw)
    if format in ("txt", "md"):
        from rashomon.ingest.text import read_text

        return read_text(raw, format=format)
    if format == "html":
        from rashomon.ingest.html import read_html

        return read_html(raw)
    if format == "pdf":
        from rashomon.ingest.pdf import read_pdf

        return read_pdf(raw)
    if format == "json":
        from rashomon.ingest.records import read_json

        return read_json(raw)
    if format == "jsonl":
        from rashomon.ingest.records import read_jsonl

        return read_jsonl(raw)
    from rashomon.ingest.feeds import read_feed

    return read_feed(raw)
