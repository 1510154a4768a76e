"""Ingest stage, reader for HTML pages: bytes in, one `Document` (the article) out.

trafilatura finds the article among navigation, cookie banners and footers, and reads the
page's title, date, author and site name. Its date search is limited to the page's metadata
and markup (no "extensive" search through the body), because a date picked from a sidebar
would become the anchor of every relative date in the report. When trafilatura finds no
article, a plain block-by-block extraction of the page is used instead, so a page with odd
markup still gives its text rather than nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rashomon.errors import EmptyInput
from rashomon.ingest.base import RawInput, ReaderOutput, make_document, require_text
from rashomon.ingest.dates import parse_metadata_date
from rashomon.ingest.decode import declared_charset, decode_bytes
from rashomon.ingest.markup import markup_to_text

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def read_html(raw: RawInput) -> ReaderOutput:
    """One document from an HTML page: the article text and the page's metadata."""
    page = decode_bytes(raw.data, raw.source, declared=declared_charset(raw.data))
    page = require_text(page, raw.source)
    found = _trafilatura(page)
    text = (found.get("text") or "").strip() or markup_to_text(page, page=True)
    if not text.strip():
        raise EmptyInput(raw.source, "no readable text in the HTML page")
    text = require_text(text, raw.source)
    published = parse_metadata_date(found.get("date"))
    yield make_document(
        document_id=raw.stem,
        text=text,
        source=raw.source,
        format="html",
        title=found.get("title") or _title_tag(page),
        publisher=found.get("sitename"),
        author=found.get("author"),
        url=found.get("url"),
        published=published,
        published_source="metadata",
    )


def _trafilatura(page: str) -> dict[str, Any]:
    """trafilatura's text and metadata as a dict; empty when it fails on this page.

    trafilatura raises a variety of errors on pathological markup (lxml limits, recursion);
    none of them should lose the page, which the plain fallback can still read.
    """
    import trafilatura

    params = {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()}
    try:
        result = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=params,
        )
    except Exception:
        return {}
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    as_dict: dict[str, Any] = result.as_dict()
    return as_dict


def _title_tag(page: str) -> str | None:
    match = _TITLE.search(page[:20000])
    if match is None:
        return None
    return markup_to_text(match.group(1)) or None
