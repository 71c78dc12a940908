"""A client that goes away in the middle of a streamed completion.

The WSGI server then closes the response: the provider call must be journaled and its tokens charged
right there, in the request's thread. Left to the garbage collector, the journal write ran later in
whatever thread collected it, inside that thread's transaction."""

from __future__ import annotations

import gc
import json

import pytest

from rhia.audit.models import JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cyclic_gc():
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def test_closed_stream_is_journaled_at_once(client, agent_key, upstream_provider, upstream, no_cyclic_gc):
    response = client.post(
        "/v1/chat/completions",
        json.dumps(
            {"model": "rhia", "stream": True, "messages": [{"role": "user", "content": "Congé parental ?"}]}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {agent_key[2]}",
    )
    assert response.status_code == 200
    chunks = iter(response.streaming_content)
    assert b'"role": "assistant"' in next(chunks)
    assert b'"content"' in next(chunks)  # the provider call is under way
    # What the WSGI server does when the client disconnects: close the response (here through the
    # test client's wrapper, which keeps the test's database connection open).
    response._iterator.close()

    call = JournalEntry.objects.get(action="llm.call")
    assert call.payload["complete"] is False
    completion = JournalEntry.objects.get(action="gateway.completion")
    assert completion.payload["provider"] == upstream_provider.name
    assert completion.payload["model"] == "upstream-model"
