"""Drafts side by side while a worker writes them; the page polls their state; the agent chooses one.

Everything shown comes from the database (drafts stored one by one, the job's state), so a reload,
a new tab, another browser or a restarted server show exactly what exists and what still runs.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.assistant import states
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services import CaseError, choose_draft, generation_state, start_generation
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
    if not states.allowed(case.state, states.CHOOSE):  # the drafts page is where one is chosen
        return redirect(step_url(case))
    generation = generation_state(case)
    stored = list(case.drafts.all())
    return render(
        request,
        "assistant/drafts.html",
        {
            "title": f"Cas {case.reference} — propositions",
            "case": case,
            "cards": [_card(request, case, draft) for draft in stored],
            "generation": generation,
            "active": generation["state"] in ("queued", "running"),
            "done": generation["state"] == "done",
            "sources": case.selected_sources,
            **stepper(case, states.DRAFTS),
        },
    )


@require("assistant.use")
@gated
def drafts_state(request, pk: int):
    """JSON for the page's polling: per-draft states, queue position, times; new cards as HTML."""
    case = load(request, pk)
    generation = generation_state(case)
    have = request.GET.get("have", "0")
    have = int(have) if have.isdigit() else 0
    generation["cards"] = [
        {"index": draft.index, "html": _card(request, case, draft)}
        for draft in case.drafts.filter(index__gte=have).order_by("index")
    ]
    response = JsonResponse(generation)
    response["Cache-Control"] = "no-store"
    return response


@require("assistant.use")
@require_POST
@gated
def generate(request, pk: int):
    """Queue the drafts (or follow the job already running), then show the drafts page."""
    case = load(request, pk)
    try:
        start_generation(case, request.user, restart=request.POST.get("restart") == "1")
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
