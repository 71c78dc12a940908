"""The OpenAI-compatible provider: retries, backoff and circuit breaker against a server that fails on purpose."""

from __future__ import annotations

import pytest

from rhia.audit.models import JournalEntry
from rhia.llm import classes
from rhia.llm.breaker import CircuitBreaker
from rhia.llm.models import Provider
from rhia.llm.providers.base import ProviderError, ProviderUnavailable
from rhia.llm.providers.openai_compat import OpenAICompatClient
from rhia.llm.services import chat

MESSAGES = [{"role": "user", "content": "Bonjour"}]


def client(url, *, retries=2, breaker=None, timeout=5.0):
    return OpenAICompatClient(
        url,
        "flaky",
        "cle-de-test",
        timeout=timeout,
        max_retries=retries,
        backoff=0.01,
        breaker=breaker or CircuitBreaker(failure_threshold=10, reset_after=60),
    )


def test_retries_transient_errors_then_succeeds(flaky_server):
    flaky_server.script = [503, 502]
    completion = client(flaky_server.url).chat(MESSAGES)
    assert completion.text == "ok" and completion.prompt_tokens == 3
    assert flaky_server.hits == 3


def test_gives_up_after_the_retries_with_a_french_message(flaky_server):
    flaky_server.then = 500
    with pytest.raises(ProviderUnavailable) as failure:
        client(flaky_server.url, retries=2).chat(MESSAGES)
    assert flaky_server.hits == 3
    assert "ne répond pas" in str(failure.value) and "3 tentative" in str(failure.value)


def test_client_errors_are_not_retried(flaky_server):
    flaky_server.script = [400]
    with pytest.raises(ProviderError) as failure:
        client(flaky_server.url).chat(MESSAGES)
    assert not isinstance(failure.value, ProviderUnavailable)
    assert "échec volontaire" in str(failure.value)
    assert flaky_server.hits == 1


def test_timeout_counts_as_a_failure(flaky_server):
    flaky_server.script = ["hang"]
    completion = client(flaky_server.url, timeout=0.3).chat(MESSAGES)
    assert completion.text == "ok"
    assert flaky_server.hits == 2


def test_circuit_opens_then_half_opens(flaky_server):
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=3, reset_after=30, clock=lambda: now[0])
    flaky_server.then = 503
    with pytest.raises(ProviderUnavailable):
        client(flaky_server.url, retries=5, breaker=breaker).chat(MESSAGES)
    # Opened after 3 failures: the 3 remaining retries were not sent.
    assert flaky_server.hits == 3 and breaker.state == "open"
    with pytest.raises(ProviderUnavailable) as failure:
        client(flaky_server.url, retries=0, breaker=breaker).chat(MESSAGES)
    assert "circuit ouvert" in str(failure.value)
    assert flaky_server.hits == 3

    now[0] = 31.0
    assert breaker.state == "half_open"
    # A failed trial re-opens at once.
    with pytest.raises(ProviderUnavailable):
        client(flaky_server.url, retries=0, breaker=breaker).chat(MESSAGES)
    assert flaky_server.hits == 4 and breaker.state == "open"

    now[0] = 62.0
    flaky_server.then = 200
    assert client(flaky_server.url, retries=0, breaker=breaker).chat(MESSAGES).text == "ok"
    assert breaker.state == "closed"


def test_half_open_lets_a_single_trial_through():
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=1, reset_after=5, clock=lambda: now[0])
    breaker.record_failure()
    assert not breaker.allow()
    now[0] = 5.0
    assert breaker.allow()
    assert not breaker.allow()
    breaker.record_success()
    assert breaker.allow()


@pytest.mark.django_db
def test_chat_falls_back_to_the_next_allowed_provider(flaky_server):
    dead = Provider.objects.create(
        name="injoignable",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=[classes.PUBLIC],
        purposes=[classes.GENERATION],
        priority=1,
        base_url="http://127.0.0.1:9/v1",
        max_retries=0,
        timeout_seconds=1,
    )
    Provider.objects.create(
        name="secours",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=[classes.PUBLIC],
        purposes=[classes.GENERATION],
        priority=2,
        base_url=flaky_server.url,
        model="flaky",
    )
    result = chat(MESSAGES, data_class=classes.PUBLIC, max_tokens=5, temperature=0, unknown_param="dropped")
    assert (result.provider, result.text) == ("secours", "ok")
    entry = JournalEntry.objects.get(action="llm.call")
    assert entry.payload["provider"] == "secours"
    assert entry.payload["params"] == {"max_tokens": 5, "temperature": 0}
    assert len(entry.payload["prompt_sha256"]) == 64
    assert "Bonjour" not in str(entry.payload)
    assert dead.name not in str(entry.payload)
