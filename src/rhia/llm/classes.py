"""Vocabulary shared by provider records, routing and callers (pure Python)."""

from __future__ import annotations

# Data classes, from least to most protected.
PUBLIC, INTERNAL, PERSONAL, SENSITIVE = "public", "internal", "personal", "sensitive"
DATA_CLASSES: dict[str, str] = {
    PUBLIC: "Publique",
    INTERNAL: "Interne",
    PERSONAL: "Personnelle (pseudonymisée)",
    SENSITIVE: "Sensible (catégories particulières)",
}

ON_PREMISES, SOVEREIGN_CLOUD, EXTERNAL = "on_premises", "sovereign_cloud", "external"
TRUST_LEVELS: dict[str, str] = {
    ON_PREMISES: "Sur site (infrastructure de l'administration)",
    SOVEREIGN_CLOUD: "Cloud souverain (qualifié SecNumCloud)",
    EXTERNAL: "Service externe",
}

GENERATION, EMBEDDING, RERANKING = "generation", "embedding", "reranking"
PURPOSES: dict[str, str] = {
    GENERATION: "Génération",
    EMBEDDING: "Plongements (recherche sémantique)",
    RERANKING: "Reclassement",
}

EMBEDDED, OPENAI = "embedded", "openai"
KINDS: dict[str, str] = {
    EMBEDDED: "Modèle embarqué (llama.cpp, sur le serveur)",
    OPENAI: "API compatible OpenAI (Albert, OpenGateLLM, vLLM, Ollama, llama.cpp server)",
}


def data_class_label(code: str) -> str:
    return DATA_CLASSES.get(code, code)


# What a trust level may receive: an external service never gets personal or sensitive data, even
# pseudonymized (re-identification risk, transfers outside the administration's control).
TRUST_ALLOWS: dict[str, frozenset[str]] = {
    ON_PREMISES: frozenset(DATA_CLASSES),
    SOVEREIGN_CLOUD: frozenset(DATA_CLASSES),
    EXTERNAL: frozenset({PUBLIC, INTERNAL}),
}


def trust_allows(trust_level: str, data_class: str) -> bool:
    return data_class in TRUST_ALLOWS.get(trust_level, frozenset())
