"""Builds (and caches per process) the client object for a provider record."""

from __future__ import annotations

import threading

from django.conf import settings

from rhia.llm import classes, validation
from rhia.llm.models import Provider
from rhia.llm.providers.base import ProviderClient
from rhia.llm.providers.embedded import EmbeddedClient
from rhia.llm.providers.openai_compat import OpenAICompatClient

_cache: dict[tuple, ProviderClient] = {}
_lock = threading.Lock()


def client_for(provider: Provider) -> ProviderClient:
    key = (
        provider.pk,
        provider.kind,
        provider.base_url,
        provider.model,
        provider.api_key_env,
        provider.timeout_seconds,
        provider.max_retries,
    )
    with _lock:
        if key not in _cache:
            _cache[key] = build_client(provider)
        return _cache[key]


def build_client(provider: Provider) -> ProviderClient:
    if provider.kind == classes.EMBEDDED:
        return EmbeddedClient(model_path=settings.RHIA_LLM_MODEL_PATH or None, model=provider.model or None)
    if provider.kind == classes.OPENAI:
        api_key = validation.api_key(provider.api_key_env)
        return OpenAICompatClient(
            provider.base_url,
            provider.model,
            api_key,
            timeout=provider.timeout_seconds,
            max_retries=provider.max_retries,
        )
    raise ValueError(f"Type de fournisseur inconnu : {provider.kind}")
