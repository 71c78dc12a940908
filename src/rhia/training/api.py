"""JSON API endpoints of this app, mounted under /api/training/ (see rhia.api)."""

from dataclasses import asdict

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from rhia.accounts.authz import api_require, structure_in_scope, structures_for
from rhia.training import gating
from rhia.training.importing import import_completions
from rhia.training.models import Training
from rhia.training.plan import build_plan

router = Router(tags=["Formation"])


@router.get("/access", summary="Mon accès à l'assistant : ce qui manque encore")
@api_require("training.self_assess")
def access(request) -> dict:
    missing = gating.assistant_access_missing(request.user)
    return {"granted": not missing, "missing": [asdict(item) for item in missing]}


@router.get("/catalogue", summary="Catalogue des formations")
@api_require("training.self_assess")
def catalogue(request) -> list[dict]:
    return [
        {
            "code": t.code,
            "title": t.title,
            "source": t.source,
            "format": t.format,
            "url": t.url,
            "duration_minutes": t.duration_minutes,
            "is_basic": t.is_basic,
            "competences": [c.code for c in t.competences.all()],
        }
        for t in Training.objects.filter(active=True).prefetch_related("competences")
    ]


@router.get("/plan", summary="Synthèse du plan de formation (service formation)")
@api_require("training.manage")
def plan(request, structure: int | None = None) -> dict:
    root = structure_in_scope(request.user, "training.manage", structure)
    if root is None or (structure and root.pk != structure):
        raise HttpError(403, "Cette structure n'est pas dans votre périmètre.")
    result = build_plan(root, today=timezone.localdate())
    return {
        "structure": result.structure,
        "generated_on": result.generated_on.isoformat(),
        "population": result.population,
        "not_assessed": result.not_assessed,
        "competences": [asdict(c) for c in result.competences],
        "trainings": [
            {
                "code": t.code,
                "title": t.title,
                "is_basic": t.is_basic,
                "people": [asdict(p) for p in t.people],
            }
            for t in result.trainings
        ],
    }


class ImportIn(Schema):
    csv: str


@router.post("/completions", summary="Importer présences et validations (CSV)")
@api_require("training.manage")
def completions(request, payload: ImportIn) -> dict:
    """Tout ou rien : en cas d'erreur, rien n'est enregistré et chaque erreur cite sa ligne."""
    scope = structures_for(request.user, "training.manage")
    report = import_completions(payload.csv, by=request.user, scope=scope, today=timezone.localdate())
    return {
        "ok": report.ok,
        "completed": report.completed,
        "already_completed": report.already_completed,
        "attendance": report.attendance,
        "errors": report.errors,
    }
