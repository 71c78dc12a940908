"""Drafts of a case: N proposals generated from the pseudonymized question and the chosen sources.

``iter_case_drafts`` yields each stored draft as soon as the model has produced it (the page
streams them); ``generate_case_drafts`` is the same, collected (API, CLI). A second caller while a
generation runs gets the drafts stored so far instead of starting another one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.audit.journal import record
from rhia.fairness.services import summary as bias_summary

# A generation claimed longer ago than this is considered dead (crashed worker) and may be restarted.
STALE_GENERATION_SECONDS = 900


@dataclass(frozen=True)
class SourcePassage:
    """A stored source in the shape of search's PassageHit (what drafting and verification read)."""

    passage_id: int
    document_id: str
    title: str
    section_path: str
    url: str
    text: str
    snippet: str
    score: float


def passages_of(case: Case) -> list[SourcePassage]:
    return [
        SourcePassage(
            passage_id=s["passage_id"],
            document_id=s["document_id"],
            # The model is told when a passage is replaced, so a draft never relies on it silently.
            title=f"[{s['superseded_by']}] {s.get('title', '')}"
            if s.get("superseded_by")
            else s.get("title", ""),
            section_path=s.get("section_path", ""),
            url=s.get("url", ""),
            text=s.get("text", ""),
            snippet=s.get("snippet", ""),
            score=s.get("score", 0.0),
        )
        for s in case.selected_sources
    ]


def _check_ready(case: Case) -> None:
    if case.review_confirmed_at is None:
        raise CaseError("Vérifiez d'abord les données personnelles de la demande.", code="state")
    if not case.selected_sources:
        raise CaseError(
            "Aucune source n'est retenue : sans source, pas de réponse. Cochez au moins un passage ou "
            "ajoutez-en un par la recherche.",
            code="input",
        )


def _claim(case: Case, user) -> tuple[Case, bool]:
    """Move the case to the drafts stage and claim the generation; False when another one runs."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        _check_ready(case)
        running = (
            case.generation_started_at is not None
            and case.drafts_generated_at is None
            and (timezone.now() - case.generation_started_at).total_seconds() < STALE_GENERATION_SECONDS
        )
        if running:
            return case, False
        advance(case, user, states.GENERATE)
        case.drafts.all().delete()
        case.generation_started_at = timezone.now()
        case.drafts_generated_at = None
        case.chosen_draft = None
        case.chosen_at = None
        case.final_html = case.final_text = ""
        case.unchanged_share = None
        case.unedited = False
        case.save()
    return case, True


def _release(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(generation_started_at=None, stage=states.SOURCES)


def _follow(case: Case, *, poll: float = 0.5) -> Iterator[CaseDraft]:
    """Yield the drafts another request is generating, as they are stored."""
    seen = 0
    deadline = time.monotonic() + STALE_GENERATION_SECONDS
    while time.monotonic() < deadline:
        drafts = list(CaseDraft.objects.filter(case=case, index__gte=seen).order_by("index"))
        for draft in drafts:
            seen = draft.index + 1
            yield draft
        state = Case.objects.filter(pk=case.pk).values("drafts_generated_at", "generation_started_at").first()
        if not state or state["drafts_generated_at"] or not state["generation_started_at"]:
            for draft in CaseDraft.objects.filter(case=case, index__gte=seen).order_by("index"):
                yield draft
            return
        time.sleep(poll)


def _provider_of(drafts: list, data_class: str) -> tuple[str, str]:
    for draft in drafts:
        provider, model = getattr(draft, "provider", ""), getattr(draft, "model", "")
        if provider or model:
            return str(provider or ""), str(model or "")
    try:
        from rhia.llm.routing import select_provider

        chosen = select_provider(data_class or "public")
    except Exception:  # noqa: BLE001 — only for the journal's label; the generation itself succeeded
        return "", ""
    return str(getattr(chosen, "name", chosen)), str(getattr(chosen, "model", ""))


def iter_case_drafts(case: Case, user, *, n: int | None = None) -> Iterator[CaseDraft]:
    """Generate the drafts, storing and yielding each as soon as it is ready."""
    from rhia.drafting.pipeline import iter_drafts

    try:
        from rhia.llm.routing import NoProviderAvailable
    except ImportError:  # pragma: no cover - llm app always ships routing
        NoProviderAvailable = RuntimeError  # noqa: N806

    case, claimed = _claim(case, user)
    if not claimed:
        yield from _follow(case)
        return
    produced = []
    passages = passages_of(case)
    case.draft_passages = [p.passage_id for p in passages]
    Case.objects.filter(pk=case.pk).update(draft_passages=case.draft_passages)
    try:
        for index, draft in enumerate(
            iter_drafts(
                case.question,
                passages,
                n=n,
                data_class=case.data_class or "public",
                actor=user,
                use_case=case.use_case,
            )
        ):
            produced.append(draft)
            stored = CaseDraft.objects.create(
                case=case,
                index=index,
                style=str(getattr(draft, "style", "") or "")[:60],
                title=str(getattr(draft, "title", "") or "")[:200],
                text=draft.text or "",
                citations=list(draft.citations or []),
                citation_numbers=list(getattr(draft, "citation_numbers", []) or []),
                verified=bool(draft.verified),
                warnings=list(draft.warnings or []),
            )
            yield stored
    except NoProviderAvailable as error:
        _release(case)
        raise CaseError(getattr(error, "message", str(error)), code="provider") from error
    except CaseError:
        _release(case)
        raise
    except GeneratorExit:
        _release(case)
        raise
    except Exception as error:
        _release(case)
        raise CaseError(
            "La génération des propositions a échoué ; le cas est conservé, vous pouvez réessayer.",
            code="generation",
        ) from error
    provider, model = _provider_of(produced, case.data_class)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(
            drafts_generated_at=timezone.now(), provider=provider, model=model
        )
        record(
            "assistant.drafts_generated",
            actor=user,
            obj=case,
            payload={
                "n": len(produced),
                "provider": provider,
                "model": model,
                "bias": bias_summary([draft.text or "" for draft in produced], case),
            },
            structure=case.structure,
        )


def generate_case_drafts(case: Case, user, *, n: int | None = None) -> list[CaseDraft]:
    return list(iter_case_drafts(case, user, n=n))


def request_drafts(case: Case, user) -> Case:
    """Prepare a (re)generation: the next stream or call generates fresh drafts."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        _check_ready(case)
        advance(case, user, states.GENERATE)
        case.drafts.all().delete()
        case.generation_started_at = None
        case.drafts_generated_at = None
        case.chosen_draft = None
        case.chosen_at = None
        case.save()
    return case
