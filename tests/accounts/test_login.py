"""Local login: argon2 hashes, lockout after repeated failures, logout by POST only."""

from __future__ import annotations

import pytest
from django.test import override_settings

from rhia.accounts.roles import Role
from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(make_user):
    from rhia import settings as project_settings

    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert make_user(Role.AGENT_RH.value).password.startswith("argon2")


@pytest.mark.django_db
def test_login_then_home_lists_what_the_role_allows(client, make_user):
    user = make_user(Role.AGENT_RH.value)
    response = client.post(
        "/comptes/connexion/", {"username": user.username, "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce que vous pouvez faire" in page
    assert "Agent RH (gestionnaire)" in page


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_repeated_failures(client, make_user):
    user = make_user(Role.AGENT_RH.value)
    for _ in range(3):
        response = client.post("/comptes/connexion/", {"username": user.username, "password": "mauvais"})
    locked = client.post("/comptes/connexion/", {"username": user.username, "password": PASSWORD})
    assert locked.status_code in (403, 429)
    assert "temporairement bloqué" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    del response


@pytest.mark.django_db
def test_wrong_password_shows_a_french_error(client, make_user):
    user = make_user(Role.AGENT_RH.value)
    response = client.post("/comptes/connexion/", {"username": user.username, "password": "mauvais"})
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


@pytest.mark.django_db
def test_logout_requires_post(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/comptes/deconnexion/").status_code == 405
    assert client.post("/comptes/deconnexion/").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_suspended_user_loses_access_at_once(client, make_user):
    from rhia.accounts.models import User

    user = make_user(Role.AGENT_RH.value)
    client.force_login(user)
    assert client.get("/").status_code == 200
    User.objects.filter(pk=user.pk).update(access=User.Access.SUSPENDED)
    assert client.get("/")["Location"] == "/comptes/en-attente/"
