"""The situation of the person concerned on a case: read from the question, confirmed by the agent.

Only non-identifying facts (versant, statut, contrat, corps family) are stored, on ``Case.situation``.
The structure's default versant fills an unknown versant. Changing the situation re-runs the
automatic selection; the passages the agent added by hand stay.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.audit.journal import record
from rhia.drafting.situation import CONTRATS, STATUTS, VERSANTS, Situation, SituationError, extract_situation


def structure_versant(case: Case) -> str:
    structure = case.structure or getattr(case.owner, "structure", None)
    return structure.default_versant() if structure is not None else ""


def case_situation(case: Case) -> Situation:
    """The stored situation, or the one read from the (pseudonymized) question."""
    if case.situation:
        try:
            return Situation.from_dict(case.situation)
        except SituationError:
            pass  # a value no longer allowed: read it again
    return extract_situation(case.question, default_versant=structure_versant(case))


def parse_choice(versant: str, statut: str, contrat: str = "") -> tuple[str, str, str]:
    """The agent's choice from a form or the API, validated ("" means "not specified")."""
    versant, statut, contrat = (versant or "").strip(), (statut or "").strip(), (contrat or "").strip()
    if versant not in ("", *VERSANTS):
        raise CaseError(f"Versant inconnu : « {versant[:20]} » (choix : FPE, FPT, FPH).", code="input")
    if statut not in ("", *STATUTS):
        raise CaseError(
            f"Statut inconnu : « {statut[:20]} » (choix : titulaire, stagiaire, contractuel).", code="input"
        )
    if contrat not in ("", *CONTRATS):
        raise CaseError(f"Contrat inconnu : « {contrat[:20]} » (choix : CDD, CDI).", code="input")
    if contrat and statut != "contractuel":
        raise CaseError("Un CDD ou un CDI ne concerne qu'un agent contractuel.", code="input")
    return versant, statut, contrat


def confirm_situation(case: Case, user, *, versant: str, statut: str, contrat: str = "") -> Case:
    """Store the agent's situation and re-run the automatic selection with it."""
    from rhia.assistant.services.sources import retrieve_sources

    versant, statut, contrat = parse_choice(versant, statut, contrat)
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        if case.status != states.DRAFT or case.stage not in (states.SOURCES, states.DRAFTS):
            raise CaseError("La situation n'est plus modifiable à ce stade du cas.", code="state")
        advance(case, user, states.SELECT_SOURCES)
        situation = case_situation(case).confirmed(versant=versant, statut=statut, contrat=contrat)
        changed = situation.as_dict() != case.situation
        case.situation = situation.as_dict()
        case.situation_confirmed_at = timezone.now()
        case.save(update_fields=["situation", "situation_confirmed_at", "status", "stage", "updated_at"])
        record(
            "assistant.situation_confirmed",
            actor=user,
            obj=case,
            payload={"versant": versant, "statut": statut, "contrat": contrat},
            structure=case.structure,
        )
    return retrieve_sources(case, user) if changed else case
