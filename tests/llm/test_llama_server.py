"""The OpenAI-compatible provider against a real server: llama.cpp's own, serving the embedded GGUF."""

from __future__ import annotations

import pytest

from rhia.audit.models import JournalEntry
from rhia.llm import classes
from rhia.llm.models import Provider
from rhia.llm.providers.openai_compat import OpenAICompatClient
from rhia.llm.services import chat, stream_chat

pytestmark = pytest.mark.model

MESSAGES = [
    {"role": "system", "content": "Réponds par un seul mot."},
    {"role": "user", "content": "Quelle est la capitale de la France ?"},
]


def test_client_lists_models_chats_and_streams(llama_server):
    client = OpenAICompatClient(llama_server, "qwen-local", timeout=120)
    assert client.list_models() == ["qwen-local"]
    completion = client.chat(MESSAGES, max_tokens=5, temperature=0)
    assert "paris" in completion.text.lower()
    assert completion.prompt_tokens > 10 and completion.completion_tokens >= 1
    streamed = "".join(client.stream(MESSAGES, max_tokens=5, temperature=0))
    assert "paris" in streamed.lower()


@pytest.mark.django_db
def test_services_route_to_the_server_and_journal(llama_server, make_user):
    Provider.objects.create(
        name="llama.cpp local",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=[classes.PUBLIC, classes.PERSONAL],
        purposes=[classes.GENERATION],
        base_url=llama_server,
        model="qwen-local",
        timeout_seconds=120,
    )
    agent = make_user("agent_rh")
    result = chat(MESSAGES, data_class=classes.PERSONAL, actor=agent, max_tokens=5, temperature=0)
    assert "paris" in result.text.lower() and result.provider == "llama.cpp local"
    stream = stream_chat(MESSAGES, data_class=classes.PUBLIC, actor=agent, max_tokens=5, temperature=0)
    assert "paris" in "".join(stream).lower()
    assert stream.result.completion_tokens >= 1
    calls = list(JournalEntry.objects.filter(action="llm.call").order_by("seq"))
    assert len(calls) == 2
    assert calls[0].payload["model"] == "qwen-local" and calls[0].payload["prompt_tokens"] > 10
    assert calls[1].payload["stream"] is True and calls[1].payload["ttft_ms"] is not None
