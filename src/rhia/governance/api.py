"""JSON API of the governance app (mounted at /api/governance/): the same services as the pages."""

from django.http import HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from rhia.accounts.authz import api_require
from rhia.dashboard import indicators as ind
from rhia.governance import lifecycle_service, reporting, services
from rhia.governance.lifecycle_flow import LABELS
from rhia.governance.models import DocumentVersion, MisuseReport
from rhia.policy.models import UseCase

router = Router(tags=["Gouvernance"])


def _error(message: str, status: int = 400) -> HttpResponse:
    import json

    return HttpResponse(
        json.dumps({"detail": message}, ensure_ascii=False), status=status, content_type="application/json"
    )


@router.get("/kit", summary="Documents publiés du kit d'usage")
@api_require("governance.read_kit")
def kit(request):
    versions = DocumentVersion.objects.filter(status=DocumentVersion.Status.PUBLISHED).select_related(
        "document"
    )
    return {
        "documents": [
            {
                "slug": v.document.slug,
                "kind": v.document.kind,
                "title": v.document.title,
                "version": v.label,
                "published_at": v.published_at.isoformat() if v.published_at else None,
                "url": reverse("governance:document", args=[v.document.slug]),
                "pdf_url": reverse("governance:document_pdf", args=[v.document.slug]),
                "markdown": v.body,
            }
            for v in versions.order_by("document__order")
        ]
    }


@router.get("/charter", summary="Charte en vigueur et prise de connaissance de l'utilisateur")
@api_require("governance.read_kit")
def charter_status(request):
    charter = services.current_charter()
    return {
        "published": charter is not None,
        "version": charter.label if charter else None,
        "acknowledged": services.has_acknowledged_current_charter(request.user),
    }


@router.post("/charter/acknowledge", summary="Prendre connaissance de la charte en vigueur")
@api_require("governance.read_kit")
def charter_acknowledge(request):
    try:
        ack = services.acknowledge_current_charter(request.user)
    except services.GovernanceError as error:
        return _error(error.message, 409)
    return {"acknowledged": True, "version": ack.version.label, "at": ack.acknowledged_at.isoformat()}


class ReportIn(Schema):
    category: str
    description: str
    anonymous: bool = False
    case_reference: str = ""
    refusal_seq: int | None = None
    structure_id: int | None = None  # the user's structure (default) or one of its parents


@router.post("/reports", summary="Signaler un mésusage ou un problème (anonymement si souhaité)")
@api_require("governance.report")
def create_report(request, data: ReportIn):
    try:
        report = reporting.create_report(
            user=request.user,
            category=data.category,
            description=data.description,
            anonymous=data.anonymous,
            case_reference=data.case_reference,
            refusal_seq=data.refusal_seq,
            structure_id=data.structure_id,
        )
    except services.GovernanceError as error:
        return _error(error.message)
    # An anonymous report gets no number back: nothing the reporter could later be asked to show.
    return {"received": True, "id": None if report.anonymous else report.pk, "status": report.status}


@router.get("/reports/mine", summary="Mes signalements nominatifs et leur statut")
@api_require("governance.report")
def my_reports(request):
    reports = MisuseReport.objects.filter(reporter=request.user, anonymous=False)[:500]
    return {
        "reports": [
            {
                "id": r.pk,
                "created_at": r.created_at.isoformat(),
                "category": r.category,
                "status": r.status,
                "status_label": r.get_status_display(),
                "reply": r.reply,
            }
            for r in reports
        ]
    }


@router.get("/refusals", summary="Refus d'usages interdits agrégés par structure et catégorie")
@api_require("governance.handle_reports")
def refusals(request, days: int = 90):
    if days not in (30, 90, 365):
        return _error("La période doit être de 30, 90 ou 365 jours.")
    table = reporting.refusal_counts(request.user, days=days)
    return {
        "days": table.days,
        "min_group": ind.MIN_GROUP,
        "rows": [
            {"structure": s, "category": c, "count": cell.value, "display": cell.display}
            for s, c, cell in table.rows
        ],
        "by_category": [
            {"category": c, "count": cell.value, "display": cell.display} for c, cell in table.by_category
        ],
    }


@router.get("/lifecycle", summary="Étape du cycle de vie de chaque cas d'usage")
@api_require("governance.view_lifecycle")
def lifecycle(request):
    rows = []
    for use_case in UseCase.objects.all():
        state = lifecycle_service.current_state(use_case)
        rows.append(
            {
                "slug": use_case.slug,
                "name": use_case.name,
                "category": use_case.category,
                "register_status": use_case.status,
                "state": str(state),
                "state_label": LABELS[state],
                "staff_rep_informed_on": use_case.staff_rep_informed_on.isoformat()
                if use_case.staff_rep_informed_on
                else None,
                "review_date": use_case.review_date.isoformat() if use_case.review_date else None,
            }
        )
    return {"use_cases": rows}
