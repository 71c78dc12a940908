"""The provider registry through the API (read-only) and the Django admin (edit)."""

from __future__ import annotations

import pytest

from rhia.llm import classes, seed
from rhia.llm.models import Provider

pytestmark = pytest.mark.django_db


def test_api_lists_providers_for_administrators_only(client, make_user):
    seed.run()
    admin = make_user("administrateur")
    client.force_login(admin)
    response = client.get("/api/llm/providers")
    assert response.status_code == 200
    [row] = response.json()
    assert (
        row["kind"] == "embedded"
        and row["trust_level"] == "on_premises"
        and "sensitive" in row["data_classes"]
    )
    agent = make_user("agent_rh")
    client.force_login(agent)
    assert client.get("/api/llm/providers").status_code == 403


def test_admin_edits_a_provider_with_checkboxes(client, make_user):
    admin = make_user("administrateur")
    client.force_login(admin)
    form = {
        "name": "Albert",
        "kind": classes.OPENAI,
        "trust_level": classes.SOVEREIGN_CLOUD,
        "data_classes": [classes.PUBLIC, classes.PERSONAL],
        "purposes": [classes.GENERATION],
        "enabled": "on",
        "priority": "10",
        "base_url": "",
        "model": "albert-large",
        "api_key_env": "RHIA_PROVIDER_KEY_ALBERT",
        "timeout_seconds": "60",
        "max_retries": "2",
        "description": "",
    }
    response = client.post("/administration/llm/provider/add/", form)
    assert response.status_code == 200
    assert "obligatoire pour une API compatible OpenAI" in response.content.decode()
    form["base_url"] = "https://albert.example.gouv.fr/v1"
    response = client.post("/administration/llm/provider/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = Provider.objects.get(name="Albert")
    assert provider.data_classes == ["public", "personal"] and provider.purposes == ["generation"]
    assert provider.accepts("personal") and not provider.accepts("sensitive")
