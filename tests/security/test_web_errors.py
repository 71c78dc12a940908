"""Web-layer findings of the audit (#17 point 5): refusals and bad input are 4xx, never 500."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from rhia.accounts.roles import Role
from rhia.corpus.links import web_url

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_missing_api_permission_is_403_even_in_debug(client, make_user):
    client.force_login(make_user(Role.STAFF_REP.value))
    response = client.get("/api/assistant/cases")
    assert response.status_code == 403
    assert "assistant" in response.json()["detail"].lower()


@override_settings(DEBUG=True, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_over_long_api_body_is_413_in_debug(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.post(
        "/api/governance/reports",
        data=json.dumps({"description": "x" * 5000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Requête trop volumineuse."


@override_settings(DEBUG=True, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_over_long_gateway_body_is_413_in_debug(client):
    response = client.post(
        "/v1/chat/completions",
        data=json.dumps({"model": "rhia", "messages": [{"role": "user", "content": "x" * 5000}]}),
        content_type="application/json",
        headers={"Authorization": "Bearer rhia-whatever"},
    )
    assert response.status_code in (401, 413)
    assert response.status_code != 500


@pytest.mark.parametrize("url", ["/api/docs", "/api/openapi.json", "/v1/docs", "/v1/openapi.json"])
def test_openapi_docs_need_a_login(client, make_user, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/comptes/connexion/")
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get(url).status_code == 200


def test_gateway_schema_with_an_api_key(client, make_user):
    from rhia.gateway.keys import create_key
    from rhia.policy.models import Category, Status, UseCase

    user = make_user(Role.AGENT_RH.value)
    use_case = UseCase.objects.create(
        slug="essai", name="Essai", category=Category.POSSIBLE, status=Status.GENERALISED
    )
    _key, secret = create_key(user, "k", [use_case], use_case)
    assert client.get("/v1/openapi.json", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert client.get("/v1/openapi.json", headers={"Authorization": "Bearer rhia-faux"}).status_code == 302


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://www.service-public.fr/particuliers/vosdroits/F488", True),
        ("http://intranet.example.gouv.fr/note.pdf", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https:///no-host", False),
        ("", False),
    ],
)
def test_only_http_links_from_the_corpus(value, kept):
    assert (web_url(value) == value.strip()) if kept else web_url(value) == ""


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/privacy/scan", "multipart/form-data"),  # found by schemathesis on /api/ (500 before)
        ("/api/assistant/cases", "multipart/form-data; boundary="),
        ("/verifier/", "multipart/form-data"),  # a page: the CSRF check reads the body first
        ("/v1/chat/completions", "multipart/form-data; boundary=\x01"),
    ],
)
def test_a_multipart_body_without_a_valid_boundary_is_a_french_400(client, make_user, url, content_type):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.post(url, data=b"text=bonjour", content_type=content_type)
    assert response.status_code == 400
    body = response.content.decode()
    assert "multipart/form-data" in body and "mal formé" in body
    if url.startswith("/v1/"):
        assert response.json()["error"]["type"] == "invalid_request_error"
    elif url.startswith("/api/"):
        assert "mal formé" in response.json()["detail"]


def test_a_well_formed_multipart_form_still_reaches_the_view(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.post("/verifier/", data={"text": "Un texte à vérifier."})
    assert response.status_code == 200
