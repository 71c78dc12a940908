"""The DSFR shell: header, French error pages, the browser view of the agent's home."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.test import override_settings

from rhia.accounts.roles import Role


@pytest.mark.django_db
def test_french_404(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.portal.urls")
def test_french_403_names_the_missing_right(client, make_user):
    client.force_login(make_user(Role.STAFF_REP.value))
    response = client.get("/reserve-dpo/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page and "Consulter le journal de traçabilité" in page
    client.force_login(make_user(Role.DPO.value))
    assert client.get("/reserve-dpo/").status_code == 200


def test_production_refuses_default_secret_and_debug():
    env = {"RHIA_ENV": "production", "RHIA_ALLOWED_HOSTS": "rhia.example", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rhia.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "RHIA_SECRET_KEY" in result.stderr
    env.update({"RHIA_SECRET_KEY": "x" * 50, "RHIA_DEBUG": "1", "RHIA_VAULT_KEY": "k"})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rhia.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "RHIA_DEBUG" in result.stderr


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agent_sees_dsfr_header_and_home(browser_login, make_user, screenshot):
    agent = make_user(Role.AGENT_RH.value, first_name="Camille", last_name="Moreau")
    page = browser_login(agent)
    assert page.locator(".fr-header__service-title").inner_text().strip() == "rhia — IA encadrée pour les RH"
    assert page.locator("h1").inner_text().startswith("Bonjour Camille Moreau")
    assert "Agent RH (gestionnaire)" in page.locator("#rhia-user").inner_text()
    assert page.locator("footer a", has_text="Accessibilité").count() == 1
    screenshot("foundation-agent-home")
