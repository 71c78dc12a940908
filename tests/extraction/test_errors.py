"""Bad input: a clear French message naming the file and the reason."""

from __future__ import annotations

import pytest

from rhia.extraction import ExtractionError, extract
from tests.extraction import files


def _error(filename: str, content: bytes, **limits) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract(filename, content, **limits)
    assert filename in caught.value.message
    return caught.value


def test_encrypted_pdf():
    error = _error("protege.pdf", files.encrypted_pdf_bytes())
    assert error.reason == "encrypted"
    assert "mot de passe" in error.message


def test_pdf_with_empty_user_password_is_read():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(files.pdf_bytes())))
    writer.encrypt(user_password="", owner_password="proprietaire", algorithm="AES-128")
    buffer = BytesIO()
    writer.write(buffer)
    assert "Congé bonifié" in extract("restreint.pdf", buffer.getvalue()).text


def test_scanned_pdf_without_text():
    error = _error("scan.pdf", files.pdf_bytes(text=False))
    assert error.reason == "no_text"
    assert "numérisé" in error.message


def test_truncated_pdf_is_unreadable():
    content = files.pdf_bytes()
    error = _error("abime.pdf", content[:200])
    assert error.reason in ("unreadable", "no_text")


def test_broken_docx():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    error = _error("casse.docx", buffer.getvalue())
    assert error.reason == "unreadable"
    assert "illisible" in error.message


def test_executable_refused_whatever_its_name():
    error = _error("note.pdf.docx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    assert error.reason == "executable"
    assert "exécutable" in error.message


def test_old_word_format_and_images_and_unknown_binary():
    assert "DOCX" in _error("ancien.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500).message
    assert "image" in _error("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x01\x02" * 100).message
    assert _error("x.bin", bytes(range(256)) * 4).reason == "unsupported"


def test_empty_file():
    assert _error("vide.txt", b"  \n").reason == "empty"


def test_byte_limit():
    error = _error("gros.txt", b"a" * 2048, max_bytes=1024)
    assert error.reason == "too_large"
    assert "1 ko" in error.message and "2 ko" in error.message


def test_char_limit_from_settings(settings):
    settings.RHIA_MAX_INPUT_CHARS = 100
    error = _error("long.txt", ("mot " * 100).encode())
    assert error.reason == "too_long"
    assert "100 caractères" in error.message
    assert extract("long.txt", ("mot " * 100).encode(), max_chars=0).text.startswith("mot mot")


def test_zip_bomb_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))
    error = _error("bombe.docx", buffer.getvalue(), max_bytes=100_000)
    assert error.reason == "too_large"
