"""E-mail: subject, sender name, body, attachments extracted recursively, executables refused."""

from __future__ import annotations

import pytest

from rhia.extraction import ExtractionError, extract
from tests.extraction import files


def test_plain_email():
    result = extract("demande.eml", files.eml_bytes())
    assert result.kind == "eml"
    assert result.title == "Demande de temps partiel"
    assert result.sender_name == "Camille Martin"
    assert result.text.startswith("Objet : Demande de temps partiel")
    assert "temps partiel à 80 %" in result.text
    assert result.sections[0].path == ["Demande de temps partiel"]


def test_html_only_body_is_converted():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Agent <a@example.fr>"
    message["Subject"] = "Question"
    message.set_content(
        "<html><body><p>Bonjour, <b>mon CET</b> ?</p><script>x()</script></body></html>", subtype="html"
    )
    result = extract("q.eml", message.as_bytes())
    assert "Bonjour, mon CET ?" in result.text
    assert "x()" not in result.text


def test_multipart_alternative_prefers_plain():
    result = extract("q.eml", files.eml_bytes(html=True))
    assert "80 %" in result.text and "<b>" not in result.text


def test_attachments_extracted_and_executables_refused():
    inner = files.eml_bytes()
    content = files.eml_bytes(
        [
            ("arrete.pdf", files.pdf_bytes(), "application/pdf"),
            (
                "note.docx",
                files.docx_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            ("facture.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/octet-stream"),
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
            ("deguise.txt", b"MZ\x90\x00" + b"\x00" * 64, "text/plain"),
            ("transfert.eml", inner, "message/rfc822"),
        ]
    )
    result = extract("avec-pj.eml", content)
    names = [attachment.filename for attachment in result.attachments]
    assert names == ["arrete.pdf", "note.docx", "transfert.eml"]
    assert "Congé bonifié" in result.attachments[0].text
    assert result.attachments[2].kind == "eml"
    rejected = {item.filename: item for item in result.rejected}
    assert rejected["facture.exe"].executable and rejected["deguise.txt"].executable
    assert not rejected["photo.png"].executable
    assert len(result.warnings) == 1
    assert "facture.exe" in result.warnings[0] and "deguise.txt" in result.warnings[0]
    assert "photo.png" in result.warnings[0]
    assert ("arrete.pdf", result.attachments[0].text) in result.all_texts()


def test_unreadable_attachment_is_listed_not_fatal():
    content = files.eml_bytes([("protege.pdf", files.encrypted_pdf_bytes(), "application/pdf")])
    result = extract("q.eml", content)
    assert result.attachments == []
    assert "protege.pdf" in result.warnings[0] and "mot de passe" in result.warnings[0]


def test_char_limit_counts_attachments(settings):
    settings.RHIA_MAX_INPUT_CHARS = 150
    content = files.eml_bytes([("arrete.pdf", files.pdf_bytes(["x " * 200]), "application/pdf")])
    with pytest.raises(ExtractionError) as caught:
        extract("q.eml", content)
    assert "pièces jointes comprises" in caught.value.message


def test_latin1_quoted_printable_and_unknown_charset():
    raw = (
        "From: =?iso-8859-1?q?Ren=E9e_Lef=E8vre?= <r@example.fr>\r\n"
        "Subject: =?iso-8859-1?q?Cong=E9_bonifi=E9?=\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Ai-je droit au cong=E9 bonifi=E9 =E0 la R=E9union ?\r\n"
    ).encode("ascii")
    result = extract("latin.eml", raw)
    assert result.sender_name == "Renée Lefèvre"
    assert result.title == "Congé bonifié"
    assert "congé bonifié à la Réunion" in result.text
    unknown = raw.replace(b"charset=iso-8859-1", b"charset=x-inconnu")
    assert "Ai-je droit au cong" in extract("inconnu.eml", unknown).text


def test_email_without_text_or_attachment():
    raw = b"From: a@example.fr\r\nSubject: \r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n   \r\n"
    with pytest.raises(ExtractionError) as caught:
        extract("vide.eml", raw)
    assert "vide.eml" in caught.value.message
