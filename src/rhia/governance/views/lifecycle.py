"""Use-case lifecycle pages: the register with states (read-only for most roles), one use case's steps."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from rhia.accounts.authz import has_perm, require
from rhia.governance import lifecycle_service
from rhia.governance.forms import StepForm
from rhia.governance.lifecycle_flow import LABELS, MAIN_PATH, Evidence, State, register_status_after
from rhia.governance.models import LifecycleStep
from rhia.policy.models import UseCase


@require("governance.view_lifecycle")
def lifecycle(request):
    use_cases = list(UseCase.objects.prefetch_related("lifecycle_steps"))
    rows = []
    for use_case in use_cases:
        steps = sorted(use_case.lifecycle_steps.all(), key=lambda s: s.seq)
        state = (
            State(steps[-1].to_state)
            if steps
            else lifecycle_service.state_from_register_status(use_case.status)
        )
        rows.append({"use_case": use_case, "state": LABELS[state], "steps": max(len(steps) - 1, 0)})
    return render(
        request,
        "governance/lifecycle.html",
        {
            "title": "Cycle de vie des cas d'usage",
            "rows": rows,
            "can_act": has_perm(request.user, "governance.lifecycle"),
        },
    )


def _evidence(form: StepForm) -> Evidence:
    data = form.cleaned_data
    return Evidence(
        text=data.get("text") or "",
        occurred_on=data.get("occurred_on"),
        instance=data.get("instance") or "",
        next_review_on=data.get("next_review_on"),
        dpia_outcome=data.get("dpia_outcome") or "",
    )


@require("governance.view_lifecycle")
def lifecycle_detail(request, slug: str):
    use_case = get_object_or_404(UseCase, slug=slug)
    form = StepForm()
    errors_for: str | None = None
    if request.method == "POST":
        if not (
            has_perm(request.user, "governance.lifecycle")
            or has_perm(request.user, "governance.direction_validate")
        ):
            raise PermissionDenied("Le cycle de vie est en consultation seule pour votre rôle.")
        form = StepForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                lifecycle_service.advance(
                    use_case,
                    form.cleaned_data["target"],
                    _evidence(form),
                    actor=request.user,
                    upload=form.cleaned_data.get("evidence_file"),
                )
            except lifecycle_service.TransitionRefused as refused:
                for field, message in refused.errors.items():
                    form.add_error(None if field not in form.fields else field, message)
            except ValueError:
                form.add_error(None, "Étape inconnue.")
            else:
                messages.success(request, "Étape enregistrée avec sa pièce justificative.")
                return redirect("governance:lifecycle_detail", slug=slug)
        errors_for = request.POST.get("target")
    state = lifecycle_service.current_state(use_case)
    nexts = lifecycle_service.next_steps(use_case, request.user)
    steps = list(use_case.lifecycle_steps.order_by("seq"))
    reached = {State(s.to_state) for s in steps} | {state}
    return render(
        request,
        "governance/lifecycle_detail.html",
        {
            "title": f"Cycle de vie — {use_case.name}",
            "use_case": use_case,
            "state": state,
            "state_label": LABELS[state],
            "path": [{"label": LABELS[s], "reached": s in reached, "current": s == state} for s in MAIN_PATH],
            "steps": steps,
            "next_steps": [n for n in nexts if n.permitted],
            "other_next_steps": [n for n in nexts if not n.permitted],
            "form": form,
            "blank_form": StepForm(),
            "errors_for": errors_for,
            "register_mismatch": bool(steps) and use_case.status != _expected_status(steps),
        },
    )


def _expected_status(steps: list[LifecycleStep]) -> str:
    """The register status the recorded steps lead to (to flag edits made outside the lifecycle)."""
    status = "propose"
    for step in steps:
        status = register_status_after(State(step.to_state), status)
    return status


@require("governance.view_lifecycle")
def evidence_file(request, pk: int):
    step = get_object_or_404(LifecycleStep, pk=pk)
    if not step.evidence_file:
        raise Http404("Aucun fichier joint à cette étape.")
    try:
        handle = step.evidence_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Le fichier joint est introuvable sur le serveur.") from error
    name = step.evidence_filename or step.evidence_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
