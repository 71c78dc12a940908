"""The DPO's journal page: filters, chain verification, JSONL export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from rhia.accounts.authz import has_perm, require
from rhia.audit import services
from rhia.audit.forms import JournalFilterForm, action_groups
from rhia.audit.journal import record
from rhia.audit.models import Checkpoint
from rhia.audit.presentation import readable_rows


@require("audit.view")
def journal(request):
    form = JournalFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    entries = services.filtered(**filters).order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = readable_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/journal.html",
        {
            "title": "Journal de traçabilité",
            "form": form,
            "page": page,
            "rows": rows,
            "action_groups": action_groups(),
            "query": query.urlencode(),
            "last_verification": services.last_verification(),
            "checkpoints": Checkpoint.objects.order_by("-last_seq")[:5],
            "can_export": has_perm(request.user, "audit.export"),
            "content_days": services.content_retention_days(),
        },
    )


@require("audit.view")
def verify(request):
    """POST runs the verification (it may take seconds on a large journal); GET goes back to the page."""
    if request.method != "POST":
        return redirect("audit:journal")
    report = services.verify_journal(record_result=True, actor=request.user)
    if report.ok:
        messages.success(
            request,
            f"Journal intègre : {report.checked} entrées vérifiées, "
            f"{report.heads} point(s) de contrôle externes concordants.",
        )
    elif report.broken_seq is None:
        messages.error(request, f"Journal non vérifié : {report.problem}")
    else:
        messages.error(request, f"Journal rompu à l'entrée n° {report.broken_seq} : {report.problem}")
    for warning in report.warnings:
        messages.warning(request, warning)
    return redirect("audit:journal")


@require("audit.export")
def export(request):
    form = JournalFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(
            request,
            "Filtres d'export invalides : "
            + " ".join(str(e) for e in form.non_field_errors() or form.errors.values()),
        )
        return redirect("audit:journal")
    filters = form.filters() if form.is_bound else {}
    record("audit.exported", actor=request.user, payload={k: str(v) for k, v in filters.items() if v})
    name = f"journal-rhia-{timezone.localdate():%Y%m%d}.jsonl"
    response = StreamingHttpResponse(
        services.export_lines(**filters), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
