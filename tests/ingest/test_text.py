"""Plain text and Markdown: text kept as decoded, a title only when the first line is a headline."""

from __future__ import annotations

import pytest

from rashomon.errors import EmptyInput, UndecodableInput
from rashomon.ingest.text import headline, read_text
from tests.ingest.conftest import raw


def test_text_read_text_normalises_newlines_only() -> None:
    body = "Bridge closed after blast\r\n\r\n  The army closed the bridge on Monday.  \r\n"
    [document] = list(read_text(raw(body.encode("cp1252"), "bridge.txt")))
    assert document.text == "Bridge closed after blast\n\n  The army closed the bridge on Monday.  \n"
    assert document.id == "bridge"
    assert document.format == "txt"
    assert document.title == "Bridge closed after blast"


def test_text_read_text_markdown_heading_is_title(fixtures) -> None:  # type: ignore[no-untyped-def]
    data = (fixtures / "report.md").read_bytes()
    [document] = list(read_text(raw(data, "report.md"), format="md"))
    assert document.title == "Police station attacked in hill district"
    assert document.text.startswith("# Police station")
    assert document.format == "md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit airbase near the capital\n\nBody text.", "Rockets hit airbase near the capital"),
        ("Who fired the rockets?\n\nBody text.", "Who fired the rockets?"),
        ("Rockets hit an airbase near the capital on Monday, officials said.\nMore.", None),
        ("17 January, 2024\n\nBody text.", None),
        ("By Staff Reporter\n\nBody text.", None),
        ("KABUL, March 3 -\n\nBody.", None),
        ("Only one line without a full stop", None),
        ("Word\n\nBody.", None),
        ("2024 - 17 - 33 - 12\n\nBody.", None),
    ],
)
def test_text_headline_is_conservative(text: str, expected: str | None) -> None:
    assert headline(text) == expected


def test_text_read_text_refuses_empty_and_binary() -> None:
    with pytest.raises(EmptyInput):
        list(read_text(raw(b"   \n\t\n", "blank.txt")))
    with pytest.raises(UndecodableInput):
        list(read_text(raw(b"\x00\x01\x02\x03\x04\x05\x06" * 200, "junk.txt")))
