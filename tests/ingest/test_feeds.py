"""RSS and Atom feeds: one document per entry, with the entry's own local date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rashomon.errors import EmptyInput, IngestError, UnsupportedInput
from rashomon.ingest.feeds import read_feed
from rashomon.model.records import Document
from tests.ingest.conftest import raw


def test_feeds_read_rss(fixtures: Path) -> None:
    first, second = list(read_feed(raw((fixtures / "feed.rss").read_bytes(), "feed.rss")))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "feed-1"
    assert first.title == "Checkpoint attacked on the northern highway"
    assert first.publisher == "Frontier Monitor"
    assert first.author == "Desk Editor"
    assert first.url == "https://monitor.example.net/briefs/checkpoint-attack"
    # 01:30 at +03:30 is still 3 March in UTC: the local publication date is kept.
    assert first.published == dt.date(2024, 3, 4)
    assert first.published_source == "feed"
    # full content preferred to the one-line description, paragraphs kept apart
    assert first.text.startswith("Gunmen on motorbikes attacked a police checkpoint")
    assert "\nTwo attackers were wounded" in first.text
    assert "<p>" not in first.text
    assert second.id == "feed-2"
    assert second.text.startswith("A roadside bomb damaged a bridge")
    assert "<p>" not in second.text
    assert first.format == second.format == "feed"


def test_feeds_read_atom(fixtures: Path) -> None:
    first, second = list(read_feed(raw((fixtures / "coast.atom").read_bytes(), "coast.atom")))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "coast-1"
    assert first.publisher == "Coastal Observer"
    assert first.author == "Ines Valbuena"
    assert first.published == dt.date(2023, 11, 19)
    assert first.url == "https://observer.example.com/2023/11/village-raid"
    assert "set fire to several houses" in first.text
    assert "\nThe district administrator" in first.text
    assert second.published == dt.date(2023, 11, 20)  # only <updated>
    assert second.text.startswith("The main harbour reopened")


def test_feeds_entry_without_text_is_reported_alone() -> None:
    feed = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>Empty</title></item>"
        "<item><title>Full</title><description>Shots were fired at a patrol.</description></item>"
        "</channel></rss>"
    )
    empty, full = list(read_feed(raw(feed, "f.rss")))
    assert isinstance(empty, IngestError) and empty.reason == "entry 1: no content or summary"
    assert isinstance(full, Document) and full.id == "f-2"


def test_feeds_refuses_non_feed_and_empty_feed() -> None:
    with pytest.raises(UnsupportedInput, match="not an RSS or Atom feed"):
        list(read_feed(raw("just words, not xml", "x.rss")))
    with pytest.raises(EmptyInput, match="no entries"):
        list(read_feed(raw('<rss version="2.0"><channel><title>T</title></channel></rss>', "e.rss")))
