"""Ingest stage: bytes to text, or a clear refusal when the bytes are not text at all.

Consumes raw bytes, produces a `str`. Order matters and is chosen to be predictable:
a byte-order mark wins; known binary formats (images, archives, executables) are refused by
their signature; strict UTF-8 is tried next because it almost never decodes anything that is
not UTF-8; only then does charset-normalizer guess a legacy encoding. When its best guesses
tie, Windows-1252 is preferred: it is by far the most common legacy encoding of news text, and
charset-normalizer otherwise tends to pick Windows-1250, turning "près" into "prčs".
"""

from __future__ import annotations

import codecs
import re

from rashomon.errors import UndecodableInput

# Leading bytes of common binary formats that users put in a folder of reports by mistake.
# Only signatures no news text can start with (not "MZ": "MZUZU, Malawi -" is a dateline);
# other binary files fail the decoding and control-character checks instead.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .xlsx, .odt, .epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office 97-2003 file (.doc, .xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"{\\rtf", "RTF document"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media file"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Preferred when charset-normalizer's best candidates decode equally well.
PREFERRED_LEGACY = ("cp1252", "iso8859_15", "latin_1")

# Control characters (Unicode category Cc) other than those real text contains (tab, newlines,
# form feed, escape); a share above MAX_CONTROL_SHARE of them means binary junk.
_JUNK_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def binary_kind(data: bytes) -> str | None:
    """The name of a known binary format the bytes start with, or None."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its top, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode `data` to text; raise UndecodableInput for binary junk or an unknown encoding.

    `declared` is an encoding the container states (an HTML meta charset); it is trusted only
    when it decodes the bytes without error.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise UndecodableInput(source, f"binary file ({kind}), not a text document")
    text = _decode(data, source, declared)
    _refuse_control_junk(text, source)
    return text


def _decode(data: bytes, source: str, declared: str | None) -> str:
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as error:
            raise UndecodableInput(source, f"starts with a {bom} byte-order mark but is not valid {bom}") from error
    if declared is not None:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return _guess(data, source)


def _guess(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableInput(source, "binary or undecodable content: no text encoding fits")
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.02]
    for preferred in PREFERRED_LEGACY:
        for match in tied:
            if preferred == match.encoding or preferred in match.could_be_from_charset:
                return data.decode(preferred)
    return str(best)


def _refuse_control_junk(text: str, source: str) -> None:
    sample = text[:20000]
    if len(_JUNK_CONTROLS.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise UndecodableInput(source, "binary content: too many control characters to be text")
