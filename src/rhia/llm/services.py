"""The one gate to models: route by data class, call, journal.

Every call is journaled as "llm.call" (provider, model, purpose, parameters, prompt sha256, token
counts, latency); a call that no approved provider may receive is refused and journaled as
"llm.refused". Callers pass pseudonymized text only; the journal keeps hashes, never the text.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rhia.audit.journal import record
from rhia.llm import classes
from rhia.llm.clients import client_for
from rhia.llm.models import Provider
from rhia.llm.providers.base import ProviderError, ProviderUnavailable, StreamState, clean_params
from rhia.llm.routing import NoProviderAvailable, candidates

__all__ = [
    "ChatResult",
    "NoProviderAvailable",
    "ProviderError",
    "ProviderUnavailable",
    "chat",
    "embed",
    "prompt_sha256",
    "stream_chat",
]


@dataclass
class ChatResult:
    text: str
    provider: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: int
    finish_reason: str | None = None


def prompt_sha256(messages: list[dict]) -> str:
    canonical = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _route(data_class: str, purpose: str, actor: Any) -> list[Provider]:
    try:
        return candidates(data_class, purpose)
    except NoProviderAvailable as refusal:
        record(
            "llm.refused",
            actor=actor,
            payload={"data_class": data_class, "purpose": purpose, "reason": refusal.reason},
        )
        raise


def _journal_call(
    provider: Provider,
    model: str,
    purpose: str,
    data_class: str,
    messages_hash: str,
    params: dict,
    prompt_tokens: int,
    completion_tokens: int,
    latency_ms: int,
    actor: Any,
    **extra: Any,
) -> None:
    record(
        "llm.call",
        actor=actor,
        obj=provider,
        payload={
            "provider": provider.name,
            "model": model,
            "purpose": purpose,
            "data_class": data_class,
            "params": params,
            "prompt_sha256": messages_hash,
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "latency_ms": latency_ms,
            **extra,
        },
    )


def chat(
    messages: list[dict],
    *,
    data_class: str,
    actor: Any = None,
    purpose: str = classes.GENERATION,
    **params: Any,
) -> ChatResult:
    """Route, call (falling back to the next allowed provider when one is unreachable), journal."""
    providers = _route(data_class, purpose, actor)
    params = clean_params(params)
    digest = prompt_sha256(messages)
    failure: ProviderError | None = None
    for provider in providers:
        start = time.perf_counter()
        try:
            completion = client_for(provider).chat(messages, **params)
        except ProviderUnavailable as error:
            failure = error
            continue
        latency_ms = round((time.perf_counter() - start) * 1000)
        model = completion.model or provider.model_label
        _journal_call(
            provider,
            model,
            purpose,
            data_class,
            digest,
            params,
            completion.prompt_tokens,
            completion.completion_tokens,
            latency_ms,
            actor,
        )
        return ChatResult(
            completion.text,
            provider.name,
            model,
            completion.prompt_tokens,
            completion.completion_tokens,
            latency_ms,
            completion.finish_reason,
        )
    raise failure or ProviderUnavailable("Aucun fournisseur n'a répondu.")


class _Outcome:
    """Where a stream's generator leaves its ChatResult (holds no reference back to the stream)."""

    result: ChatResult | None = None


class ChatStream:
    """Iterator of text chunks; after exhaustion or ``close()``, ``result`` holds the ChatResult (also
    journaled).

    Iterate it to the end or call ``close()``: an unfinished stream is then journaled at once, in the
    caller's thread and transaction. The generator holds no reference to the stream (no cycle), so a
    dropped stream is also finalised at once, never later by the garbage collector in whatever thread
    happens to run it (a journal write in the middle of another request's transaction).
    """

    def __init__(
        self,
        provider: Provider,
        messages: list[dict],
        data_class: str,
        purpose: str,
        actor: Any,
        params: dict,
    ):
        self.provider = provider
        self.state = StreamState()
        self._outcome = _Outcome()
        self._iterator = _run_stream(
            provider, self.state, self._outcome, (messages, data_class, purpose, actor, params)
        )

    @property
    def result(self) -> ChatResult | None:
        return self._outcome.result

    def __iter__(self) -> Iterator[str]:
        return self._iterator

    def __next__(self) -> str:
        return next(self._iterator)

    def close(self) -> None:
        """End the provider call if it is still running and journal it (idempotent). A stream never
        iterated made no call and journals nothing."""
        self._iterator.close()


def _run_stream(provider: Provider, state: StreamState, outcome: _Outcome, args: tuple) -> Iterator[str]:
    messages, data_class, purpose, actor, params = args
    start = time.perf_counter()
    parts: list[str] = []
    complete = False
    try:
        for chunk in client_for(provider).stream(messages, state=state, **params):
            parts.append(chunk)
            yield chunk
        complete = True
    finally:
        latency_ms = round((time.perf_counter() - start) * 1000)
        ttft_ms = round((state.first_token_at - start) * 1000) if state.first_token_at else None
        model = state.model or provider.model_label
        outcome.result = ChatResult(
            "".join(parts), provider.name, model, state.prompt_tokens, state.completion_tokens, latency_ms
        )
        _journal_call(
            provider,
            model,
            purpose,
            data_class,
            prompt_sha256(messages),
            params,
            state.prompt_tokens,
            state.completion_tokens,
            latency_ms,
            actor,
            stream=True,
            ttft_ms=ttft_ms,
            complete=complete,
        )


def stream_chat(
    messages: list[dict],
    *,
    data_class: str,
    actor: Any = None,
    purpose: str = classes.GENERATION,
    **params: Any,
) -> ChatStream:
    """Same routing and journal as ``chat``; the refusal is raised here, before any chunk."""
    provider = _route(data_class, purpose, actor)[0]
    return ChatStream(provider, messages, data_class, purpose, actor, clean_params(params))


def embed(texts: list[str], *, data_class: str = classes.PUBLIC, actor: Any = None) -> list[list[float]]:
    providers = _route(data_class, classes.EMBEDDING, actor)
    failure: ProviderError | None = None
    for provider in providers:
        start = time.perf_counter()
        try:
            vectors = client_for(provider).embed(texts)
        except ProviderUnavailable as error:
            failure = error
            continue
        latency_ms = round((time.perf_counter() - start) * 1000)
        digest = hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()
        _journal_call(
            provider,
            provider.model_label,
            classes.EMBEDDING,
            data_class,
            digest,
            {"inputs": len(texts)},
            0,
            0,
            latency_ms,
            actor,
        )
        return vectors
    raise failure or ProviderUnavailable("Aucun fournisseur n'a répondu.")
