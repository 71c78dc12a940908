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
