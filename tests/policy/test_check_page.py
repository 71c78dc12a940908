"""The "vérifier une demande" page and the refusal include: rule, use case, article, report link."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.policy import seed
from tests.policy.documents import CV_LINES, pdf_bytes

pytestmark = pytest.mark.django_db


def test_refusal_page_names_rule_use_case_and_article_and_offers_a_report(client, make_user):
    seed.run(StringIO())
    client.force_login(make_user(Role.AGENT_RH.value))
    page = client.post(
        "/cas-usage/verifier/", {"text": "Détecte l'humeur des agents à partir de leurs messages."}
    ).content.decode()
    assert "Demande refusée" in page
    assert "emotion." in page  # rule id
    assert "Reconnaissance des émotions sur le lieu de travail" in page  # use case
    assert "article 4" in page
    seq = JournalEntry.objects.get(action="policy.refused").seq
    assert f"refus={seq}" in page and "Signaler un besoin / contester" in page
    assert JournalEntry.objects.get(action="policy.refused").payload["channel"] == "check"


def test_allowed_request(client, make_user):
    client.force_login(make_user(Role.STAFF_REP.value))
    page = client.post(
        "/cas-usage/verifier/", {"text": "Quelles sont les règles de report des congés annuels ?"}
    ).content.decode()
    assert "Demande autorisée" in page


def test_attached_cv_is_refused(client, make_user):
    seed.run(StringIO())
    client.force_login(make_user(Role.AGENT_RH.value))
    upload = SimpleUploadedFile("piece.pdf", pdf_bytes(CV_LINES), content_type="application/pdf")
    page = client.post(
        "/cas-usage/verifier/", {"text": "Rédige un accusé de réception.", "attachment": upload}
    ).content.decode()
    assert "document.cv" in page and "piece.pdf" in page


def test_bad_input_keeps_the_text_and_explains(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    page = client.post("/cas-usage/verifier/", {"text": ""}).content.decode()
    assert "Saisissez une demande" in page
    upload = SimpleUploadedFile("image.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")
    page = client.post(
        "/cas-usage/verifier/", {"text": "Ma demande conservée", "attachment": upload}
    ).content.decode()
    assert "Ma demande conservée" in page and "image" in page
