"""verify_file on files rhia never exported, on pasted text, and the journal entry it leaves."""

from __future__ import annotations

import os

import pytest

from rhia.audit.models import JournalEntry
from rhia.provenance.answer import ExportableAnswer
from rhia.provenance.services import ExportError, export_answer, verify_and_journal, verify_code, verify_file
from tests.extraction import files
from tests.provenance.answers import FINAL_TEXT, answer

pytestmark = pytest.mark.django_db


def test_random_and_foreign_files_are_unknown():
    export_answer(answer(), "docx")
    assert verify_file("bruit.bin", os.urandom(4096)).status == "unknown"
    assert verify_file("autre.docx", files.docx_bytes()).status == "unknown"
    assert verify_file("autre.pdf", files.pdf_bytes()).status == "unknown"
    verdict = verify_file("protege.pdf", files.encrypted_pdf_bytes())
    assert verdict.status == "unknown"
    assert "mot de passe" in verdict.details["extraction_error"]


def test_unknown_with_empty_database():
    verdict = verify_file("x.txt", b"bonjour")
    assert verdict.status == "unknown" and verdict.record is None
    assert verdict.as_dict()["record"] is None


def test_pasted_answer_text_is_recognised_by_its_body_fingerprint():
    result = export_answer(answer(), "pdf")
    pasted = FINAL_TEXT.upper().replace("\n\n", "\n").replace(",", " ,")
    verdict = verify_file("copie.txt", pasted.encode())
    assert verdict.status == "same_text"
    assert verdict.record == result.record


def test_unknown_code_on_the_document_is_reported():
    content = "Texte.\nRéférence de vérification rhia : RHIA-ZZZZ-ZZZZ".encode()
    verdict = verify_file("note.txt", content)
    assert verdict.status == "unknown"
    assert "aucun export correspondant" in verdict.details["note"]


def test_journal_records_the_verdict_without_content(make_user):
    user = make_user("agent_rh")
    result = export_answer(answer(), "docx", actor=user)
    assert result.record.exported_by == user
    verify_and_journal(result.filename, result.content, actor=user, channel="web")
    entry = JournalEntry.objects.filter(action="provenance.verified").latest("seq")
    assert entry.payload["status"] == "exact"
    assert entry.payload["record"] == result.record.code
    assert entry.payload["channel"] == "web"
    assert entry.object_id == str(result.record.pk)
    serialised = str(entry.payload)
    assert "congé" not in serialised and "Dupont" not in serialised


def test_code_lookup():
    result = export_answer(answer(), "eml")
    found = verify_code(result.record.code.lower())
    assert found.status == "code_found" and found.record == result.record
    assert verify_code("RHIA-0000-0000").status == "unknown"


@pytest.mark.parametrize(
    ("overrides", "fmt", "expected"),
    [
        ({"final_text": "  "}, "docx", "vide"),
        ({"validator_name": ""}, "pdf", "validation"),
        ({}, "odt", "Format d'export inconnu"),
    ],
)
def test_export_refuses_bad_requests(overrides, fmt, expected):
    with pytest.raises(ExportError) as caught:
        export_answer(answer(**overrides), fmt)
    assert expected in caught.value.message


def test_export_with_plain_date_and_no_sources():
    exportable = answer(sources=[], validated_at=__import__("datetime").date(2026, 11, 23))
    assert isinstance(exportable, ExportableAnswer)
    result = export_answer(exportable, "pdf")
    assert result.record.sources == []
    assert verify_file("x.pdf", result.content).status == "exact"


def test_mention_date_is_the_local_date():
    from datetime import UTC, datetime

    result = export_answer(answer(validated_at=datetime(2026, 11, 23, 23, 30, tzinfo=UTC)), "eml")
    assert "le 24/11/2026." in result.record.mention  # 00:30 in Paris


def test_metadata_reader_skips_a_member_that_expands_too_far():
    """The metadata is read before the extraction's zip-bomb check: it bounds its own reads."""
    import io
    import zipfile

    from rhia.provenance.metadata import read_docx

    exported = export_answer(answer(), "docx").content
    assert read_docx(exported)
    source = zipfile.ZipFile(io.BytesIO(exported))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/custom.xml":
                data = data.replace(b"<Properties", b"<!--" + b" " * (3 * 1024 * 1024) + b"--><Properties", 1)
            target.writestr(info.filename, data)
    assert len(bomb.getvalue()) < 60_000
    assert read_docx(bomb.getvalue()) == {}
