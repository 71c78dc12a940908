"""Drafts side by side, streamed as server-sent events while they are generated; the agent chooses one."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.assistant import states
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services import CaseError, choose_draft, generate_case_drafts, iter_case_drafts
from rhia.assistant.services.display import cited_sources, draft_markup
from rhia.assistant.views.common import fail, gated, load, step_url, stepper
from rhia.corpus import freshness


def _card(request, case: Case, draft: CaseDraft) -> str:
    return render_to_string(
        "assistant/_draft_card.html",
        {
            "case": case,
            "draft": draft,
            "number": draft.index + 1,
            "markup": draft_markup(case, draft),
            "citations": cited_sources(case, draft),
            "source_notes": freshness.notes(cited_sources(case, draft) or case.selected_sources),
        },
        request=request,
    )


@require("assistant.use")
@gated
def drafts(request, pk: int):
    case = load(request, pk)
    if case.status != states.DRAFT or case.stage not in (states.DRAFTS, states.EDIT):
        return redirect(step_url(case))
    stored = list(case.drafts.all())
    done = case.drafts_generated_at is not None
    return render(
        request,
        "assistant/drafts.html",
        {
            "title": f"Cas {case.reference} — propositions",
            "case": case,
            "cards": [_card(request, case, draft) for draft in stored] if done else [],
            "done": done,
            "sources": case.selected_sources,
            **stepper(case, states.DRAFTS),
        },
    )


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stream(request, case: Case) -> Iterator[str]:
    yield ": début\n\n"
    count = 0
    try:
        if case.drafts_generated_at is not None:
            drafts_iter = iter(list(case.drafts.all()))
        else:
            drafts_iter = iter_case_drafts(case, request.user)
        for draft in drafts_iter:
            count += 1
            # draft.case: the generating request's copy, which knows how the passages were numbered.
            yield _event("draft", {"index": draft.index, "html": _card(request, draft.case, draft)})
    except CaseError as error:
        yield _event("failure", {"message": error.message})
        return
    yield _event("done", {"count": count})


@require("assistant.use")
@gated
def drafts_stream(request, pk: int):
    case = load(request, pk)
    response = StreamingHttpResponse(_stream(request, case), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@require("assistant.use")
@require_POST
@gated
def generate(request, pk: int):
    """Without JavaScript: generate all drafts, then show them."""
    case = load(request, pk)
    try:
        generate_case_drafts(case, request.user)
    except CaseError as error:
        return fail(request, error, step_url(case))
    return redirect("assistant:case_drafts", case.pk)


@require("assistant.use")
@require_POST
@gated
def choose(request, pk: int):
    case = load(request, pk)
    value = request.POST.get("draft", "")
    index = None if value == "none" else (int(value) if value.isdigit() else -1)
    if index == -1:
        return fail(
            request, CaseError("Choisissez une proposition, ou partez d'une page blanche."), step_url(case)
        )
    try:
        case = choose_draft(case, request.user, index)
    except CaseError as error:
        return fail(request, error, step_url(case))
    return redirect("assistant:case_edit", case.pk)
