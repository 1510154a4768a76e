"""Ingest stage: decide which reader an input needs, from its extension and its first bytes.

Consumes a `RawInput`, produces a format name (txt, md, html, pdf, json, jsonl, feed).
Content that identifies itself unambiguously (a PDF header, an HTML doctype, an RSS or Atom
root element, a binary signature) wins over the file name, because names lie: pages saved as
".txt", feeds saved as ".xml", PDFs without an extension. Weak hints (text that starts with a
brace) are only trusted when the name does not say otherwise.
"""

from __future__ import annotations

import json
import re

from rashomon.errors import UndecodableInput, UnsupportedInput
from rashomon.ingest.base import RawInput
from rashomon.ingest.decode import binary_kind, bom_encoding

FORMATS_BY_EXTENSION: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
SUPPORTED_EXTENSIONS = frozenset(FORMATS_BY_EXTENSION)

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:head|body|div|p|article|title|meta)[\s>/]", re.IGNORECASE)


def detect_format(raw: RawInput) -> str:
    """The reader to use for `raw`; raises UndecodableInput or UnsupportedInput when there is none."""
    data = raw.data
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    kind = binary_kind(data)
    if kind is not None:
        raise UndecodableInput(raw.source, f"binary file ({kind}), not a text document")
    head = _head_text(data)
    named = FORMATS_BY_EXTENSION.get(raw.extension)
    if head.startswith("<"):
        markup = _markup_kind(head)
        if named == "feed" and markup != "feed":
            raise UnsupportedInput(raw.source, "XML file is not an RSS or Atom feed")
        if markup is not None:
            return markup
    if named == "pdf":
        # Named .pdf without a PDF header: go by the content instead.
        named = None
    if named is not None:
        return named
    return _sniff_unnamed(head, data)


def _markup_kind(head: str) -> str | None:
    """html or feed when the markup says so itself; an HTML doctype beats any feed-like tag."""
    if _HTML_START.match(head):
        return "html"
    if _FEED_ROOT.search(head[:2000]):
        return "feed"
    if _HTML_TAGS.search(head[:2000]):
        return "html"
    return None


def _head_text(data: bytes) -> str:
    """The first few kilobytes as text, good enough to recognise markup or JSON."""
    sample = data[:8192]
    encoding = bom_encoding(sample) or "utf-8"
    return sample.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").lower()


def _sniff_unnamed(head: str, data: bytes) -> str:
    if head.startswith(("{", "[")):
        return _json_kind(data)
    return "txt"


def _json_kind(data: bytes) -> str:
    """json when the whole input parses, jsonl when its first line is a JSON object on its own."""
    encoding = bom_encoding(data) or "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return "txt"
    try:
        json.loads(text)
    except ValueError:
        first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "txt"
        except ValueError:
            return "txt"
    return "json"
