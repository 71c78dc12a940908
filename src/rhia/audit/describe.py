"""One plain-French sentence per journal event, for the DPO's page (the raw JSON stays in the export)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rhia.llm.classes import PURPOSES, data_class_label

Payload = dict[str, Any]

# Action code -> (family shown in the filter, sentence builder).
_FAMILIES = {
    "assistant": "Cas traités par l'assistant",
    "llm": "Appels aux modèles d'IA",
    "policy": "Garde-fou d'usage",
    "provenance": "Vérification de documents",
    "governance": "Gouvernance",
    "training": "Formation",
    "gateway": "Passerelle API",
    "audit": "Journal",
    "accounts": "Comptes",
    "corpus": "Sources documentaires",
    "jobs": "Tâches de fond",
}


def _yes(value: Any) -> bool:
    return bool(value) and value not in ("false", "False", "0")


def _v(payload: Payload, key: str) -> str:
    value = payload.get(key)
    return "?" if value is None or value == "" else str(value)


def _share(payload: Payload) -> str:
    try:
        return f"{round(float(payload.get('unchanged_share') or 0) * 100)} %"
    except (TypeError, ValueError):
        return "?"


def _data(payload: Payload) -> str:
    code = payload.get("data_class")
    return f"données de classe « {data_class_label(code)} »" if code else "classe de données non précisée"


def _category(payload: Payload) -> str:
    from rhia.policy.services import current_ruleset

    code = payload.get("category") or ""
    return current_ruleset().category_label(code) if code else "usage exclu"


def _lifecycle_state(code: Any) -> str:
    from rhia.governance.lifecycle_flow import LABELS, State

    try:
        return LABELS[State(code)]
    except ValueError:
        return str(code or "—")


def _role(payload: Payload) -> str:
    from rhia.accounts.roles import Role

    code = payload.get("role")
    return Role(code).label if code in Role.values else str(code or "?")


def _validated(p: Payload) -> str:
    who = "par une seconde personne" if _yes(p.get("second_person")) else "par l'agent lui-même"
    unedited = " (proposition de l'IA reprise sans modification)" if _yes(p.get("unedited")) else ""
    return f"Réponse validée {who} ; part reprise telle quelle de l'IA : {_share(p)}{unedited}."


def _llm_call(p: Payload) -> str:
    purpose = PURPOSES.get(p.get("purpose", ""), p.get("purpose") or "appel")
    tokens = (p.get("prompt_tokens") or 0) + (p.get("completion_tokens") or 0)
    return (
        f"Appel au modèle {p.get('model') or '?'} ({p.get('provider') or 'fournisseur inconnu'}) — "
        f"{purpose.lower()}, {_data(p)}, {tokens} jetons, {p.get('latency_ms') or 0} ms."
    )


SENTENCES: dict[str, Callable[[Payload], str]] = {
    "assistant.situation_confirmed": lambda p: "Situation de la personne confirmée par l'agent.",
    "assistant.case_created": lambda p: (
        f"Nouveau cas ouvert ({_data(p)})" + (", refusé par le garde-fou." if _yes(p.get("refused")) else ".")
    ),
    "assistant.drafts_generated": lambda p: (
        f"Proposition de réponse tirée des textes, sans appel à un modèle : {p.get('n', '?')}."
        if _yes(p.get("extractive_only"))
        else f"Propositions de réponse rédigées : {p.get('n', '?')}, par le modèle {p.get('model') or '?'}."
    ),
    "assistant.draft_chosen": lambda p: (
        f"L'agent a choisi la proposition n° {int(p['index']) + 1}."  # stored 0-based, shown from 1
        if p.get("index") is not None
        else "L'agent a choisi de rédiger sans proposition de l'IA."
    ),
    "assistant.submitted": lambda p: "Cas transmis aux valideurs.",
    "assistant.returned": lambda p: "Cas renvoyé au gestionnaire par le valideur.",
    "assistant.abandoned": lambda p: "Cas abandonné.",
    "assistant.validated": _validated,
    "assistant.exported": lambda p: (
        f"Réponse exportée au format {str(p.get('format') or '?').upper()} avec la mention d'usage de l'IA"
        + (" (proposition non modifiée)." if _yes(p.get("unedited")) else ".")
    ),
    "assistant.content_purged": lambda p: (
        f"Contenu de {p.get('cases', '?')} cas purgé (conservation de {p.get('days', '?')} jours dépassée)."
    ),
    "llm.call": _llm_call,
    "llm.refused": lambda p: (
        f"Appel au modèle refusé : aucun fournisseur autorisé pour ces {_data(p)}. {p.get('reason') or ''}"
    ).strip(),
    "policy.refused": lambda p: f"Demande refusée par le garde-fou : {_category(p)}.",
    "policy.allowed": lambda p: "Demande admise par le garde-fou d'usage.",
    "provenance.verified": lambda p: {
        "exact": "Document vérifié : authentique.",
        "same_text": "Document vérifié : même texte qu'un export rhia (copie convertie).",
        "modified": "Document vérifié : modifié depuis sa validation.",
        "unknown": "Document vérifié : inconnu de rhia.",
        "code_found": "Référence de vérification consultée : connue.",
    }.get(p.get("status", ""), "Document vérifié."),
    "governance.lifecycle_step": lambda p: (
        f"Cas d'usage « {p.get('use_case_name') or p.get('use_case') or '?'} » : "
        f"{_lifecycle_state(p.get('from'))} → {_lifecycle_state(p.get('to'))}."
    ),
    "governance.document_drafted": lambda p: (
        f"Document « {_v(p, 'document')} » : version {_v(p, 'version')} rédigée."
    ),
    "governance.document_validated": lambda p: (
        f"Document « {_v(p, 'document')} » : version {_v(p, 'version')} validée."
    ),
    "governance.document_returned": lambda p: (
        f"Document « {_v(p, 'document')} » : version {_v(p, 'version')} renvoyée pour correction."
    ),
    "governance.document_published": lambda p: (
        f"Document « {_v(p, 'document')} » publié en version {_v(p, 'version')}"
        + (
            " ; nouvelle prise de connaissance demandée."
            if _yes(p.get("new_acknowledgment_required"))
            else "."
        )
    ),
    "governance.charter_acknowledged": lambda p: f"Charte (version {_v(p, 'version')}) signée.",
    "governance.report_created": lambda p: "Signalement d'un usage problématique déposé.",
    "governance.report_status_changed": lambda p: "Signalement : changement de statut.",
    "governance.commission_opinion": lambda p: "Avis de la commission d'éthique rendu sur un signalement.",
    "training.completed": lambda p: (
        f"Formation « {_v(p, 'module')} » suivie" + (" (module de base)." if _yes(p.get("basic")) else ".")
    ),
    "gateway.completion": lambda p: f"Appel par la passerelle API ({_data(p)}).",
    "gateway.failed": lambda p: f"Appel par la passerelle API en échec ({_data(p)}).",
    "gateway.key_created": lambda p: "Clé d'accès à la passerelle API créée.",
    "gateway.key_revoked": lambda p: "Clé d'accès à la passerelle API révoquée.",
    "audit.verified": lambda p: (
        f"Intégrité du journal vérifiée : {p.get('checked', '?')} entrées, chaîne intègre."
        if _yes(p.get("ok"))
        else f"Intégrité du journal vérifiée : chaîne rompue à l'entrée n° {_v(p, 'broken_seq')}."
    ),
    "audit.exported": lambda p: "Journal exporté (JSONL) pour le délégué à la protection des données.",
    "audit.purged": lambda p: "Purge du journal selon la durée de conservation.",
    "accounts.oidc_first_login": lambda p: (
        "Première connexion par ProConnect (accès en attente de validation)."
    ),
    "jobs.failed": lambda p: f"Tâche de fond en échec (tentative n° {_v(p, 'attempt')}).",
    "jobs.interrupted": lambda p: (
        f"Tâche de fond interrompue (tentative n° {_v(p, 'attempt')})"
        + (" ; elle est relancée." if _yes(p.get("retried")) else ".")
    ),
    "corpus.superseded": lambda p: f"Remplacement de source déclaré : {_v(p, 'rule')}.",
    "corpus.supersession_removed": lambda p: f"Remplacement de source supprimé : {_v(p, 'rule')}.",
    "accounts.role_granted": lambda p: (
        f"Rôle « {_role(p)} » attribué"
        + (" depuis la ligne de commande du serveur." if p.get("via") == "cli" else ".")
    ),
    "accounts.role_revoked": lambda p: (
        f"Rôle « {_role(p)} » retiré"
        + (" depuis la ligne de commande du serveur." if p.get("via") == "cli" else ".")
    ),
}


# Short names of the events, for the filter.
EVENT_LABELS = {
    "assistant.case_created": "Cas ouvert",
    "assistant.situation_confirmed": "Situation confirmée",
    "assistant.drafts_generated": "Propositions rédigées",
    "assistant.draft_chosen": "Proposition choisie",
    "assistant.submitted": "Cas transmis pour validation",
    "assistant.returned": "Cas renvoyé au gestionnaire",
    "assistant.abandoned": "Cas abandonné",
    "assistant.validated": "Réponse validée",
    "assistant.exported": "Réponse exportée",
    "assistant.content_purged": "Contenu purgé",
    "llm.call": "Appel à un modèle",
    "llm.refused": "Appel refusé (classe de données)",
    "policy.refused": "Demande refusée",
    "policy.allowed": "Demande admise",
    "provenance.verified": "Document vérifié",
    "governance.lifecycle_step": "Étape du cycle de vie",
    "governance.document_drafted": "Document rédigé",
    "governance.document_validated": "Document validé",
    "governance.document_returned": "Document renvoyé",
    "governance.document_published": "Document publié",
    "governance.charter_acknowledged": "Charte signée",
    "governance.report_created": "Signalement déposé",
    "governance.report_status_changed": "Signalement mis à jour",
    "governance.commission_opinion": "Avis de la commission",
    "training.completed": "Formation suivie",
    "gateway.completion": "Appel par l'API",
    "gateway.failed": "Appel par l'API en échec",
    "gateway.key_created": "Clé d'API créée",
    "gateway.key_revoked": "Clé d'API révoquée",
    "audit.verified": "Journal vérifié",
    "audit.exported": "Journal exporté",
    "audit.purged": "Journal purgé",
    "accounts.oidc_first_login": "Première connexion ProConnect",
    "jobs.failed": "Tâche de fond en échec",
    "jobs.interrupted": "Tâche de fond interrompue",
    "corpus.superseded": "Remplacement de source déclaré",
    "corpus.supersession_removed": "Remplacement de source supprimé",
    "accounts.role_granted": "Rôle attribué",
    "accounts.role_revoked": "Rôle retiré",
}


def family(action: str) -> str:
    return _FAMILIES.get(action.split(".", 1)[0], "Autres")


def families() -> list[tuple[str, str]]:
    """(action prefix, label) for the filter."""
    return [(f"{prefix}.", label) for prefix, label in _FAMILIES.items()]


def use_case_names(slugs) -> dict[str, str]:
    """Register names of the use cases whose slugs the journal keeps (one query for a page)."""
    from rhia.policy.models import UseCase

    wanted = {slug for slug in slugs if slug}
    return dict(UseCase.objects.filter(slug__in=wanted).values_list("slug", "name")) if wanted else {}


def describe(
    action: str, payload: Payload | None, *, purged: bool = False, names: dict[str, str] | None = None
) -> str:
    """The sentence for one entry; a purged or unknown payload still gets a readable sentence.

    ``names``: use-case slug -> register name (``use_case_names``), so a lifecycle step reads with the
    name a person knows; an unknown slug (use case deleted since) is shown as stored."""
    builder = SENTENCES.get(action)
    slug = payload.get("use_case") if isinstance(payload, dict) else None
    if names and isinstance(slug, str) and slug in names:
        payload = {**payload, "use_case_name": names[slug]}
    if purged:
        return f"{family(action)} : détail purgé (durée de conservation dépassée)."
    if builder is None:
        return f"Événement « {action} » ({family(action).lower()})."
    try:
        return builder(payload or {})
    except (KeyError, TypeError, ValueError):
        return f"Événement « {action} » ({family(action).lower()})."
