"""Misuse-report pages: the form (optionally anonymous), my reports, the correspondents' desk."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from rhia.accounts.authz import require
from rhia.governance import report_flow, reporting
from rhia.governance.forms import OpinionForm, ReportForm, StatusForm
from rhia.governance.models import MisuseReport
from rhia.governance.models.reports import ReportCategory, ReportStatus
from rhia.governance.services import GovernanceError

PERIODS = (30, 90, 365)


@require("governance.report")
def report_new(request):
    initial = {"cas": request.GET.get("cas", ""), "refus": request.GET.get("refus", "")}
    if request.GET.get("refus") and not request.GET.get("categorie"):
        initial["category"] = ReportCategory.UNJUSTIFIED_REFUSAL
    if request.GET.get("categorie") in ReportCategory.values:
        initial["category"] = request.GET["categorie"]
    form = ReportForm(request.POST or None, initial=initial)
    form.fields["level"].choices = reporting.routing_choices(request.user)
    data = form.data if form.is_bound else initial
    refusal = reporting.find_refusal(request.user, data.get("refus")) if data.get("refus") else None
    case_reference = reporting.own_case_reference(request.user, data.get("cas"))
    if request.method == "POST" and form.is_valid():
        anonymous = form.cleaned_data["anonymous"]
        try:
            report = reporting.create_report(
                user=request.user,
                category=form.cleaned_data["category"],
                description=form.cleaned_data["description"],
                anonymous=anonymous,
                case_reference=form.cleaned_data["cas"],
                refusal_seq=form.cleaned_data["refus"] or None,
                structure_id=form.cleaned_data["level"],
            )
        except GovernanceError as error:
            form.add_error(None, error.message)
        else:
            if anonymous:
                messages.success(
                    request,
                    f"Votre signalement anonyme a été transmis aux référents éthique de « {report.structure.name} ». "
                    "Aucune information vous concernant n'a été conservée.",
                )
                return redirect("governance:report_new")
            messages.success(
                request,
                f"Votre signalement n° {report.pk} a été transmis. Vous pouvez suivre son traitement ici.",
            )
            return redirect("governance:my_reports")
    return render(
        request,
        "governance/report_form.html",
        {
            "title": "Signaler un mésusage ou un problème",
            "form": form,
            "refusal": refusal,
            "case_reference": case_reference,
            "structure": reporting.reporter_structure(request.user),
        },
    )


@require("governance.report")
def my_reports(request):
    reports = MisuseReport.objects.filter(reporter=request.user, anonymous=False)
    return render(request, "governance/my_reports.html", {"title": "Mes signalements", "reports": reports})


@require("governance.handle_reports")
def reports(request):
    queryset = reporting.handled_reports(request.user)
    status = request.GET.get("statut", "")
    if status in ReportStatus.values:
        queryset = queryset.filter(status=status)
    try:
        days = int(request.GET.get("periode", "90"))
    except ValueError:
        days = 90
    if days not in PERIODS:
        days = 90
    return render(
        request,
        "governance/reports.html",
        {
            "title": "Signalements",
            "reports": queryset[:500],
            "statuses": ReportStatus.choices,
            "status": status,
            "refusals": reporting.refusal_counts(request.user, days=days),
            "periods": PERIODS,
            "days": days,
        },
    )


@require("governance.handle_reports")
def report_detail(request, pk: int):
    report = get_object_or_404(
        MisuseReport.objects.select_related("structure", "commission_by", "reporter"), pk=pk
    )
    if not reporting.can_handle(request.user, report):
        raise PermissionDenied("Ce signalement ne relève pas de votre périmètre.")
    status_form = StatusForm(prefix="suivi")
    status_form.fields["status"].choices = [
        (value, label) for value, label in ReportStatus.choices if value in report_flow.NEXT[report.status]
    ]
    opinion_form = OpinionForm(
        prefix="avis",
        initial={"opinion": report.commission_opinion, "recommendations": report.commission_recommendations},
    )
    if request.method == "POST":
        try:
            if "suivi-status" in request.POST:
                status_form = StatusForm(request.POST, prefix="suivi")
                status_form.fields["status"].choices = ReportStatus.choices
                if status_form.is_valid():
                    reporting.change_status(
                        report,
                        actor=request.user,
                        status=status_form.cleaned_data["status"],
                        note=status_form.cleaned_data["note"],
                        reply=status_form.cleaned_data["reply"],
                    )
                    messages.success(request, "Statut du signalement mis à jour.")
                    return redirect("governance:report_detail", pk=report.pk)
            elif "avis-opinion" in request.POST:
                opinion_form = OpinionForm(request.POST, prefix="avis")
                if opinion_form.is_valid():
                    reporting.record_opinion(
                        report,
                        actor=request.user,
                        opinion=opinion_form.cleaned_data["opinion"],
                        recommendations=opinion_form.cleaned_data["recommendations"],
                    )
                    messages.success(request, "Avis de la commission enregistré.")
                    return redirect("governance:report_detail", pk=report.pk)
        except GovernanceError as error:
            messages.error(request, error.message)
    return render(
        request,
        "governance/report_detail.html",
        {
            "title": f"Signalement n° {report.pk}",
            "report": report,
            "refusal_label": reporting.category_label(report.refusal_category),
            "updates": report.updates.select_related("actor"),
            "status_form": status_form,
            "opinion_form": opinion_form,
            "can_change_status": bool(report_flow.NEXT[report.status]),
            "can_give_opinion": reporting.can_give_opinion(request.user, report)
            and report.status == ReportStatus.COMMISSION,
        },
    )
