"""Editing, validation (self or by a validator) and export."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.assistant import states
from rhia.assistant.services import (
    CaseError,
    export_case,
    return_case,
    save_final,
    submit_for_validation,
    validate_case,
)
from rhia.assistant.services.access import actor_for
from rhia.assistant.services.display import revealed_diff, text_markup
from rhia.assistant.services.editing import ai_text
from rhia.assistant.services.shielding import reveal_markup, shown
from rhia.assistant.services.validation import sources_to_check
from rhia.assistant.views.common import fail, gated, load, step_url, stepper

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "eml": "message/rfc822",
}


@require("assistant.use")
@gated
def edit(request, pk: int):
    case = load(request, pk)
    if not states.allowed(case.state, states.EDIT_TEXT):
        return redirect(step_url(case))
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            case = save_final(case, request.user, request.POST.get("final_html", ""))
            if action == "submit":
                case = submit_for_validation(case, request.user)
                messages.success(request, "Le cas est transmis aux valideurs.")
                return redirect("assistant:case", case.pk)
            if action == "validate":
                case = validate_case(
                    case, request.user, sources_checked=request.POST.get("sources_checked") == "1"
                )
                messages.success(request, "Réponse validée : vous pouvez l'exporter.")
                return redirect("assistant:case", case.pk)
        except CaseError as error:
            return fail(request, error, request.path)
        messages.success(request, "Texte enregistré.")
        return redirect("assistant:case_edit", case.pk)
    actor = actor_for(case, request.user)
    actions = states.available_actions(case.state, actor, second_validation=case.second_validation)
    return render(
        request,
        "assistant/edit.html",
        {
            "title": f"Cas {case.reference} — rédaction",
            "case": case,
            "shown": shown(case),
            "editor_markup": reveal_markup(case, case.final_html),
            "ai_markup": text_markup(case, ai_text(case)) if case.chosen_draft is not None else "",
            "diff": revealed_diff(case),
            "can_self_validate": states.VALIDATE in actions,
            "to_check": sources_to_check(case),
            **stepper(case, states.EDIT),
        },
    )


@require("assistant.use")
@gated
def review_for_validation(request, pk: int):
    """The validator's page: final text, diff with the AI draft, sources; validate or send back."""
    case = load(request, pk)
    actor = actor_for(case, request.user)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "return":
                return_case(case, request.user, comment=request.POST.get("comment", ""))
                messages.success(request, "Le cas est renvoyé au gestionnaire.")
                return redirect("assistant:validation_queue")
            validate_case(
                case,
                request.user,
                comment=request.POST.get("comment", ""),
                sources_checked=request.POST.get("sources_checked") == "1",
            )
        except CaseError as error:
            return fail(request, error, request.path)
        messages.success(request, f"Cas {case.reference} validé.")
        return redirect("assistant:case", case.pk)
    if case.status != states.PENDING:
        return redirect("assistant:case", case.pk)
    return render(
        request,
        "assistant/validate.html",
        {
            "title": f"Valider le cas {case.reference}",
            "case": case,
            "question_markup": text_markup(case, case.question),
            "final_markup": text_markup(case, case.final_text),
            "diff": revealed_diff(case),
            "to_check": sources_to_check(case),
            "can_validate": states.VALIDATE
            in states.available_actions(case.state, actor, second_validation=case.second_validation),
        },
    )


@require("assistant.use")
@require_POST
@gated
def export(request, pk: int):
    case = load(request, pk)
    try:
        result = export_case(case, request.user, request.POST.get("format", ""))
    except CaseError as error:
        return fail(request, error, step_url(case))
    response = HttpResponse(
        result.content,
        content_type=CONTENT_TYPES.get(request.POST.get("format", ""), "application/octet-stream"),
    )
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["X-Rhia-Sha256"] = result.sha256
    return response
