"""Case history of the agent and the validators' queue."""

from __future__ import annotations

from django.shortcuts import render

from rhia.accounts.authz import has_perm, require
from rhia.assistant.services import validation_queue as queue_of
from rhia.assistant.services.access import my_cases
from rhia.assistant.views.common import gated


@require("assistant.use")
@gated
def home(request):
    cases = my_cases(request.user)
    pending = queue_of(request.user).count() if has_perm(request.user, "assistant.validate") else 0
    return render(
        request, "assistant/home.html", {"title": "Assistant — mes cas", "cases": cases, "pending": pending}
    )


@require("assistant.validate")
@gated
def validation_queue(request):
    cases = list(queue_of(request.user)[:200])
    return render(request, "assistant/validation_queue.html", {"title": "Cas à valider", "cases": cases})
