"""The page "Vérifier un document" and the API endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rhia.audit.models import JournalEntry
from rhia.provenance.services import export_answer
from tests.provenance.answers import answer

pytestmark = pytest.mark.django_db


def test_get_with_empty_database(client, make_user):
    client.force_login(make_user("agent_rh"))
    response = client.get(reverse("provenance:verify"))
    assert response.status_code == 200
    assert "Vérifier un document" in response.content.decode()


def test_user_without_role_is_sent_to_pending_page(client, make_user):
    client.force_login(make_user(None))
    response = client.get(reverse("provenance:verify"))
    assert response.status_code == 302 and response["Location"] == "/comptes/en-attente/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("provenance:verify"))
    assert response.status_code == 302 and response["Location"].startswith("/comptes/connexion/")


def test_upload_shows_validator_and_case(client, make_user):
    client.force_login(make_user("representant"))
    result = export_answer(answer(), "docx")
    upload = SimpleUploadedFile(result.filename, result.content)
    response = client.post(reverse("provenance:verify"), {"action": "file", "document": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="exact"' in html
    assert "Claire Dupont-Lefèvre" in html and "RH-2026-00042" in html
    assert "recherche des textes applicables et proposition de rédaction" in html
    assert JournalEntry.objects.filter(action="provenance.verified").count() == 1


def test_unknown_file_and_empty_form(client, make_user):
    client.force_login(make_user("agent_rh"))
    html = client.post(
        reverse("provenance:verify"), {"action": "file", "document": SimpleUploadedFile("a.txt", b"bonjour")}
    ).content.decode()
    assert 'data-status="unknown"' in html
    html = client.post(reverse("provenance:verify"), {"action": "file"}).content.decode()
    assert "Choisissez un fichier à vérifier." in html


def test_code_form(client, make_user):
    client.force_login(make_user("agent_rh"))
    result = export_answer(answer(), "pdf")
    html = client.post(
        reverse("provenance:verify"), {"action": "code", "code": result.record.code}
    ).content.decode()
    assert 'data-status="code_found"' in html and "Claire Dupont-Lefèvre" in html
    html = client.post(
        reverse("provenance:verify"), {"action": "code", "code": "n'importe quoi"}
    ).content.decode()
    assert "Référence invalide" in html


def test_csrf_is_enforced(make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("agent_rh"))
    response = client.post(
        reverse("provenance:verify"), {"action": "file", "document": SimpleUploadedFile("a.txt", b"x")}
    )
    assert response.status_code == 403


def test_size_limit(client, make_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(make_user("agent_rh"))
    html = client.post(
        reverse("provenance:verify"), {"action": "file", "document": SimpleUploadedFile("a.txt", b"x" * 2000)}
    ).content.decode()
    assert "trop volumineux" in html


def test_api_verify_and_code(client, make_user):
    client.force_login(make_user("agent_rh"))
    result = export_answer(answer(), "eml")
    response = client.post(
        "/api/provenance/verify", {"file": SimpleUploadedFile(result.filename, result.content)}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "exact"
    assert data["record"]["validator"] == "Claire Dupont-Lefèvre"
    assert data["record"]["code"] == result.record.code
    response = client.get(f"/api/provenance/codes/{result.record.code}")
    assert response.json()["status"] == "code_found"
    assert client.get("/api/provenance/codes/mauvais").status_code == 400
    json.dumps(data)


def test_api_refuses_user_without_role(client, make_user):
    client.force_login(make_user(None))
    response = client.post("/api/provenance/verify", {"file": SimpleUploadedFile("a.txt", b"x")})
    assert response.status_code == 403


HOSTILE_ODT = Path(__file__).parent.parent / "extraction" / "crashers" / "odt-712ad9e9f36b.odt"


def test_hostile_zip_gets_a_french_verdict_never_a_500(make_user):
    """A zip whose header declares an unknown zip version made sniff() raise NotImplementedError (a 500).

    The verifier keeps its contract for unreadable files: verdict "unknown" with the French reason."""
    client = Client(raise_request_exception=False)
    client.force_login(make_user("agent_rh"))
    data = HOSTILE_ODT.read_bytes()
    response = client.post(
        reverse("provenance:verify"), {"action": "file", "document": SimpleUploadedFile("note.odt", data)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="unknown"' in html
    assert "Le fichier « note.odt » ne peut pas être lu : c&#x27;est une archive" in html
    response = client.post("/api/provenance/verify", {"file": SimpleUploadedFile("note.odt", data)})
    assert response.status_code == 200, response.content
    assert "illisible ou endommagée" in response.json()["extraction_error"]
