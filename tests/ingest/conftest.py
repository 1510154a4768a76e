"""Fixtures for ingest tests: the fixture folder, PDFs made at test time, raw inputs."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from rashomon.ingest.base import RawInput

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

PdfMaker = Callable[..., bytes]


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    user_password: str | None = None,
) -> bytes:
    """A real PDF drawn by reportlab: one list of lines per page. Creation date is 2000-01-01."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = None
    if user_password is not None:
        encrypt = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret")
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for lines in pages:
        text = pdf.beginText(60, 780)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def raw(data: bytes | str, name: str = "input.txt", *, source: str | None = None) -> RawInput:
    """A RawInput as the sources module would make it from a file called `name`."""
    path = Path(name)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return RawInput(source or name, path.stem, path.suffix.lower(), payload)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


PDF_PAGES = (
    (
        "Situation report: attack on a water station",
        "Unknown attackers blew up a pumping station outside the town on",
        "Saturday night, cutting water to some forty thousand residents.",
    ),
    ("Repair crews reached the site on Sunday afternoon, the utility said.",),
)
