"""A validated answer as the assistant hands it over for export."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rhia.provenance.answer import ExportableAnswer

FINAL_TEXT = (
    "Madame,\n\n"
    "Vous nous interrogez sur vos droits à congé annuel. La durée du congé annuel est égale à cinq fois "
    "vos obligations hebdomadaires de service, soit 25 jours pour une semaine de cinq jours.\n\n"
    "Deux conditions s'appliquent :\n"
    "- l'absence du service ne peut excéder 31 jours consécutifs ;\n"
    "- un jour supplémentaire est accordé si vous prenez 5 à 7 jours hors de la période du 1er mai au 31 octobre.\n\n"
    "Nous restons à votre disposition pour toute précision.\n\n"
    "Le service des ressources humaines"
)


def answer(**overrides) -> ExportableAnswer:
    fields = {
        "case_reference": "RH-2026-00042",
        "title": "Vos droits à congé annuel",
        "final_text": FINAL_TEXT,
        "validator_name": "Claire Dupont-Lefèvre",
        "validator_role": "gestionnaire RH",
        "validated_at": datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Europe/Paris")),
        "agent_name": "Jean Martin",
        "ai_uses": ["recherche des textes applicables", "proposition de rédaction"],
        "sources": [
            (
                "F488",
                "Congés annuels dans la fonction publique",
                "https://www.service-public.fr/particuliers/vosdroits/F488",
            ),
            (
                "LEGIARTI000044420497",
                "Code général de la fonction publique, article L621-1",
                "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044420497",
            ),
        ],
        "provider": "embarqué (llama.cpp)",
        "model": "qwen2.5-0.5b-instruct",
        "unchanged_share": 0.82,
        "drafts_count": 3,
    }
    fields.update(overrides)
    return ExportableAnswer(**fields)
