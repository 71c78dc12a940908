"""Case summary, privacy review and sources steps."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.assistant import states
from rhia.assistant.services import (
    CaseError,
    abandon_case,
    add_source_from_search,
    confirm_review,
    review_material,
    update_sources,
)
from rhia.assistant.services.access import actor_for
from rhia.assistant.services.display import revealed_diff, text_markup
from rhia.assistant.services.shielding import shown
from rhia.assistant.services.situation import case_situation, confirm_situation
from rhia.assistant.services.sources import case_date, search
from rhia.assistant.views.common import fail, gated, load, step_url, stepper
from rhia.corpus import freshness
from rhia.drafting.passages import ALL, SITUATION
from rhia.drafting.situation import CONTRATS, STATUTS, VERSANTS


@require("assistant.use")
@gated
def case_detail(request, pk: int):
    """A case at a glance: refusal, status, final text, diff, sources, validation and export."""
    case = load(request, pk)
    if case.status == states.DRAFT and not case.refusal:
        return redirect(step_url(case))
    actor = actor_for(case, request.user)
    actions = states.available_actions(case.state, actor, second_validation=case.second_validation)
    return render(
        request,
        "assistant/case.html",
        {
            "title": f"Cas {case.reference}",
            "case": case,
            "shown": shown(case),
            "final_markup": text_markup(case, case.final_text) if case.final_text else "",
            "diff": revealed_diff(case) if case.final_text else [],
            "actions": actions,
            "is_owner": actor.is_owner,
            "export_formats": [("docx", "DOCX"), ("pdf", "PDF"), ("eml", "courriel (.eml)")],
            **stepper(case, states.DONE),
        },
    )


@require("assistant.use")
@gated
def review(request, pk: int):
    from rhia.privacy.review import parse_review

    case = load(request, pk)
    if request.method == "POST":
        try:
            raw, entities = review_material(case)
            added, removed = parse_review(request.POST, raw, entities)
            case = confirm_review(case, request.user, added=added, removed=removed)
        except CaseError as error:
            return fail(request, error, request.path)
        except ValueError as error:
            return fail(request, CaseError(str(error)), request.path)
        return redirect("assistant:case_sources", case.pk)
    if not states.allowed(case.state, states.CONFIRM_REVIEW):
        return redirect(step_url(case))
    raw, entities = review_material(case)
    return render(
        request,
        "assistant/review.html",
        {
            "title": f"Cas {case.reference} — données personnelles",
            "case": case,
            "text": raw,
            "entities": entities,
            "shown": shown(case),
            **stepper(case, states.REVIEW),
        },
    )


@require("assistant.use")
@gated
def sources(request, pk: int):
    case = load(request, pk)
    if not states.allowed(case.state, states.SELECT_SOURCES):
        return redirect(step_url(case))
    if request.method == "POST":
        selected = [int(value) for value in request.POST.getlist("source") if value.isdigit()]
        try:
            if request.POST.get("add"):
                added = request.POST["add"].strip()
                if not added.isdigit():
                    raise CaseError("Le passage à ajouter est inconnu.")
                case = add_source_from_search(
                    case, request.user, query=request.POST.get("q", ""), passage_id=int(added)
                )
                return redirect("assistant:case_sources", case.pk)
            case = update_sources(case, request.user, selected=selected)
        except CaseError as error:
            return fail(request, error, request.path)
        from rhia.assistant.services.drafts import start_generation

        try:
            # New sources: the drafts written from the previous selection are replaced.
            start_generation(case, request.user, restart=True)
        except CaseError as error:
            return fail(request, error, request.path)
        return redirect("assistant:case_drafts", case.pk)
    query = request.GET.get("q", "").strip()
    scope = ALL if request.GET.get("portee") == ALL else SITUATION
    situation = case_situation(case)
    found = []
    if query:
        known = {source["passage_id"] for source in case.sources}
        hits = search(query, k=8, at=case_date(case), situation=situation, scope=scope)
        found = [hit for hit in hits if hit.passage_id not in known]
    return render(
        request,
        "assistant/sources.html",
        {
            "title": f"Cas {case.reference} — sources",
            "case": case,
            "query": query,
            "scope": scope,
            "found": found,
            "situation": situation,
            "situation_label": situation.label(),
            "versants": VERSANTS.items(),
            "statuts": STATUTS.items(),
            "contrats": CONTRATS.items(),
            "stale_count": len(freshness.stale_sources(case.sources)),
            "max_age_days": freshness.max_age_days(),
            **stepper(case, states.SOURCES),
        },
    )


@require("assistant.use")
@require_POST
@gated
def situation(request, pk: int):
    """The agent confirms or changes the situation chips; the automatic selection follows."""
    case = load(request, pk)
    try:
        confirm_situation(
            case,
            request.user,
            versant=request.POST.get("versant", ""),
            statut=request.POST.get("statut", ""),
            contrat=request.POST.get("contrat", ""),
        )
    except CaseError as error:
        return fail(request, error, reverse("assistant:case_sources", args=[case.pk]))
    return redirect("assistant:case_sources", case.pk)


@require("assistant.use")
@require_POST
@gated
def abandon(request, pk: int):
    case = load(request, pk)
    try:
        abandon_case(case, request.user)
    except CaseError as error:
        return fail(request, error, step_url(case))
    return redirect("assistant:home")
