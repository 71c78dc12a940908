"""Choosing a draft (or none) and editing the final text; the AI text is kept, the edits are measured."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.assistant import diffing, richtext, states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.intake import max_chars
from rhia.assistant.services.shielding import mapping, mask_known, shield_case_text
from rhia.audit.journal import record
from rhia.jobs.services import cancel_active


def ai_text(case: Case) -> str:
    """The chosen AI draft as the editor received it (same normalisation as the final text)."""
    chosen = case.chosen
    return richtext.to_text(richtext.from_text(chosen.text)) if chosen is not None else ""


def _measure(case: Case) -> None:
    source = ai_text(case)
    case.unchanged_share = diffing.unchanged_share(source, case.final_text) if source else 0.0
    case.unedited = diffing.is_unedited(source, case.final_text)


def choose_draft(case: Case, user, index: int | None) -> Case:
    """Start the final text from draft ``index`` (0-based) or from an empty page (``None``)."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        # A blank page is always possible, even while (or because) the generation fails or waits.
        if index is not None and not case.drafts.exists():
            raise CaseError("Les propositions n'ont pas encore été générées.", code="state")
        advance(case, user, states.CHOOSE)
        # The agent made their choice: drafts still queued or being written are no longer needed.
        cancel_active(case)
        if index is None:
            case.chosen_draft = None
            case.final_html = case.final_text = ""
        else:
            draft = case.drafts.filter(index=int(index)).first()
            if draft is None:
                raise CaseError(f"La proposition n° {int(index) + 1} n'existe pas.", code="input")
            case.chosen_draft = draft.index
            case.final_html = richtext.from_text(draft.text)
            case.final_text = richtext.to_text(case.final_html)
        case.chosen_at = timezone.now()
        _measure(case)
        case.save()
        record(
            "assistant.draft_chosen",
            actor=user,
            obj=case,
            payload={"index": case.chosen_draft},
            structure=case.structure,
        )
    return case


def save_final(case: Case, user, markup: str) -> Case:
    """Store the agent's text: sanitised, personal values masked with the vault's placeholders."""
    clean = richtext.sanitize(markup)
    text = richtext.to_text(clean)
    if not text.strip():
        raise CaseError("Le texte final est vide : rédigez la réponse avant d'enregistrer.", code="input")
    if len(text) > max_chars():
        raise CaseError(f"Le texte final dépasse la limite de {max_chars()} caractères.", code="input")
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        advance(case, user, states.EDIT_TEXT)
        shield_case_text(case, text)  # new values typed by the agent join the vault
        values = mapping(case)
        case.final_html = mask_known(clean, values, markup=True)
        case.final_text = mask_known(text, values)
        _measure(case)
        case.save()
    return case


def case_diff(case: Case) -> list[diffing.Segment]:
    return diffing.diff(ai_text(case), case.final_text)
