"""Before any work, every /v1/ request passes the rate limit, the assistant's access gate and the
input size limit (#17 point 3)."""

from __future__ import annotations

import json

import pytest

from rhia.audit.models import JournalEntry
from rhia.gateway.admission import max_body_bytes

pytestmark = pytest.mark.django_db


def _post(client, secret: str, path: str, body: dict):
    return client.post(
        f"/v1/{path}",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def _chat(text: str) -> dict:
    return {"model": "rhia", "messages": [{"role": "user", "content": text}]}


def test_access_gate_applies_to_every_endpoint(client, make_user, use_case, upstream_provider, upstream):
    from rhia.gateway.keys import create_key

    admin = make_user("administrateur")  # neither the charter nor the basic training
    _key, secret = create_key(admin, "script", [use_case], use_case)
    for response in (
        _post(client, secret, "chat/completions", _chat("Combien de jours de congés annuels ?")),
        _post(client, secret, "embeddings", {"model": "rhia", "input": "congés"}),
        client.get("/v1/models", headers={"Authorization": f"Bearer {secret}"}),
    ):
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["code"] == "access_requirements_missing" and "charte" in error["message"]
    assert upstream.received == []


def test_oversized_text_is_refused_before_the_guard_and_the_scan(
    client, agent_key, upstream_provider, upstream
):
    _agent, _key, secret = agent_key
    before = JournalEntry.objects.count()
    response = _post(client, secret, "chat/completions", _chat("Bonjour Marie Durand. " * 1_000))
    assert response.status_code == 413
    assert "Requête trop longue" in response.json()["error"]["message"]
    # Neither the usage guard nor the model saw it (the guard journals refusals, the gateway calls).
    assert JournalEntry.objects.count() == before and upstream.received == []
    # A million characters (318 s and 3.4 GB in the privacy scan before the limit) stops at the door.
    response = _post(client, secret, "chat/completions", _chat("Bonjour Marie Durand. " * 50_000))
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"
    texts = ["a" * 15_000, "b" * 15_000]
    response = _post(client, secret, "embeddings", {"model": "rhia", "input": texts})
    assert response.status_code == 413


def test_oversized_body_is_refused_before_it_is_parsed(client, agent_key, settings):
    settings.RHIA_MAX_INPUT_CHARS = 1000
    _agent, _key, secret = agent_key
    response = client.post(
        "/v1/chat/completions",
        data="{" + " " * (max_body_bytes() + 10),  # not even JSON: never read
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"


def test_models_listing_is_rate_limited(client, agent_key):
    from rhia.gateway.models import QuotaPolicy

    agent, _key, secret = agent_key
    QuotaPolicy.objects.create(structure=agent.structure, requests_per_minute=2, tokens_per_day=1000)
    statuses = [
        client.get("/v1/models", headers={"Authorization": f"Bearer {secret}"}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


@pytest.mark.django_db(transaction=True)
def test_the_official_client_gets_a_clear_refusal(live_server, make_user, use_case, upstream_provider):
    import openai

    from rhia.gateway.keys import create_key

    _key, secret = create_key(make_user("agent_rh"), "script", [use_case], use_case)
    client = openai.OpenAI(base_url=f"{live_server.url}/v1", api_key=secret, max_retries=0, timeout=30)
    with pytest.raises(openai.PermissionDeniedError) as raised:
        client.chat.completions.create(model="rhia", messages=[{"role": "user", "content": "Bonjour"}])
    assert "formation" in str(raised.value) or "charte" in str(raised.value)
