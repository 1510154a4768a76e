"""Choosing a reader: the extension, unless the content says otherwise."""

from __future__ import annotations

import pytest

from rashomon.errors import UndecodableInput, UnsupportedInput
from rashomon.ingest.sniff import detect_format
from tests.ingest.conftest import raw


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", "Plain report text.", "txt"),
        ("a.md", "# Heading\n\nBody.", "md"),
        ("a.htm", "<p>Body</p>", "html"),
        ("page.txt", "<!DOCTYPE html><html><body><p>Saved page</p></body></html>", "html"),
        ("noext", "<html><body><p>Page</p></body></html>", "html"),
        ("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ("feed.txt", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("a.rss", '<rss version="2.0"><channel></channel></rss>', "feed"),
        ("data", '[{"text": "x"}]', "json"),
        ("data", '{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("data.json", '{"text": "x"}', "json"),
        ("data.jsonl", '{"text": "x"}', "jsonl"),
        ("notes.txt", '{"this is": "a text file that starts with a brace"}', "txt"),
        ("noext", "Just some words.", "txt"),
        ("fake.pdf", "Text saved with the wrong extension.", "txt"),
    ],
)
def test_sniff_detect_format(name: str, data: str, expected: str) -> None:
    assert detect_format(raw(data, name)) == expected


def test_sniff_pdf_header_wins_over_name() -> None:
    assert detect_format(raw(b"%PDF-1.4\n%...", "report.txt")) == "pdf"
    assert detect_format(raw(b"%PDF-1.7\n", "report")) == "pdf"


def test_sniff_refuses_binary_signature() -> None:
    with pytest.raises(UndecodableInput, match="ZIP archive"):
        detect_format(raw(b"PK\x03\x04\x14\x00\x06\x00", "report.txt"))


def test_sniff_refuses_xml_that_is_not_a_feed() -> None:
    with pytest.raises(UnsupportedInput, match="not an RSS or Atom feed"):
        detect_format(raw('<?xml version="1.0"?><catalogue><book/></catalogue>', "books.xml"))
