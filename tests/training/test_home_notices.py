"""The home page tells an agent what is missing before using the assistant."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_agent_sees_what_is_missing_then_nothing(client, make_user, grant_assistant_access):
    agent = make_user(Role.AGENT_RH.value)
    client.force_login(agent)
    page = client.get("/").content.decode()
    assert "Avant d&#x27;utiliser l&#x27;assistant : 2 étapes" in page
    assert "Prendre connaissance de la charte d&#x27;utilisation des outils d&#x27;IA." in page
    assert 'href="/gouvernance/charte/prise-de-connaissance/"' in page
    assert 'href="/formation/#module-socle"' in page
    grant_assistant_access(agent)
    assert "Avant d&#x27;utiliser l&#x27;assistant" not in client.get("/").content.decode()


def test_roles_without_the_assistant_get_no_notice(client, make_user):
    client.force_login(make_user(Role.DPO.value))
    assert "Avant d&#x27;utiliser l&#x27;assistant" not in client.get("/").content.decode()
