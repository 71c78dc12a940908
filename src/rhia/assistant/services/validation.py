"""Submission, validation (self or second person, as the use case requires), return and abandon."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.accounts.authz import structures_for
from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, ensure_access, get_case
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.shielding import shield_label
from rhia.audit.journal import record
from rhia.corpus import freshness
from rhia.fairness.services import summary as bias_summary


def _require_text(case: Case) -> None:
    if not case.final_text.strip():
        raise CaseError("Le texte final est vide : rédigez et enregistrez la réponse d'abord.", code="state")


def submit_for_validation(case: Case, user) -> Case:
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        _require_text(case)
        advance(case, user, states.SUBMIT)
        case.submitted_at = timezone.now()
        case.save()
        record("assistant.submitted", actor=user, obj=case, payload={}, structure=case.structure)
    return case


def sources_to_check(case: Case) -> list[dict]:
    """Selected sources past the configured age (or undated) or replaced: validation needs a confirmation."""
    return [
        source
        for source in case.selected_sources
        if source.get("superseded_by") or freshness.of_source(source).stale
    ]


def validate_case(case: Case, user, *, comment: str = "", sources_checked: bool = False) -> Case:
    """``sources_checked``: the validator confirms the stale or replaced sources were checked (recorded)."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        _require_text(case)
        advance(case, user, states.VALIDATE)  # state and permission first: they explain more
        to_check = sources_to_check(case)
        if to_check and not sources_checked:
            names = ", ".join(sorted({source["document_id"] for source in to_check}))
            raise CaseError(
                f"Cette réponse s'appuie sur des sources anciennes ou remplacées ({names}) : confirmez "
                "que vous les avez vérifiées au regard de la réglementation en vigueur avant de valider.",
                code="input",
            )
        case.validator = user
        case.validated_at = timezone.now()
        case.validation_comment = shield_label(case, (comment or "").strip()[:2000])
        case.sources_checked = [
            {
                "document_id": source["document_id"],
                "modified": source.get("modified", ""),
                "note": freshness.of_source(source).warning or source.get("superseded_by", ""),
            }
            for source in to_check
        ]
        case.save()
        record(
            "assistant.validated",
            actor=user,
            obj=case,
            payload={
                "unchanged_share": float(case.unchanged_share or 0.0),
                "unedited": bool(case.unedited),
                "second_person": case.validator_id != case.owner_id,
                "sources_checked": [source["document_id"] for source in case.sources_checked],
                "bias": bias_summary([case.final_text], case),
            },
            structure=case.structure,
        )
    return case


def return_case(case: Case, user, *, comment: str) -> Case:
    """A validator sends the case back to the agent with a comment."""
    if not (comment or "").strip():
        raise CaseError("Indiquez au gestionnaire ce qu'il faut reprendre.", code="input")
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        advance(case, user, states.RETURN)
        case.validation_comment = shield_label(case, comment.strip()[:2000])
        case.submitted_at = None
        case.save()
        record("assistant.returned", actor=user, obj=case, payload={}, structure=case.structure)
    return case


def abandon_case(case: Case, user) -> Case:
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        advance(case, user, states.ABANDON)
        case.save()
        record("assistant.abandoned", actor=user, obj=case, payload={}, structure=case.structure)
    return case


def validation_queue(user):
    """Cases waiting for validation in the validator's scope, except their own."""
    ensure_access(user, "assistant.validate")
    scope = structures_for(user, "assistant.validate")
    return (
        Case.objects.filter(status=states.PENDING, structure__in=scope)
        .exclude(owner=user)
        .select_related("owner", "use_case")
        .order_by("submitted_at", "pk")
    )
