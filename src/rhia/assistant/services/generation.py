"""The drafts job, run by a worker: one draft at a time, each stored as soon as it is complete.

A job resumed after its worker died starts after the drafts already stored (no work redone). The
model is only ever called here, in the worker process (``rhia worker``), never in a web request.
"""

from __future__ import annotations

import time

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services.drafts import passages_of, provider_of
from rhia.audit.journal import record
from rhia.fairness.services import summary as bias_summary
from rhia.jobs.lease import Lease
from rhia.jobs.models import Job
from rhia.jobs.tasks import JobFailed

NO_LONGER_NEEDED = "Le cas a changé d'étape : la génération n'a plus lieu d'être."
MODEL_DOWN = "Le modèle ne répond pas pour le moment ; le cas est conservé, relancez la génération."


def _store(case: Case, index: int, draft) -> CaseDraft:
    return CaseDraft.objects.create(
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


def _remaining(case: Case, job: Job, user, start: int):
    """The drafts still to write: all of them (extractive answer first, then the model's), or, for a
    resumed job, the model drafts whose style is not stored yet."""
    from rhia.drafting import extractive
    from rhia.drafting.pipeline import iter_drafts, iter_model_drafts

    common = {
        "n": job.params.get("n") or None,
        "data_class": case.data_class or "public",
        "actor": user,
        "use_case": case.use_case,
    }
    if not start:
        return iter_drafts(case.question, passages_of(case), **common)
    styles = list(case.drafts.order_by("index").values_list("style", flat=True))
    if styles[0] != extractive.STYLE:
        return iter(())  # a not-found answer is the only draft: nothing left
    return iter_model_drafts(case.question, passages_of(case), done_styles=styles[1:], **common)


def run_generation_job(job: Job, lease: Lease) -> None:
    from rhia.llm.providers.base import ProviderError
    from rhia.llm.routing import NoProviderAvailable

    case = Case.objects.select_related("use_case", "structure", "owner").get(pk=job.case_id)
    if case.status != states.DRAFT or case.stage != states.DRAFTS:
        raise JobFailed(NO_LONGER_NEEDED)
    user = job.created_by or case.owner
    start = case.drafts.count()
    if not start:
        case.draft_passages = [p.passage_id for p in passages_of(case)]
        Case.objects.filter(pk=case.pk).update(draft_passages=case.draft_passages)
    produced = []
    began = time.monotonic()
    try:
        for index, draft in enumerate(_remaining(case, job, user, start), start=start):
            seconds = round(time.monotonic() - began, 2)
            with transaction.atomic():
                # Raises LeaseLost (nothing stored) when the job was cancelled or recovered meanwhile.
                lease.update(
                    steps_done=index + 1,
                    step_seconds=[*job.step_seconds, seconds],
                    step_started_at=timezone.now(),
                )
                _store(case, index, draft)
            produced.append(draft)
            began = time.monotonic()
    except NoProviderAvailable as error:
        raise JobFailed(getattr(error, "message", str(error))) from error
    except ProviderError as error:
        raise JobFailed(MODEL_DOWN) from error
    count = start + len(produced)
    provider, model = provider_of(produced, case.data_class)
    with transaction.atomic():
        lease.update(expected=max(1, count))
        Case.objects.filter(pk=case.pk).update(
            drafts_generated_at=timezone.now(),
            provider=provider or case.provider,
            model=model or case.model,
        )
        record(
            "assistant.drafts_generated",
            actor=user,
            obj=case,
            payload={
                "n": count,
                "provider": provider,
                "model": model,
                "job": job.pk,
                "attempt": job.attempt,
                "bias": bias_summary(list(case.drafts.values_list("text", flat=True)), case),
            },
            structure=case.structure,
        )


def store_extractive_draft(case: Case, user) -> CaseDraft:
    """Store only the first draft the job would store, the extractive answer (or the not-found answer),
    composed in code with no model call; for ``rhia demo --activity``, which runs no model. The case
    must be at the drafts stage with no drafts (``request_drafts``)."""
    from rhia.drafting.pipeline import iter_drafts

    passages = passages_of(case)
    drafts = iter_drafts(
        case.question, passages, data_class=case.data_class or "public", actor=user, use_case=case.use_case
    )
    first = next(drafts)  # the model drafts come after it: the generator is closed before
    drafts.close()
    with transaction.atomic():
        stored = _store(case, 0, first)
        Case.objects.filter(pk=case.pk).update(
            draft_passages=[p.passage_id for p in passages], drafts_generated_at=timezone.now()
        )
        record(
            "assistant.drafts_generated",
            actor=user,
            obj=case,
            payload={
                "n": 1,
                "extractive_only": True,
                "provider": "",
                "model": "",
                "bias": bias_summary([first.text or ""], case),
            },
            structure=case.structure,
        )
    return stored
