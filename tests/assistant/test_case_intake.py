"""Opening a case: guard first, pseudonymization, idempotency, bad input with French messages."""

from __future__ import annotations

import io
from email.message import EmailMessage

import pytest
from django.test import override_settings

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services import CaseError, Upload, open_case
from rhia.audit.models import JournalEntry

from .conftest import QUESTION

pytestmark = pytest.mark.django_db


def test_case_is_pseudonymized_and_journaled(agent, register):
    case = open_case(agent, text=QUESTION)
    assert case.reference.startswith("RHIA-") and case.status == states.DRAFT and case.stage == states.REVIEW
    assert case.use_case.slug == "reponse-question-agent"
    assert "Marie Durand" not in case.question and "marie.durand@example.fr" not in case.question
    assert "06 12 34 56 78" not in case.question
    assert "[PERSONNE_1]" in case.question
    assert case.data_class == "personal"
    entry = JournalEntry.objects.get(action="assistant.case_created")
    assert entry.payload["use_case"] == "reponse-question-agent" and entry.payload["data_class"] == "personal"
    assert "Durand" not in str(entry.payload)


def test_double_submission_returns_the_same_case(agent, register):
    first = open_case(agent, text=QUESTION, idempotency_key="cle-1")
    second = open_case(agent, text=QUESTION, idempotency_key="cle-1")
    assert first.pk == second.pk
    assert Case.objects.count() == 1
    assert JournalEntry.objects.filter(action="assistant.case_created").count() == 1


def test_forbidden_use_is_refused_before_anything_else(agent, register):
    text = "Peux-tu analyser les mails de mon équipe pour détecter les agents en burn-out et les signaler ?"
    case = open_case(agent, text=text)
    assert case.status == states.ABANDONED and case.refusal["reason"]
    assert case.sources == [] and not case.drafts.exists()
    assert JournalEntry.objects.filter(action="policy.refused").exists()
    assert not JournalEntry.objects.filter(action="llm.call").exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_input(agent, register, text):
    with pytest.raises(CaseError) as error:
        open_case(agent, text=text)
    assert "vide" in error.value.message
    assert Case.objects.count() == 0


def test_oversized_input(agent, register):
    with override_settings(RHIA_MAX_INPUT_CHARS=100), pytest.raises(CaseError) as error:
        open_case(agent, text="congés annuels " * 20)
    assert "trop longue" in error.value.message and "100" in error.value.message


def test_unselectable_or_unknown_use_case(agent, register):
    from rhia.policy.models import UseCase

    forbidden = UseCase.objects.filter(category="interdit").first()
    with pytest.raises(CaseError) as error:
        open_case(agent, text=QUESTION, use_case=forbidden.slug)
    assert "interdit" in error.value.message
    with pytest.raises(CaseError):
        open_case(agent, text=QUESTION, use_case="nexiste-pas")


def _eml(with_executable: bool) -> bytes:
    message = EmailMessage()
    message["From"] = "Paul Bernard <paul.bernard@example.fr>"
    message["To"] = "rh@example.fr"
    message["Subject"] = "Question sur mes congés"
    message.set_content("Bonjour, combien de jours de congés annuels ai-je ? Paul Bernard")
    message.add_attachment(
        "Je joins mon planning de congés 2026.".encode(),
        maintype="text",
        subtype="plain",
        filename="planning.txt",
    )
    if with_executable:
        message.add_attachment(
            b"MZ\x90\x00binary", maintype="application", subtype="octet-stream", filename="outil.exe"
        )
    return message.as_bytes()


def test_email_with_attachments_keeps_text_and_refuses_executables(agent, register):
    case = open_case(agent, upload=Upload("question.eml", _eml(with_executable=True)))
    assert case.source_kind == "eml"
    assert "planning.txt" in case.attachment_names
    assert "Pièce jointe : planning.txt" in case.question
    assert any("outil.exe" in warning for warning in case.intake_warnings)
    assert "Paul Bernard" not in case.question


def test_unsupported_and_unreadable_files(agent, register):
    with pytest.raises(CaseError) as error:
        open_case(agent, upload=Upload("outil.exe", b"MZ\x90\x00\x03binary"))
    assert "exécutable" in error.value.message
    with pytest.raises(CaseError) as error:
        open_case(agent, upload=Upload("scan.pdf", b"%PDF-1.4\n this is not a pdf"))
    assert error.value.message
    assert Case.objects.count() == 0


def test_password_protected_pdf(agent, register):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(CaseError) as error:
        open_case(agent, upload=Upload("protege.pdf", buffer.getvalue()))
    assert "mot de passe" in error.value.message or "protégé" in error.value.message


def test_docx_upload(agent, register):
    from docx import Document

    document = Document()
    document.add_paragraph("Puis-je travailler à temps partiel après la naissance de mon enfant ?")
    buffer = io.BytesIO()
    document.save(buffer)
    case = open_case(agent, upload=Upload("question.docx", buffer.getvalue()))
    assert case.source_kind == "docx" and "temps partiel" in case.question


def test_access_gate_and_role(make_user, register):
    untrained = make_user("agent_rh")
    with pytest.raises(CaseError) as error:
        open_case(untrained, text=QUESTION)
    assert error.value.code == "access_missing" and error.value.extra["missing"]
    outsider = make_user("dpo")
    with pytest.raises(CaseError) as error:
        open_case(outsider, text=QUESTION)
    assert error.value.code == "role"
    assert Case.objects.count() == 0
