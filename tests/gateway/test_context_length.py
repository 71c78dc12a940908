"""A prompt longer than the model's context: an OpenAI-style 400 in French, never a 500 or a 503."""

from __future__ import annotations

import openai
import pytest

from rhia.llm.providers.base import ContextTooLong, is_context_error

LONG = "Quelles sont les règles du temps partiel ? " * 200


def test_engines_context_messages_are_recognised():
    assert is_context_error("Requested tokens (5120) exceed context window of 4096")  # llama.cpp
    assert is_context_error("This model's maximum context length is 4096 tokens.")  # vLLM / OpenAI
    assert is_context_error('{"code": "context_length_exceeded"}')
    assert not is_context_error("Invalid value for temperature")
    assert "4096 jetons au plus" in str(ContextTooLong(4096))


@pytest.mark.django_db(transaction=True)
def test_too_long_prompt_gets_a_french_400(openai_client, upstream_provider, upstream):
    from rhia.audit.models import JournalEntry

    upstream.context_chars = 2000
    with pytest.raises(openai.BadRequestError) as raised:
        openai_client.chat.completions.create(model="rhia", messages=[{"role": "user", "content": LONG}])
    error = raised.value
    assert error.status_code == 400
    assert error.body["code"] == "context_length_exceeded"
    assert error.body["type"] == "invalid_request_error"
    assert "dépasse la taille de contexte" in error.body["message"]
    assert JournalEntry.objects.filter(action="gateway.failed").count() == 1
    # A prompt that fits still works with the same key.
    short = openai_client.chat.completions.create(
        model="rhia", messages=[{"role": "user", "content": "Combien de jours de congés annuels ?"}]
    )
    assert short.choices[0].message.content
