"""The provider interface (pure Python): chat, stream, embed, list models."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


class ProviderError(RuntimeError):
    """A provider call failed (message in French, safe to show: it never contains the prompt)."""


class ProviderUnavailable(ProviderError):
    """The provider cannot be reached now (circuit open, retries exhausted, model missing)."""


class ContextTooLong(ProviderError):
    """The prompt (plus the requested answer length) does not fit in the model's context window."""

    def __init__(self, limit: int | None = None):
        size = f" ({limit} jetons au plus)" if limit else ""
        super().__init__(
            f"La demande dépasse la taille de contexte du modèle{size} : raccourcissez les messages "
            "ou demandez une réponse plus courte (max_tokens)."
        )
        self.limit = limit


CONTEXT_MARKERS = ("context length", "context window", "context_length_exceeded", "maximum context")


def is_context_error(text: str) -> bool:
    """Whether an engine's error text says the prompt is too long for its context (llama.cpp, vLLM, OpenAI)."""
    lowered = text.lower()
    return any(marker in lowered for marker in CONTEXT_MARKERS)


@dataclass
class Completion:
    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None


@dataclass
class StreamState:
    """Filled while a stream is consumed, read by the caller once it is exhausted."""

    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    first_token_at: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class ProviderClient(Protocol):
    model: str

    def chat(self, messages: list[dict], **params: Any) -> Completion: ...

    def stream(
        self, messages: list[dict], *, state: StreamState | None = None, **params: Any
    ) -> Iterator[str]: ...

    def embed(self, texts: list[str]) -> list[list[float]]: ...

    def list_models(self) -> list[str]: ...


# Generation parameters passed through to backends; anything else is dropped.
CHAT_PARAMS = (
    "max_tokens",
    "temperature",
    "top_p",
    "stop",
    "seed",
    "repeat_penalty",
    "frequency_penalty",
    "presence_penalty",
    "response_format",  # OpenAI structured output ({"type": "json_schema", ...}); llama.cpp: a grammar
)


def clean_params(params: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in params.items() if key in CHAT_PARAMS and value is not None}
