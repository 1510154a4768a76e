"""Normalisation and hashing shared by every reader."""

from __future__ import annotations

import pytest

from rashomon.errors import EmptyInput
from rashomon.ingest.base import clean_field, content_hash, make_document, normalise_text, require_text


def test_base_normalise_text_unifies_newlines_and_drops_bom() -> None:
    assert normalise_text("\ufeffone\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_base_normalise_text_keeps_everything_else() -> None:
    text = "  Indented line\twith a tab  \n\n\nand blank lines  "
    assert normalise_text(text) == text


def test_base_content_hash_is_sha256_of_normalised_text() -> None:
    assert content_hash("a\nb") == content_hash(normalise_text("a\r\nb"))
    assert len(content_hash("x")) == 64
    assert content_hash("x") != content_hash("y")


def test_base_require_text_refuses_empty_and_whitespace() -> None:
    with pytest.raises(EmptyInput, match="empty file"):
        require_text("", "f.txt")
    with pytest.raises(EmptyInput, match="only whitespace"):
        require_text(" \r\n\t ", "f.txt")


def test_base_clean_field_collapses_whitespace() -> None:
    assert clean_field("  A  title\nover lines ") == "A title over lines"
    assert clean_field("   ") is None
    assert clean_field(None) is None


def test_base_make_document_drops_date_source_without_date() -> None:
    document = make_document(document_id="d", text="t", source="s", format="txt", published_source="metadata")
    assert document.published_source is None
    assert document.content_hash == content_hash("t")
