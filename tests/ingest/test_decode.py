"""Decoding bytes: byte-order marks, UTF-8, legacy encodings, and refusing binary junk."""

from __future__ import annotations

import random

import pytest

from rashomon.errors import UndecodableInput
from rashomon.ingest.decode import binary_kind, declared_charset, decode_bytes

WESTERN = "Le maire a déclaré que l'explosion près du marché a tué sept personnes, dont un garçon âgé de douze ans.\n"
QUOTES = (
    "Officials said the “market attack” killed seven people — a café owner among them.\nThe mayor’s plea for calm.\n"
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", WESTERN),
        ("utf-8-sig", WESTERN),
        ("utf-16", QUOTES),
        ("utf-16-le", None),
        ("cp1252", QUOTES),
        ("latin-1", WESTERN),
        ("koi8_r", "Взрыв на рынке унёс жизни семи человек, сообщили власти города в понедельник вечером.\n"),
    ],
)
def test_decode_bytes_recovers_common_encodings(encoding: str, text: str | None) -> None:
    if text is None:  # UTF-16 with an explicit BOM written by hand
        data = b"\xff\xfe" + QUOTES.encode("utf-16-le")
        text = QUOTES
    else:
        data = text.encode(encoding)
    assert decode_bytes(data, "f.txt").lstrip("\ufeff") == text


def test_decode_bytes_refuses_png_renamed_as_text() -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(UndecodableInput, match="PNG image"):
        decode_bytes(data, "photo.txt")


def test_decode_bytes_refuses_random_bytes() -> None:
    data = random.Random(7).randbytes(4000)
    with pytest.raises(UndecodableInput) as raised:
        decode_bytes(data, "junk.txt")
    assert raised.value.source == "junk.txt"


def test_decode_bytes_refuses_broken_utf16_after_bom() -> None:
    with pytest.raises(UndecodableInput, match="byte-order mark"):
        decode_bytes(b"\xff\xfe" + b"\x00\xd8" * 3, "f.txt")  # lone surrogates


def test_decode_binary_kind_ignores_text_that_starts_like_a_dateline() -> None:
    assert binary_kind(b"MZUZU, Malawi - Police said") is None
    assert binary_kind(b"PK\x03\x04rest") is not None


def test_decode_declared_charset_reads_meta_tag() -> None:
    assert declared_charset(b'<html><head><meta charset="windows-1252">') == "cp1252"
    assert declared_charset(b"<html><head><meta charset=nonsense-charset>") is None
    page = '<html><head><meta charset="windows-1252"></head><body>Café “quoted”</body></html>'
    assert "Café “quoted”" in decode_bytes(page.encode("cp1252"), "p.html", declared="cp1252")
