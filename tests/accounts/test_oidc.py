"""A real OIDC code flow against a local provider: first-time users land on the waiting page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import override_settings

from rhia.accounts.models import RoleAssignment, User
from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from tests.accounts.oidc_provider import LocalOIDCProvider

CLAIMS = {
    "sub": "proconnect-subject-123",
    "email": "jeanne.martin@education.gouv.fr",
    "given_name": "Jeanne",
    "usual_name": "Martin",
}


def _login_through_provider(client, provider):
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    location = urlparse(start["Location"])
    assert location.netloc == urlparse(provider.url).netloc
    query = parse_qs(location.query)
    provider.nonce = query["nonce"][0]
    provider.codes.add("the-code")
    return client.get("/oidc/callback/", {"code": "the-code", "state": query["state"][0]})


@pytest.mark.django_db
def test_first_oidc_login_creates_a_pending_user(client):
    with LocalOIDCProvider("rhia-test", CLAIMS) as provider, override_settings(**provider.settings()):
        callback = _login_through_provider(client, provider)
    assert callback.status_code == 302
    user = User.objects.get(email=CLAIMS["email"])
    assert user.access == User.Access.PENDING
    assert not user.role_assignments.exists()
    assert user.username.startswith("oidc-") and "proconnect" not in user.username
    # Every page but the waiting page sends the user back there.
    for url in ["/", "/cas-usage/", "/administration/", "/formation/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/comptes/en-attente/", url
    assert client.get("/api/docs").status_code in (302, 403)
    waiting = client.get("/comptes/en-attente/")
    assert waiting.status_code == 200
    assert "en attente de validation" in waiting.content.decode()
    entry = JournalEntry.objects.get(action="accounts.oidc_first_login")
    assert CLAIMS["email"] not in str(entry.payload) and CLAIMS["sub"] not in str(entry.payload)


@pytest.mark.django_db
def test_access_granted_by_an_administrator_opens_the_home_page(client, structures):
    with LocalOIDCProvider("rhia-test", CLAIMS) as provider, override_settings(**provider.settings()):
        _login_through_provider(client, provider)
    user = User.objects.get(email=CLAIMS["email"])
    user.access = User.Access.ACTIVE
    user.structure = structures["service"]
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.AGENT_RH, structure=structures["service"])
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_forged_token_is_rejected(client):
    with LocalOIDCProvider("rhia-test", CLAIMS) as provider, override_settings(**provider.settings()):
        start = client.get("/oidc/authenticate/")
        state = parse_qs(urlparse(start["Location"]).query)["state"][0]
        provider.nonce = "not-the-session-nonce"
        provider.codes.add("the-code")
        response = client.get("/oidc/callback/", {"code": "the-code", "state": state})
    # Django answers a SuspiciousOperation (nonce mismatch) with 400.
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=CLAIMS["email"]).exists()
