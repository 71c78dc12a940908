from django.apps import AppConfig


class LlmConfig(AppConfig):
    """Provider registry (OpenAI-compatible, embedded llama.cpp), routing by data class, generation."""

    name = "rhia.llm"
    verbose_name = "Fournisseurs de modèles"
