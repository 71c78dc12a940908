"""Export of a validated case through provenance (mention, metadata, server record). Never sent automatically."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.display import numbered_sources
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.shielding import reveal_text
from rhia.audit.journal import record

FORMATS = ("docx", "pdf", "eml")
AI_USE_SEARCH = "recherche des textes applicables"
AI_USE_DRAFT = "proposition de rédaction"


def role_label(user, *, validating: bool = True) -> str:
    if getattr(user, "job_title", ""):
        return user.job_title
    roles = user.active_roles() if hasattr(user, "active_roles") else set()
    if validating and Role.VALIDATOR.value in roles:
        return "valideur"
    return "gestionnaire RH"


def export_sources(case: Case) -> list:
    """Sources numbered as the text cites them: [n] is the n-th passage given to the model, then the
    other sources the agent kept; each with its section, so two passages of one fiche differ."""
    from rhia.corpus.freshness import export_note
    from rhia.provenance.answer import ExportSource

    numbered = list(numbered_sources(case).values()) if not case.started_from_none else []
    cited_ids = {source["passage_id"] for source in numbered}
    ordered = numbered + [s for s in case.selected_sources if s.get("passage_id") not in cited_ids]
    out = []
    for source in ordered:
        updated, note = export_note(source)  # date, stale warning, supersession (corpus.freshness)
        out.append(
            ExportSource(
                document_id=str(source["document_id"]),
                title=source.get("title", ""),
                url=source.get("url", ""),
                section=source.get("section_path", "").replace(" > ", " › "),
                updated=updated,
                note=note,
            )
        )
    return out


def exportable(case: Case):
    from rhia.provenance.answer import ExportableAnswer

    ai_uses = [AI_USE_SEARCH] if case.started_from_none else [AI_USE_SEARCH, AI_USE_DRAFT]
    validator = case.validator
    # the case's subject, or a neutral title: never a line of the raw text
    title = reveal_text(case, case.title) if case.title else ""
    received = timezone.localtime(case.created_at).strftime("%d/%m/%Y")
    return ExportableAnswer(
        case_reference=case.reference,
        title=f"Réponse — {title}" if title else f"Réponse à votre demande du {received}",
        final_text=reveal_text(case, case.final_text),
        validator_name=validator.display_name if validator else "",
        validator_role=role_label(validator) if validator else "",
        validated_at=case.validated_at,
        agent_name=case.owner.display_name,
        agent_role=role_label(case.owner, validating=False),
        ai_uses=ai_uses,
        sources=export_sources(case),
        provider=case.provider,
        model=case.model,
        unchanged_share=float(case.unchanged_share or 0.0),
        drafts_count=case.drafts.count(),
        situation=_situation_label(case),
    )


def _situation_label(case: Case) -> str:
    from rhia.drafting.situation import Situation, SituationError

    try:
        situation = Situation.from_dict(case.situation)
    except SituationError:
        return ""
    return situation.label() if situation.known else ""


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
