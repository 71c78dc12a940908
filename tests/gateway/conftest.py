from __future__ import annotations

import pytest

from tests.gateway.upstream import RecordingUpstream


@pytest.fixture
def upstream():
    with RecordingUpstream() as server:
        yield server


@pytest.fixture
def use_case(db):
    from rhia.policy.models import Category, Status, UseCase

    return UseCase.objects.update_or_create(
        slug="reponse-question-agent",
        defaults={
            "name": "Répondre à une question d'un agent à partir des textes",
            "category": Category.POSSIBLE,
            "status": Status.GENERALISED,
        },
    )[0]


@pytest.fixture
def upstream_provider(db, upstream):
    from rhia.llm import classes
    from rhia.llm.models import Provider

    return Provider.objects.create(
        name="Fournisseur de test (sur site)",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=["public", "internal", "personal", "sensitive"],
        purposes=["generation", "embedding"],
        base_url=upstream.base_url,
        model="upstream-model",
        api_key_env="",
        max_retries=0,
        timeout_seconds=10,
    )


@pytest.fixture
def agent_key(make_user, use_case, grant_assistant_access):
    from rhia.gateway.keys import create_key

    # Charter signed and basic training done: the gateway applies the assistant's access gate.
    agent = grant_assistant_access(make_user("agent_rh", first_name="Camille", last_name="Moreau"))
    key, secret = create_key(agent, "Script de test", [use_case], use_case)
    return agent, key, secret


@pytest.fixture
def openai_client(live_server, agent_key):
    import openai

    return openai.OpenAI(base_url=f"{live_server.url}/v1", api_key=agent_key[2], max_retries=0, timeout=60)
