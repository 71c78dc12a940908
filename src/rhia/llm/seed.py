"""Idempotent seed (called by ``rhia demo``): the embedded provider, and one from the environment.

- "Modèle embarqué" (llama.cpp, on premises): accepts every data class; generation and embeddings.
- When ``RHIA_LLM_BASE_URL`` is set: an OpenAI-compatible provider (``RHIA_LLM_MODEL``,
  key in ``RHIA_LLM_API_KEY``, named ``RHIA_PROVIDER_KEY_LLM``), trust level ``RHIA_LLM_TRUST``
  (default sovereign_cloud) and data classes ``RHIA_LLM_DATA_CLASSES`` (default
  public,internal,personal; those the trust level may not receive are dropped), preferred (priority 10).
Records edited in the admin keep their edits: only the endpoint and model follow the environment.
"""

from __future__ import annotations

from django.conf import settings

from rhia.llm import classes
from rhia.llm.models import Provider

EMBEDDED_NAME = "Modèle embarqué (Qwen2.5-Coder 1.5B, llama.cpp)"
OPENAI_NAME = "API compatible OpenAI (configurée par l'environnement)"


def run(stdout=None) -> None:
    _, created = Provider.objects.get_or_create(
        name=EMBEDDED_NAME,
        defaults={
            "kind": classes.EMBEDDED,
            "trust_level": classes.ON_PREMISES,
            "data_classes": list(classes.DATA_CLASSES),
            "purposes": [classes.GENERATION, classes.EMBEDDING],
            "priority": 100,
            "api_key_env": "",
            "description": "Petit modèle exécuté sur le serveur de rhia : aucune donnée ne sort. Qualité limitée, "
            "compensée par des sources courtes et une vérification systématique des réponses.",
        },
    )
    if stdout is not None and created:
        stdout.write("Fournisseur de modèle embarqué créé.\n")
    base_url = settings.RHIA_LLM_BASE_URL
    if not base_url:
        return
    trust = settings.RHIA_LLM_TRUST
    if trust not in classes.TRUST_LEVELS:
        trust = classes.SOVEREIGN_CLOUD
    accepted = [c for c in settings.RHIA_LLM_DATA_CLASSES if classes.trust_allows(trust, c)]
    model = settings.RHIA_LLM_MODEL
    provider, created = Provider.objects.get_or_create(
        name=OPENAI_NAME,
        defaults={
            "kind": classes.OPENAI,
            "trust_level": trust,
            "data_classes": [c for c in accepted if c in classes.DATA_CLASSES],
            "purposes": [classes.GENERATION],
            "priority": 10,
            "base_url": base_url,
            "model": model,
            "api_key_env": "RHIA_PROVIDER_KEY_LLM",
        },
    )
    if not created and (provider.base_url, provider.model) != (base_url, model or provider.model):
        provider.base_url = base_url
        provider.model = model or provider.model
        provider.save(update_fields=["base_url", "model", "updated_at"])
    if stdout is not None and created:
        stdout.write(f"Fournisseur compatible OpenAI créé : {base_url}\n")
