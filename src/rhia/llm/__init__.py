"""Fournisseurs de modèles: Provider registry (OpenAI-compatible, embedded llama.cpp), routing by data class, generation."""
