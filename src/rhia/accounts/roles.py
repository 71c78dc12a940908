"""Roles and the permission table: the single source of truth for authorization.

Views (``authz.require``), API endpoints (``authz.api_require``), templates and the
role/permission matrix test all read ``PERMISSIONS``. Add a permission here, never
an ad-hoc check in a view.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    AGENT_RH = "agent_rh", "Agent RH (gestionnaire)"
    VALIDATOR = "valideur", "Valideur (encadrement / direction)"
    ETHICS_REFERENT = "referent_ethique", "Référent éthique"
    ETHICS_COMMITTEE = "commission_ethique", "Membre de la commission d'éthique"
    DPO = "dpo", "DPO / auditeur"
    TRAINING = "formation", "Service formation"
    STAFF_REP = "representant", "Représentant du personnel"
    ADMIN = "administrateur", "Administrateur"


R = Role
ALL_ROLES = frozenset(Role)

# permission code -> (French description, roles that hold it)
PERMISSIONS: dict[str, tuple[str, frozenset[Role]]] = {
    # Assistant and search
    "assistant.use": ("Traiter une question d'agent avec l'assistant", frozenset({R.AGENT_RH, R.VALIDATOR})),
    "assistant.validate": ("Valider les réponses des gestionnaires", frozenset({R.VALIDATOR})),
    "search.use": ("Rechercher dans les textes officiels", frozenset({R.AGENT_RH, R.VALIDATOR, R.ADMIN})),
    "provenance.verify": ("Vérifier l'origine d'un document", ALL_ROLES),
    "corpus.manage": ("Importer et gérer les sources documentaires", frozenset({R.ADMIN})),
    # Framework
    "policy.view_register": ("Consulter le registre des cas d'usage", ALL_ROLES),
    "policy.manage": ("Gérer le registre des cas d'usage", frozenset({R.ADMIN})),
    "audit.view": ("Consulter le journal de traçabilité", frozenset({R.DPO})),
    "audit.export": ("Exporter le journal de traçabilité", frozenset({R.DPO})),
    "llm.manage": ("Gérer les fournisseurs de modèles", frozenset({R.ADMIN})),
    # Governance
    "governance.read_kit": ("Lire le kit d'usage (charte, référentiel, guide)", ALL_ROLES),
    "governance.publish": ("Rédiger et publier les documents du kit", frozenset({R.ADMIN})),
    "governance.direction_validate": ("Valider au nom de la direction", frozenset({R.VALIDATOR})),
    "governance.report": ("Signaler un mésusage ou un problème", ALL_ROLES),
    "governance.handle_reports": (
        "Instruire les signalements",
        frozenset({R.ETHICS_REFERENT, R.ETHICS_COMMITTEE}),
    ),
    "governance.commission": ("Rendre les avis de la commission d'éthique", frozenset({R.ETHICS_COMMITTEE})),
    "governance.lifecycle": (
        "Faire avancer le cycle de vie d'un cas d'usage",
        frozenset({R.ADMIN, R.DPO, R.VALIDATOR}),
    ),
    "governance.view_lifecycle": (
        "Consulter le cycle de vie des cas d'usage et les pièces de chaque étape",
        frozenset({R.STAFF_REP, R.DPO, R.ADMIN, R.VALIDATOR, R.ETHICS_REFERENT, R.ETHICS_COMMITTEE}),
    ),
    # Training
    "training.self_assess": ("Faire son auto-positionnement et s'inscrire aux formations", ALL_ROLES),
    "training.manage": (
        "Gérer le catalogue, les sessions et les plans de formation",
        frozenset({R.TRAINING}),
    ),
    # Dashboards
    # Staff representatives read the same aggregates as the direction (DGAFP toolbox: "un niveau
    # d'information équivalent"), read-only and with the same small-group suppression.
    "dashboard.view": (
        "Consulter les tableaux de bord agrégés",
        frozenset(
            {R.VALIDATOR, R.ETHICS_REFERENT, R.ETHICS_COMMITTEE, R.TRAINING, R.DPO, R.STAFF_REP, R.ADMIN}
        ),
    ),
    # Gateway
    "gateway.use": (
        "Utiliser l'API compatible OpenAI avec une clé personnelle",
        frozenset({R.AGENT_RH, R.VALIDATOR, R.ADMIN}),
    ),
    "gateway.usage_overview": ("Voir la consommation agrégée de l'API", frozenset({R.ADMIN})),
    # Administration
    "accounts.manage": ("Attribuer les rôles et gérer les comptes", frozenset({R.ADMIN})),
    "admin.access": ("Accéder à l'administration technique", frozenset({R.ADMIN})),
}


def roles_with(permission: str) -> frozenset[Role]:
    return PERMISSIONS[permission][1]
