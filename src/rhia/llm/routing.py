"""Routing: pick an enabled provider that accepts the data class and the purpose."""

from __future__ import annotations

from rhia.llm import classes
from rhia.llm.models import Provider

_TRUST_ORDER = {classes.ON_PREMISES: 0, classes.SOVEREIGN_CLOUD: 1, classes.EXTERNAL: 2}


class NoProviderAvailable(Exception):
    """No enabled provider may receive this data class for this purpose (``message`` in French)."""

    def __init__(self, data_class: str, purpose: str = classes.GENERATION, reason: str = "no_provider"):
        self.data_class = data_class
        self.purpose = purpose
        self.reason = reason
        label = classes.data_class_label(data_class).lower()
        usage = classes.PURPOSES.get(purpose, purpose).lower()
        if reason == "unknown_data_class":
            self.message = f"Classe de données inconnue « {data_class} » : l'appel au modèle est refusé."
        elif reason == "unavailable":
            self.message = (
                f"Aucun fournisseur autorisé pour les données de classe « {label} » ne répond actuellement "
                f"(usage : {usage}). Réessayez plus tard ou traitez la demande sans l'assistant."
            )
        else:
            self.message = (
                f"Aucun fournisseur de modèle approuvé n'accepte les données de classe « {label} » "
                f"(usage : {usage}). L'appel est refusé : traitez cette demande sans l'assistant "
                "ou demandez à l'administrateur d'approuver un fournisseur adapté."
            )
        super().__init__(self.message)


def candidates(data_class: str, purpose: str = classes.GENERATION) -> list[Provider]:
    """Every provider allowed for this call, best first (priority, then most trusted, then name)."""
    if data_class not in classes.DATA_CLASSES:
        raise NoProviderAvailable(data_class, purpose, reason="unknown_data_class")
    allowed = [
        provider
        for provider in Provider.objects.filter(enabled=True)
        if provider.accepts(data_class, purpose)
    ]
    allowed.sort(key=lambda p: (p.priority, _TRUST_ORDER.get(p.trust_level, 9), p.name))
    if not allowed:
        raise NoProviderAvailable(data_class, purpose)
    return allowed


def select_provider(data_class: str, purpose: str = classes.GENERATION) -> Provider:
    return candidates(data_class, purpose)[0]
