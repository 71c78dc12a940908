"""Main navigation and home-page tiles, each gated by a permission from accounts.roles.

Apps add their entry here; an entry whose URL does not exist yet is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from rhia.accounts.authz import has_perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    description: str


NAV_ITEMS: list[NavItem] = [
    NavItem(
        "Assistant",
        "assistant:home",
        "assistant.use",
        "Traiter une question d'agent : sources, propositions de réponse, validation, export.",
    ),
    NavItem(
        "Validation",
        "assistant:validation_queue",
        "assistant.validate",
        "Relire et valider les réponses préparées par les gestionnaires.",
    ),
    NavItem(
        "Recherche",
        "search:page",
        "search.use",
        "Rechercher dans les fiches service-public, le code général de la fonction publique et les guides internes.",
    ),
    NavItem(
        "Données personnelles",
        "privacy:try",
        "assistant.use",
        "Voir ce que rhia masque dans un texte avant de l'envoyer à un modèle, et le corriger.",
    ),
    NavItem(
        "Vérifier un document",
        "provenance:verify",
        "provenance.verify",
        "Savoir si un document a été préparé avec rhia, et qui l'a validé.",
    ),
    NavItem(
        "Cas d'usage",
        "policy:register",
        "policy.view_register",
        "Le registre des usages autorisés, sous conditions ou interdits, et leur statut.",
    ),
    NavItem(
        "Kit d'usage",
        "governance:kit",
        "governance.read_kit",
        "Charte, référentiel éthique et guide de l'outil.",
    ),
    NavItem(
        "Signaler",
        "governance:report_new",
        "governance.report",
        "Signaler un mésusage ou un problème avec une réponse de l'IA, anonymement si vous le souhaitez.",
    ),
    NavItem(
        "Signalements",
        "governance:reports",
        "governance.handle_reports",
        "Instruire les signalements et suivre les avis de la commission.",
    ),
    NavItem(
        "Cycle de vie",
        "governance:lifecycle",
        "governance.view_lifecycle",
        "Les étapes de chaque cas d'usage (AIPD, représentants du personnel, direction, pilote, revue) et leurs pièces.",
    ),
    NavItem(
        "Formation",
        "training:home",
        "training.self_assess",
        "Auto-positionnement, catalogue et inscriptions.",
    ),
    NavItem(
        "Plan de formation",
        "training:plan",
        "training.manage",
        "Catalogue, sessions, présences et synthèse par structure.",
    ),
    NavItem(
        "Tableaux de bord",
        "dashboard:home",
        "dashboard.view",
        "Indicateurs agrégés d'adoption, de refus, de signalements et de formation.",
    ),
    NavItem(
        "Journal", "audit:journal", "audit.view", "Consulter, vérifier et exporter le journal de traçabilité."
    ),
    NavItem(
        "Sources",
        "corpus:sources",
        "corpus.manage",
        "Importer les fiches, les articles LEGI et les documents internes.",
    ),
    NavItem(
        "Clés d'API",
        "gateway:keys",
        "gateway.use",
        "Créer et révoquer vos clés pour l'API compatible OpenAI.",
    ),
    NavItem(
        "Consommation API",
        "gateway:usage",
        "gateway.usage_overview",
        "Consommation agrégée de l'API compatible OpenAI, par structure.",
    ),
    NavItem(
        "Administration",
        "admin:index",
        "admin.access",
        "Comptes, rôles, structures, fournisseurs de modèles.",
    ),
]


def items_for(user) -> list[dict[str, str]]:
    visible = []
    for item in NAV_ITEMS:
        if not has_perm(user, item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append({"label": item.label, "url": url, "description": item.description})
    return visible
