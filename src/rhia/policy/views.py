"""Register of use cases (all roles, read-only), one use case, and the guard check page."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from rhia.accounts.authz import require
from rhia.policy.forms import CheckForm, RegisterFilterForm
from rhia.policy.models import Category, UseCase
from rhia.policy.services import enforce


@require("policy.view_register")
def register(request):
    form = RegisterFilterForm(request.GET or None)
    use_cases = UseCase.objects.select_related("direction_validated_by")
    if form.is_valid():
        if form.cleaned_data["category"]:
            use_cases = use_cases.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["status"]:
            use_cases = use_cases.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            use_cases = use_cases.filter(
                Q(name__icontains=q) | Q(description__icontains=q) | Q(slug__icontains=q)
            )
    groups = []
    for value, label in Category.choices:
        items = [uc for uc in use_cases if uc.category == value]
        if items:
            groups.append({"category": value, "label": label, "items": items})
    return render(
        request,
        "policy/register.html",
        {
            "title": "Registre des cas d'usage",
            "form": form,
            "groups": groups,
            "total": sum(len(g["items"]) for g in groups),
        },
    )


@require("policy.view_register")
def detail(request, slug: str):
    use_case = get_object_or_404(UseCase.objects.select_related("direction_validated_by"), slug=slug)
    return render(request, "policy/detail.html", {"title": use_case.name, "use_case": use_case})


def _attachments(upload) -> tuple[list[tuple[str, str]], str]:
    if upload is None:
        return [], ""
    from rhia.extraction.core import extract
    from rhia.extraction.types import ExtractionError

    try:
        extracted = extract(upload.name, upload.read())
    except ExtractionError as error:
        return [], error.message
    files = [(extracted.filename, extracted.text)]
    files += [(child.filename, child.text) for child in extracted.attachments]
    return files, ""


@require("policy.view_register")
def check(request):
    """Try a request against the usage guard before using the assistant (refusals are journaled)."""
    form = CheckForm(request.POST or None, request.FILES or None)
    decision = None
    if request.method == "POST" and form.is_valid():
        attachments, error = _attachments(form.cleaned_data.get("attachment"))
        if error:
            form.add_error("attachment", error)
        else:
            decision = enforce(form.cleaned_data["text"], attachments, actor=request.user, channel="check")
    return render(
        request, "policy/check.html", {"title": "Vérifier une demande", "form": form, "decision": decision}
    )
