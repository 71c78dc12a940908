"""Intake: paste a question or an e-mail, or upload a file, and pick the use case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.shortcuts import redirect, render

from rhia.accounts.authz import require
from rhia.assistant.services import CaseError, Upload, open_case
from rhia.assistant.views.common import gated, step_url
from rhia.portal.uploads import oversized_message


def _use_cases():
    from rhia.policy.models import UseCase

    return list(UseCase.objects.selectable().order_by("category", "order", "name"))


def _default_slug(use_cases) -> str:
    from rhia.policy.models import OPERATIONAL_USE_CASE

    slugs = [use_case.slug for use_case in use_cases]
    return OPERATIONAL_USE_CASE if OPERATIONAL_USE_CASE in slugs else (slugs[0] if slugs else "")


@require("assistant.use")
@gated
def new_case(request):
    use_cases = _use_cases()
    form = {"text": "", "use_case": _default_slug(use_cases), "key": uuid.uuid4().hex}
    error = ""
    refused = None
    if request.method == "POST":
        form = {
            "text": request.POST.get("text", ""),
            "use_case": request.POST.get("use_case", ""),
            "key": request.POST.get("idempotency_key", "") or uuid.uuid4().hex,
        }
        uploaded = request.FILES.get("file")
        upload = Upload(uploaded.name, uploaded.read()) if uploaded else None
        error = oversized_message(request, "file")
        try:
            if error:
                raise CaseError(error)
            case = open_case(
                request.user,
                text=form["text"],
                upload=upload,
                use_case=form["use_case"],
                idempotency_key=form["key"],
            )
        except CaseError as failure:
            error = failure.message
        else:
            if not case.refusal:
                return redirect(step_url(case))
            # Refused: the form comes back with the typed text, to rephrase without the excluded use.
            refused = case
            form["key"] = uuid.uuid4().hex
    from rhia.extraction import SUPPORTED_LABEL

    return render(
        request,
        "assistant/new.html",
        {
            "title": "Nouveau cas",
            "use_cases": use_cases,
            "form": form,
            "error": error,
            "refused": refused,
            "max_chars": settings.RHIA_MAX_INPUT_CHARS,
            "too_long": len(form["text"]) > settings.RHIA_MAX_INPUT_CHARS,
            "supported": SUPPORTED_LABEL,
        },
        status=422 if error else 200,
    )
