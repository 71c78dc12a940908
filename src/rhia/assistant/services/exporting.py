"""Export of a validated case through provenance (mention, metadata, server record). Never sent automatically."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.shielding import reveal_text
from rhia.audit.journal import record

FORMATS = ("docx", "pdf", "eml")
AI_USE_SEARCH = "recherche des textes applicables"
AI_USE_DRAFT = "proposition de rédaction"


def role_label(user) -> str:
    if getattr(user, "job_title", ""):
        return user.job_title
    roles = user.active_roles() if hasattr(user, "active_roles") else set()
    if Role.VALIDATOR.value in roles:
        return "valideur"
    return "gestionnaire RH"


def source_notes(sources: list[dict]) -> dict[str, list[str]]:
    """Per document, the freshness and supersession lines of its selected passages (de-duplicated)."""
    from rhia.corpus.freshness import export_lines

    notes: dict[str, list[str]] = {}
    for source in sources:
        lines = notes.setdefault(source["document_id"], [])
        lines.extend(line for line in export_lines(source) if line not in lines)
    return notes


def exportable(case: Case):
    from rhia.provenance.answer import ExportableAnswer

    ai_uses = [AI_USE_SEARCH] if case.started_from_none else [AI_USE_SEARCH, AI_USE_DRAFT]
    validator = case.validator
    title = reveal_text(case, case.title) if case.title else ""
    return ExportableAnswer(
        case_reference=case.reference,
        title=f"Réponse — {title}" if title else f"Réponse — {case.reference}",
        final_text=reveal_text(case, case.final_text),
        validator_name=validator.display_name if validator else "",
        validator_role=role_label(validator) if validator else "",
        validated_at=case.validated_at,
        agent_name=case.owner.display_name,
        ai_uses=ai_uses,
        sources=[(s["document_id"], s.get("title", ""), s.get("url", "")) for s in case.selected_sources],
        source_notes=source_notes(case.selected_sources),
        provider=case.provider,
        model=case.model,
        unchanged_share=float(case.unchanged_share or 0.0),
        drafts_count=case.drafts.count(),
    )


def export_case(case: Case, user, fmt: str, *, dinum: bool = False):
    """The exported file (provenance's ExportResult); refused before validation.

    ``dinum`` adds the DINUM wording for documents leaving the administration.
    """
    from rhia.provenance.services import ExportError, export_answer

    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise CaseError(f"Format d'export inconnu : « {fmt} » (formats : DOCX, PDF, EML).", code="input")
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        if case.content_purged_at is not None:
            raise CaseError(
                "Le contenu de ce cas a été purgé (durée de conservation dépassée).", code="state"
            )
        advance(case, user, states.EXPORT)
        try:
            result = export_answer(exportable(case), fmt, actor=user, dinum=dinum)
        except ExportError as error:
            raise CaseError(error.message, code="state") from error
        now = timezone.now()
        case.exports = [
            *case.exports,
            {"format": fmt, "sha256": result.sha256, "filename": result.filename, "at": now.isoformat()},
        ]
        case.exported_at = now
        case.save()
        record(
            "assistant.exported",
            actor=user,
            obj=case,
            payload={
                "format": fmt,
                "unedited": bool(case.unedited),
                "unchanged_share": float(case.unchanged_share or 0.0),
            },
            structure=case.structure,
        )
    return result
