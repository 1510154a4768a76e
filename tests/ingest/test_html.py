"""HTML pages: the article without boilerplate, and the page's metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rashomon.errors import EmptyInput, IngestError
from rashomon.ingest.html import read_html
from tests.ingest.conftest import raw


def test_html_read_html_extracts_article_and_metadata(fixtures: Path) -> None:
    [document] = list(read_html(raw((fixtures / "article.html").read_bytes(), "article.html")))
    assert "vegetable cart" in document.text
    assert "three days of mourning" in document.text
    for boilerplate in ("cookie", "Subscribe", "All rights reserved", "Related stories", "Privacy"):
        assert boilerplate not in document.text
    assert document.title == "Market blast in river town leaves several dead"
    assert document.publisher == "The Lowland Courier"
    assert document.author == "Mara Oduya"
    assert document.published == dt.date(2023, 5, 9)
    assert document.published_source == "metadata"
    assert document.url == "https://courier.example.org/news/market-blast"
    assert document.format == "html"
    assert "\r" not in document.text


def test_html_read_html_falls_back_to_plain_text_for_tiny_pages() -> None:
    page = "<html><head><title>Brief</title></head><body><p>Two shells hit the depot.</p></body></html>"
    [document] = list(read_html(raw(page, "brief.html")))
    assert document.text == "Two shells hit the depot."
    assert document.title == "Brief"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div><p>Unclosed <b>tags <i>everywhere<p>Still readable text",
        "<<<<>>>> <p>stray brackets and words</p> </div></span>",
        "<html><body><table><tr><td>cell one<td>cell two</table></body>",
    ],
)
def test_html_read_html_survives_malformed_markup(page: str) -> None:
    try:
        documents = list(read_html(raw(page, "bad.html")))
    except IngestError as error:  # a clear refusal is acceptable, a crash is not
        assert error.reason
    else:
        assert documents and documents[0].text.strip()


def test_html_read_html_refuses_page_without_text() -> None:
    with pytest.raises(EmptyInput, match="no readable text"):
        list(read_html(raw("<html><head><title>T</title></head><body><script>x()</script></body></html>", "e.html")))


def test_html_read_html_uses_declared_charset() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 attack</title></head>'
        "<body><article><p>The caf\u00e9 owner said \u201cthree men\u201d fired at customers.</p></article>"
        "</body></html>"
    )
    [document] = list(read_html(raw(page.encode("cp1252"), "c.html")))
    assert "café owner said “three men”" in document.text
