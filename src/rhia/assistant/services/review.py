"""Privacy review: the agent confirms, adds or removes detected personal data; only then may a model run."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.shielding import apply_shield, reveal_text, shield_case_text
from rhia.assistant.services.sources import retrieve_sources


def review_material(case: Case) -> tuple[str, list]:
    """The raw text (rebuilt from the vault, for the owner only) and the entities detected in it."""
    from rhia.privacy.detect import scan

    raw = reveal_text(case, case.question)
    return raw, list(scan(raw).entities)


def _check_data_class(case: Case) -> None:
    allowed = list(case.use_case.data_classes or []) if case.use_case else []
    if allowed and case.data_class and case.data_class not in allowed and case.data_class != "public":
        labels = ", ".join(allowed)
        raise CaseError(
            f"Ce cas contient des données de classe « {case.data_class} », que le cas d'usage "
            f"« {case.use_case.name} » n'autorise pas (classes permises : {labels}). Retirez ces données "
            "de la demande ou abandonnez le cas.",
            code="use_case",
        )


def confirm_review(case: Case, user, *, added=(), removed=()) -> Case:
    """Apply the agent's corrections, pseudonymize again, then retrieve the sources."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        advance(case, user, states.CONFIRM_REVIEW)
        raw = reveal_text(case, case.question)
        for start, end, *_rest in list(added) + list(removed):
            if not (0 <= int(start) < int(end) <= len(raw)):
                raise CaseError(
                    "La sélection indiquée ne correspond pas au texte de la demande.", code="input"
                )
        try:
            result = shield_case_text(case, raw, added=added, removed=removed, user=user)
        except ValueError as error:
            raise CaseError(str(error), code="input") from error
        apply_shield(case, result)
        if case.title:  # values the agent just masked leave the title too
            case.title = shield_case_text(case, reveal_text(case, case.title)).text
        _check_data_class(case)
        case.review_confirmed_at = timezone.now()
        case.save()
    # Retrieval and intent run on the pseudonymized question only.
    return retrieve_sources(case, user)
