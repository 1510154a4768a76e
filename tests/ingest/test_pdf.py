"""PDF files: text of every page and the document information; clear refusals for bad PDFs."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from rashomon.errors import EmptyInput, UndecodableInput
from rashomon.ingest.pdf import read_pdf
from tests.ingest.conftest import PDF_PAGES, make_pdf, raw


def test_pdf_read_pdf_extracts_text_and_metadata() -> None:
    data = make_pdf(PDF_PAGES, title="Water station sabotage", author="Field Office")
    [document] = list(read_pdf(raw(data, "sitrep.pdf")))
    assert "pumping station outside the town" in document.text
    assert "Repair crews reached the site" in document.text
    assert "\n\n" in document.text  # pages stay apart
    assert document.title == "Water station sabotage"
    assert document.author == "Field Office"
    assert document.published == dt.date(2000, 1, 1)  # reportlab's invariant creation date
    assert document.published_source == "metadata"
    assert document.id == "sitrep"
    assert document.format == "pdf"


def test_pdf_read_pdf_ignores_placeholder_metadata() -> None:
    data = make_pdf(PDF_PAGES)  # reportlab writes "untitled" and "anonymous"
    [document] = list(read_pdf(raw(data, "x.pdf")))
    assert document.title is None
    assert document.author is None


def test_pdf_read_pdf_opens_empty_password_encryption() -> None:
    data = make_pdf(PDF_PAGES, user_password="")
    [document] = list(read_pdf(raw(data, "open.pdf")))
    assert "pumping station" in document.text


def test_pdf_read_pdf_refuses_password_protected() -> None:
    data = make_pdf(PDF_PAGES, user_password="letmein")
    with pytest.raises(UndecodableInput, match="password"):
        list(read_pdf(raw(data, "locked.pdf")))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a pdf at all\n%%EOF",
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
    ],
)
def test_pdf_read_pdf_refuses_corrupt(data: bytes) -> None:
    with pytest.raises(UndecodableInput, match="malformed PDF") as raised:
        list(read_pdf(raw(data, "broken.pdf")))
    assert raised.value.source == "broken.pdf"


def test_pdf_read_pdf_truncated_file_is_malformed() -> None:
    data = make_pdf(PDF_PAGES)
    with pytest.raises(UndecodableInput, match="malformed PDF"):
        list(read_pdf(raw(data[: len(data) // 3], "cut.pdf")))


def test_pdf_read_pdf_without_text_layer() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.rect(100, 100, 200, 200, fill=1)  # a drawing, like a scanned page: no text
    pdf.showPage()
    pdf.save()
    with pytest.raises(EmptyInput, match="no text layer"):
        list(read_pdf(raw(buffer.getvalue(), "scan.pdf")))
