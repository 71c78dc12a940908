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
    group: str = ""  # the menu it sits in; a menu holding one visible entry shows as a plain link


NAV_ITEMS: list[NavItem] = [
    NavItem(
        "Assistant",
        "assistant:home",
        "assistant.use",
        "Traiter une question d'agent : sources, propositions de réponse, validation, export.",
        group="Assistant",
    ),
    NavItem(
        "Validation",
        "assistant:validation_queue",
        "assistant.validate",
        "Relire et valider les réponses préparées par les gestionnaires.",
        group="Assistant",
    ),
    NavItem(
        "Recherche",
        "search:page",
        "search.use",
        "Rechercher dans les fiches service-public, le code général de la fonction publique et les guides internes.",
        group="Assistant",
    ),
    NavItem(
        "Données personnelles",
        "privacy:try",
        "assistant.use",
        "Voir ce que rhia masque dans un texte avant de l'envoyer à un modèle, et le corriger.",
        group="Assistant",
    ),
    NavItem(
        "Vérifier un document",
        "provenance:verify",
        "provenance.verify",
        "Savoir si un document a été préparé avec rhia, et qui l'a validé.",
        group="Assistant",
    ),
    NavItem(
        "Cas d'usage",
        "policy:register",
        "policy.view_register",
        "Le registre des usages autorisés, sous conditions ou interdits, et leur statut.",
        group="Cadre d'usage",
    ),
    NavItem(
        "Kit d'usage",
        "governance:kit",
        "governance.read_kit",
        "Charte, référentiel éthique et guide de l'outil.",
        group="Cadre d'usage",
    ),
    NavItem(
        "Signaler",
        "governance:report_new",
        "governance.report",
        "Signaler un mésusage ou un problème avec une réponse de l'IA, anonymement si vous le souhaitez.",
        group="Cadre d'usage",
    ),
    NavItem(
        "Signalements",
        "governance:reports",
        "governance.handle_reports",
        "Instruire les signalements et suivre les avis de la commission.",
        group="Cadre d'usage",
    ),
    NavItem(
        "Cycle de vie",
        "governance:lifecycle",
        "governance.view_lifecycle",
        "Les étapes de chaque cas d'usage (AIPD, représentants du personnel, direction, pilote, revue) et leurs pièces.",
        group="Cadre d'usage",
    ),
    NavItem(
        "Formation",
        "training:home",
        "training.self_assess",
        "Auto-positionnement, catalogue et inscriptions.",
        group="Formation",
    ),
    NavItem(
        "Plan de formation",
        "training:plan",
        "training.manage",
        "Catalogue, sessions, présences et synthèse par structure.",
        group="Formation",
    ),
    NavItem(
        "Tableaux de bord",
        "dashboard:home",
        "dashboard.view",
        "Indicateurs agrégés d'adoption, de refus, de signalements et de formation.",
        group="Pilotage",
    ),
    NavItem(
        "Journal",
        "audit:journal",
        "audit.view",
        "Consulter, vérifier et exporter le journal de traçabilité.",
        group="Pilotage",
    ),
    NavItem(
        "Sources",
        "corpus:sources",
        "corpus.manage",
        "Importer les fiches, les articles LEGI et les documents internes.",
        group="Administration",
    ),
    NavItem(
        "Clés d'API",
        "gateway:keys",
        "gateway.use",
        "Créer et révoquer vos clés pour l'API compatible OpenAI.",
        group="Administration",
    ),
    NavItem(
        "Consommation API",
        "gateway:usage",
        "gateway.usage_overview",
        "Consommation agrégée de l'API compatible OpenAI, par structure.",
        group="Pilotage",
    ),
    NavItem(
        "Administration",
        "admin:index",
        "admin.access",
        "Comptes, rôles, structures, fournisseurs de modèles.",
        group="Administration",
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
        visible.append(
            {
                "label": item.label,
                "url": url,
                "description": item.description,
                "group": item.group or item.label,
            }
        )
    return visible


def menus_for(user, current_path: str = "") -> list[dict]:
    """The main menu: entries grouped in a few menus so it fits on one line at 1280 px."""
    menus: dict[str, dict] = {}
    for item in items_for(user):
        menu = menus.setdefault(
            item["group"], {"label": item["group"], "id": f"menu-{len(menus) + 1}", "items": []}
        )
        item["current"] = item["url"] == current_path or (
            item["url"] != "/" and current_path.startswith(item["url"])
        )
        menu["items"].append(item)
    for menu in menus.values():
        menu["current"] = any(item["current"] for item in menu["items"])
    return list(menus.values())
