"""The official `openai` client against a live rhia: every framework rule applies to the API too."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest

from rhia.audit.models import JournalEntry

pytestmark = pytest.mark.django_db(transaction=True)

NIR = "2 84 12 75 108 042 36"
QUESTION_WITH_PII = (
    f"Bonjour, je suis Jeanne Martin, mon numéro de sécurité sociale est {NIR}. "
    "Puis-je demander un temps partiel de droit pour élever mon enfant ?"
)


def _received_text(upstream) -> str:
    return json.dumps([r["body"] for r in upstream.received], ensure_ascii=False)


def test_models_are_listed(openai_client, upstream_provider):
    ids = [model.id for model in openai_client.models.list()]
    assert "rhia" in ids and "upstream-model" in ids


def test_hr_question_is_answered_and_labelled(openai_client, upstream_provider, upstream):
    raw = openai_client.chat.completions.with_raw_response.create(
        model="rhia",
        messages=[{"role": "user", "content": "Combien de jours de congés annuels pour un fonctionnaire ?"}],
    )
    completion = raw.parse()
    assert completion.choices[0].message.content.startswith("Réponse d'après l'article L. 612-1")
    assert raw.headers["X-Rhia-AI-Generated"] == "true"
    assert raw.headers["X-Rhia-Use-Case"] == "reponse-question-agent"
    assert raw.headers["X-Rhia-Provider"] == upstream_provider.name
    assert completion.usage.total_tokens == 32
    assert JournalEntry.objects.filter(action="gateway.completion").count() == 1


def test_provider_receives_placeholders_only(openai_client, upstream_provider, upstream):
    completion = openai_client.chat.completions.create(
        model="rhia", messages=[{"role": "user", "content": QUESTION_WITH_PII}]
    )
    sent = _received_text(upstream)
    assert "Jeanne" not in sent and "Martin" not in sent
    assert NIR not in sent and NIR.replace(" ", "") not in sent
    assert "[NIR_1]" in sent and "[PERSONNE_1]" in sent
    # The caller gets the values back.
    answer = completion.choices[0].message.content
    assert "Bonjour Jeanne Martin." in answer and f"Bonjour {NIR}." in answer
    journal = json.dumps(list(JournalEntry.objects.values("payload")), ensure_ascii=False)
    assert "Jeanne" not in journal and NIR not in journal
    entry = JournalEntry.objects.get(action="gateway.completion")
    assert entry.payload["data_class"] in ("personal", "sensitive")


def test_streaming_reidentifies_placeholders_split_across_chunks(openai_client, upstream_provider, upstream):
    stream = openai_client.chat.completions.create(
        model="rhia", stream=True, messages=[{"role": "user", "content": QUESTION_WITH_PII}]
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert "Bonjour Jeanne Martin." in text
    assert "[PERSONNE_" not in text and "[NIR_" not in text
    assert upstream.received[0]["body"]["stream"] is True


def test_async_client(live_server, agent_key, upstream_provider, upstream):
    async def ask() -> str:
        client = openai.AsyncOpenAI(base_url=f"{live_server.url}/v1", api_key=agent_key[2], max_retries=0)
        completion = await client.chat.completions.create(
            model="rhia", messages=[{"role": "user", "content": "Quelle est la durée d'un congé parental ?"}]
        )
        await client.close()
        return completion.choices[0].message.content

    # A fresh thread: the session's Playwright browser may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, ask()).result().startswith("Réponse d'après")


def test_cv_screening_is_refused_in_french_and_journaled(openai_client, upstream_provider, upstream):
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client.chat.completions.create(
            model="rhia",
            messages=[
                {
                    "role": "user",
                    "content": "Classe ces 15 CV de candidats par ordre de pertinence pour le poste de gestionnaire paie.",
                }
            ],
        )
    assert refused.value.status_code == 403
    assert refused.value.body["code"] == "forbidden_use"
    assert "CV" in refused.value.body["message"] or "candidat" in refused.value.body["message"]
    assert upstream.received == []
    refusal = JournalEntry.objects.get(action="policy.refused")
    assert refusal.payload["channel"] == "gateway"


def test_revoked_key_and_withdrawn_access_stop_at_once(openai_client, agent_key, upstream_provider):
    from rhia.accounts.models import User
    from rhia.gateway.keys import revoke_key

    agent, key, _secret = agent_key
    messages = [{"role": "user", "content": "Qu'est-ce que le CET ?"}]
    openai_client.chat.completions.create(model="rhia", messages=messages)
    User.objects.filter(pk=agent.pk).update(access=User.Access.SUSPENDED)
    with pytest.raises(openai.AuthenticationError):
        openai_client.chat.completions.create(model="rhia", messages=messages)
    User.objects.filter(pk=agent.pk).update(access=User.Access.ACTIVE)
    openai_client.chat.completions.create(model="rhia", messages=messages)
    revoke_key(key, agent)
    with pytest.raises(openai.AuthenticationError) as revoked:
        openai_client.chat.completions.create(model="rhia", messages=messages)
    assert "révoquée" in revoked.value.body["message"]


def test_rate_limit_answers_429_with_retry_after(openai_client, agent_key, upstream_provider):
    from rhia.gateway.models import QuotaPolicy

    QuotaPolicy.objects.create(
        structure=agent_key[1].structure, requests_per_minute=2, tokens_per_day=100_000
    )
    messages = [{"role": "user", "content": "Qu'est-ce que la NBI ?"}]
    openai_client.chat.completions.create(model="rhia", messages=messages)
    openai_client.chat.completions.create(model="rhia", messages=messages)
    with pytest.raises(openai.RateLimitError) as limited:
        openai_client.chat.completions.create(model="rhia", messages=messages)
    retry_after = int(limited.value.response.headers["Retry-After"])
    assert 1 <= retry_after <= 60


def test_token_quota_exhaustion(openai_client, agent_key, upstream_provider):
    from rhia.gateway.models import QuotaPolicy

    QuotaPolicy.objects.create(structure=agent_key[1].structure, requests_per_minute=100, tokens_per_day=40)
    messages = [{"role": "user", "content": "Qu'est-ce que le SFT ?"}]
    openai_client.chat.completions.create(model="rhia", messages=messages)  # 32 tokens
    openai_client.chat.completions.create(model="rhia", messages=messages)  # 64 tokens: now over
    with pytest.raises(openai.RateLimitError) as exhausted:
        openai_client.chat.completions.create(model="rhia", messages=messages)
    assert "jetons" in exhausted.value.body["message"]
    assert int(exhausted.value.response.headers["Retry-After"]) > 0


def test_malformed_payloads_get_a_clear_400(live_server, agent_key, upstream_provider):
    headers = {"Authorization": f"Bearer {agent_key[2]}", "Content-Type": "application/json"}
    url = f"{live_server.url}/v1/chat/completions"
    for body in [
        "{pas du json",
        json.dumps({"model": "rhia"}),
        json.dumps({"model": "rhia", "messages": "texte"}),
        json.dumps({"model": "rhia", "messages": [{"role": "pirate", "content": "x"}]}),
    ]:
        response = httpx.post(url, content=body, headers=headers)
        assert response.status_code == 400, body
        error = response.json()["error"]
        assert error["type"] == "invalid_request_error" and error["message"].startswith("Requête invalide")


def test_unknown_use_case_header_is_refused(openai_client, upstream_provider):
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client.chat.completions.create(
            model="rhia",
            messages=[{"role": "user", "content": "Bonjour"}],
            extra_headers={"X-Rhia-Use-Case": "tri-des-cv"},
        )
    assert refused.value.body["code"] == "use_case_not_allowed"


def test_no_approved_provider_for_sensitive_data(openai_client, upstream_provider, upstream):
    upstream_provider.data_classes = ["public", "internal"]
    upstream_provider.save()
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client.chat.completions.create(
            model="rhia", messages=[{"role": "user", "content": QUESTION_WITH_PII}]
        )
    assert refused.value.body["code"] == "no_approved_provider"
    assert upstream.received == []


def test_embeddings_are_pseudonymized(openai_client, upstream_provider, upstream):
    result = openai_client.embeddings.create(
        model="rhia", input=["Note de service sur le télétravail", QUESTION_WITH_PII]
    )
    assert len(result.data) == 2
    # The client asked for base64 (its default) and decoded our little-endian float32 vectors.
    assert result.data[0].embedding == pytest.approx(
        [0.1, 0.2, float(len("Note de service sur le télétravail"))]
    )
    assert "Jeanne" not in _received_text(upstream)
