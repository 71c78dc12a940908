"""OpenAI-compatible HTTP provider (Albert API / OpenGateLLM, vLLM, Ollama, llama.cpp server).

Timeouts, retries with exponential backoff on connection errors, 429 and 5xx, and a circuit
breaker per base URL so a dead endpoint fails fast instead of stalling every request.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from rhia.llm.breaker import CircuitBreaker
from rhia.llm.providers.base import (
    Completion,
    ContextTooLong,
    ProviderError,
    ProviderUnavailable,
    StreamState,
    clean_params,
    is_context_error,
)

RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}

_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(base_url: str, failure_threshold: int = 3, reset_after: float = 30.0) -> CircuitBreaker:
    with _breakers_lock:
        if base_url not in _breakers:
            _breakers[base_url] = CircuitBreaker(failure_threshold, reset_after)
        return _breakers[base_url]


class OpenAICompatClient:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        *,
        timeout: float = 60.0,
        max_retries: int = 2,
        backoff: float = 0.5,
        breaker: CircuitBreaker | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.breaker = breaker or breaker_for(self.base_url)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # trust_env=False: no proxy from the environment, no .netrc: the endpoint is explicit.
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout, trust_env=False)

    # -- transport -------------------------------------------------------------------------
    def _unavailable(self, detail: str) -> ProviderUnavailable:
        return ProviderUnavailable(f"Le fournisseur {self.base_url} ne répond pas ({detail}).")

    def _send(
        self, method: str, path: str, body: dict | None = None, *, stream: bool = False
    ) -> httpx.Response:
        """Send with retries and the breaker; returns a successful response (open if ``stream``)."""
        last = "erreur inconnue"
        for attempt in range(self.max_retries + 1):
            if not self.breaker.allow():
                raise self._unavailable(
                    f"circuit ouvert après des échecs répétés, nouvel essai dans {self.breaker.retry_in():.0f} s"
                )
            try:
                request = self._http.build_request(method, path, json=body)
                response = self._http.send(request, stream=stream)
            except httpx.TimeoutException:
                last = "délai dépassé"
                self.breaker.record_failure()
            except httpx.TransportError as error:
                last = f"connexion impossible : {type(error).__name__}"
                self.breaker.record_failure()
            else:
                if response.status_code < 400:
                    self.breaker.record_success()
                    return response
                if stream:
                    response.read()
                    response.close()
                if response.status_code not in RETRYABLE_STATUS:
                    # The endpoint answered: it is alive; the request itself is wrong.
                    self.breaker.record_success()
                    if response.status_code == 400 and is_context_error(response.text[:2000]):
                        raise ContextTooLong()
                    raise ProviderError(
                        f"Le fournisseur a refusé la requête (HTTP {response.status_code}) : {_error_text(response)}"
                    )
                last = f"HTTP {response.status_code}"
                self.breaker.record_failure()
            if attempt < self.max_retries:
                time.sleep(self.backoff * (2**attempt))
        raise self._unavailable(f"{last}, {self.max_retries + 1} tentative(s)")

    # -- interface -------------------------------------------------------------------------
    def chat(self, messages: list[dict], **params: Any) -> Completion:
        body = {"model": self.model, "messages": messages, **clean_params(params)}
        data = self._send("POST", "/chat/completions", body).json()
        try:
            choice = data["choices"][0]
            usage = data.get("usage") or {}
            return Completion(
                text=choice["message"].get("content") or "",
                model=data.get("model") or self.model,
                prompt_tokens=int(usage.get("prompt_tokens") or 0),
                completion_tokens=int(usage.get("completion_tokens") or 0),
                finish_reason=choice.get("finish_reason"),
            )
        except (KeyError, IndexError, TypeError) as error:
            raise ProviderError("Réponse du fournisseur illisible (format OpenAI attendu).") from error

    def stream(
        self, messages: list[dict], *, state: StreamState | None = None, **params: Any
    ) -> Iterator[str]:
        state = state if state is not None else StreamState()
        state.model = self.model
        body = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            **clean_params(params),
        }
        response = self._send("POST", "/chat/completions", body, stream=True)
        try:
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                try:
                    chunk = json.loads(payload)
                except json.JSONDecodeError:
                    continue
                if chunk.get("usage"):
                    state.prompt_tokens = int(chunk["usage"].get("prompt_tokens") or 0)
                    state.completion_tokens = int(chunk["usage"].get("completion_tokens") or 0)
                for choice in chunk.get("choices") or []:
                    delta = (choice.get("delta") or {}).get("content")
                    if delta:
                        if state.first_token_at is None:
                            state.first_token_at = time.perf_counter()
                        if not chunk.get("usage"):
                            state.extra["chunks"] = state.extra.get("chunks", 0) + 1
                        yield delta
        except httpx.HTTPError as error:
            self.breaker.record_failure()
            raise self._unavailable(f"flux interrompu : {type(error).__name__}") from error
        finally:
            response.close()
        if not state.completion_tokens:
            state.completion_tokens = state.extra.get("chunks", 0)

    def embed(self, texts: list[str]) -> list[list[float]]:
        data = self._send("POST", "/embeddings", {"model": self.model, "input": list(texts)}).json()
        rows = sorted(data.get("data") or [], key=lambda row: row.get("index", 0))
        return [list(map(float, row["embedding"])) for row in rows]

    def list_models(self) -> list[str]:
        data = self._send("GET", "/models").json()
        return [row.get("id", "") for row in data.get("data") or []]

    def close(self) -> None:
        self._http.close()


def _error_text(response: httpx.Response) -> str:
    try:
        data = response.json()
        message = (
            (data.get("error") or {}).get("message")
            if isinstance(data.get("error"), dict)
            else data.get("error")
        )
        return str(message or data.get("detail") or "")[:200]
    except (ValueError, AttributeError):
        return response.text[:200]
