"""Bounded work on hostile files (#17 point 4): caps on paragraphs, pages and expansion, French refusals."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from rhia.extraction import extract, limits
from rhia.extraction.types import ExtractionError

from .files import docx_bytes, odt_bytes


def _rezip(content: bytes, member: str, transform) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, transform(data) if info.filename == member else data)
    return out.getvalue()


def _refused(name: str, content: bytes, reason: str, words: str) -> ExtractionError:
    with pytest.raises(ExtractionError) as raised:
        extract(name, content)
    assert raised.value.reason == reason and words in raised.value.message and name in raised.value.message
    return raised.value


def paragraph_bomb_docx(count: int = 22_000) -> bytes:
    """The audit's file: a few tens of KB, tens of thousands of (empty) paragraphs."""
    return _rezip(
        docx_bytes(),
        "word/document.xml",
        lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * count),
    )


def test_docx_with_too_many_paragraphs_is_refused():
    content = paragraph_bomb_docx()
    assert len(content) < 60_000
    _refused("bombe.docx", content, "too_large", "paragraphes")


def test_docx_just_under_the_paragraph_cap_is_read():
    result = extract("long.docx", paragraph_bomb_docx(limits.MAX_BLOCKS - 50))
    assert "Congés annuels" in result.text


def test_odt_with_too_many_paragraphs_is_refused():
    content = _rezip(
        odt_bytes(),
        "content.xml",
        lambda xml: xml.replace(b"<office:text>", b"<office:text>" + b"<text:p/>" * 25_000, 1),
    )
    _refused("bombe.odt", content, "too_large", "paragraphes")


def test_zip_expanding_beyond_a_realistic_ratio_is_refused():
    content = _rezip(docx_bytes(), "word/document.xml", lambda xml: xml + b" " * (8 * 1024 * 1024))
    assert len(content) < 100_000
    error = _refused("gonfle.docx", content, "too_large", "anormalement grand")
    assert "Mo" in error.message


def test_ordinary_office_files_stay_well_inside_the_ratio():
    for content in (docx_bytes(), odt_bytes()):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
        assert expanded < limits.expanded_allowance(len(content))


def _pdf(pages: int = 1, stream: bytes = b"BT /F1 12 Tf 72 720 Td (Bonjour) Tj ET") -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        content = DecodedStreamObject()
        content.set_data(stream)
        page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_with_too_many_pages_is_refused():
    _refused("annuaire.pdf", _pdf(pages=limits.MAX_PAGES + 1), "too_large", "pages")


def test_pdf_stream_expanding_too_far_is_a_french_refusal():
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = zlib.compress(b"BT (x) Tj ET " + b" " * (40 * 1024 * 1024), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ExtractionError) as raised:
        extract("gonfle.pdf", buffer.getvalue())
    # Decompression stops at limits.MAX_STREAM_BYTES; whatever pypdf makes of the rest, a French refusal.
    assert (
        raised.value.reason in ("too_large", "unreadable", "no_text") and "gonfle.pdf" in raised.value.message
    )


@pytest.mark.django_db
def test_the_verification_page_answers_the_paragraph_bomb(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user("representant"))
    upload = SimpleUploadedFile("bombe.docx", paragraph_bomb_docx())
    response = client.post("/verifier/", {"document": upload})
    assert response.status_code in (200, 400)
