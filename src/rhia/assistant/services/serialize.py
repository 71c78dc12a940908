"""A case as JSON (API and CLI ``--json``): texts re-identified only for whoever may see the case."""

from __future__ import annotations

from typing import Any

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import actor_for
from rhia.assistant.services.drafts import generation_state
from rhia.assistant.services.editing import ai_text
from rhia.assistant.services.shielding import reveal_text


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "reference": case.reference,
        "status": case.status,
        "status_label": states.STATUS_LABELS.get(case.status, case.status),
        "stage": case.stage,
        "use_case": case.use_case.slug if case.use_case else None,
        "data_class": case.data_class,
        "title": case.title,
        "created_at": _iso(case.created_at),
        "validated_at": _iso(case.validated_at),
        "content_purged": case.content_purged_at is not None,
    }


def case_detail(case: Case, user, *, reveal: bool = True) -> dict[str, Any]:
    """Everything about the case; ``reveal`` puts personal data back (the caller already checked access)."""

    def show(text: str) -> str:
        return reveal_text(case, text) if reveal else text

    actor = actor_for(case, user)
    return {
        **case_summary(case),
        "owner": case.owner.username,
        "question": show(case.question),
        "question_pseudonymized": case.question,
        "entities": case.entity_labels,
        "sensitive_categories": case.sensitive_categories,
        "refusal": case.refusal or None,
        "intent": case.intent or None,
        "situation": case.situation or None,
        "situation_confirmed_at": _iso(case.situation_confirmed_at),
        "warnings": [show(warning) for warning in case.intake_warnings],
        "attachments": [show(name) for name in case.attachment_names],
        "sources": [
            {
                "passage_id": s["passage_id"],
                "id": s["document_id"],
                "title": s.get("title", ""),
                "section": s.get("section_path", ""),
                "url": s.get("url", ""),
                "versants": s.get("versants", []),
                "statuts": s.get("statuts", []),
                "fit": s.get("fit", ""),
                "selected": bool(s.get("selected")),
            }
            for s in case.sources
        ],
        "drafts": [
            {
                "index": draft.index,
                "style": draft.style,
                "title": draft.title,
                "text": show(draft.text),
                "citations": draft.citations,
                "verified": draft.verified,
                "warnings": draft.warnings,
            }
            for draft in case.drafts.all()
        ],
        "generation": generation_state(case),
        "provider": case.provider,
        "model": case.model,
        "chosen_draft": case.chosen_draft,
        "started_from_none": case.started_from_none,
        "ai_text": show(ai_text(case)),
        "final_text": show(case.final_text),
        "unchanged_share": case.unchanged_share,
        "unedited": case.unedited,
        "second_validation_required": case.second_validation,
        "validator": case.validator.username if case.validator else None,
        "validation_comment": show(case.validation_comment),
        "exports": case.exports,
        "actions": states.available_actions(case.state, actor, second_validation=case.second_validation),
    }
