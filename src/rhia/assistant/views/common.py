"""Shared by the assistant pages: the training gate, case loading and French error handling."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services import CaseError, access_missing, get_case

STEPS = [
    (states.REVIEW, "Données personnelles", "assistant:case_review"),
    (states.SOURCES, "Sources", "assistant:case_sources"),
    (states.DRAFTS, "Propositions", "assistant:case_drafts"),
    (states.EDIT, "Rédaction", "assistant:case_edit"),
    (states.DONE, "Validation et export", "assistant:case"),
]


def gated(view: Callable) -> Callable:
    """Until the training gate is passed, every assistant page explains what is missing, and nothing else."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        missing = access_missing(request.user)
        if missing:
            return render(
                request,
                "assistant/access_missing.html",
                {"title": "Accès à l'assistant", "missing": missing},
            )
        return view(request, *args, **kwargs)

    return wrapped


def load(request: HttpRequest, pk: int) -> Case:
    try:
        return get_case(request.user, pk)
    except CaseError as error:
        raise Http404(error.message) from error


def step_url(case: Case) -> str:
    """The page where the case continues."""
    if case.status == states.DRAFT:
        name = {step: url for step, _label, url in STEPS}.get(case.stage, "assistant:case")
        return reverse(name, args=[case.pk])
    return reverse("assistant:case", args=[case.pk])


def stepper(case: Case, current: str) -> dict:
    order = [step for step, _label, _url in STEPS]
    index = order.index(current)
    return {
        "current_step": index + 1,
        "step_count": len(STEPS),
        "step_label": STEPS[index][1],
        "next_label": STEPS[index + 1][1] if index + 1 < len(STEPS) else "",
    }


def fail(request: HttpRequest, error: CaseError, to: str) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(to)
