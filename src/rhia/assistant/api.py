"""JSON API of the case workflow (mounted at /api/assistant/): the same service functions as the pages."""

from django.http import HttpResponse
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile

from rhia.accounts.authz import api_require
from rhia.assistant import richtext
from rhia.assistant.services import (
    CaseError,
    Upload,
    abandon_case,
    access_missing,
    choose_draft,
    confirm_review,
    export_case,
    get_case,
    open_case,
    return_case,
    save_final,
    start_generation,
    submit_for_validation,
    update_sources,
    validate_case,
    validation_queue,
)
from rhia.assistant.services.access import my_cases
from rhia.assistant.services.serialize import case_detail, case_summary
from rhia.assistant.services.situation import confirm_situation
from rhia.portal.uploads import oversized_message

router = Router(tags=["Assistant"])


def _error(error: CaseError) -> HttpResponse:
    import json

    return HttpResponse(
        json.dumps(error.as_dict(), ensure_ascii=False),
        status=error.http_status,
        content_type="application/json",
    )


def _missing(user) -> list[dict]:
    return [{"label": item.label, "url": item.url} for item in access_missing(user)]


@router.get("/cases", summary="Mes cas")
@api_require("assistant.use")
def list_cases(request):
    cases = my_cases(request.user)
    return {"access_missing": _missing(request.user), "cases": [case_summary(case) for case in cases]}


@router.get("/validation", summary="Cas à valider")
@api_require("assistant.validate")
def list_pending(request):
    missing = _missing(request.user)
    cases = [] if missing else [case_summary(case) for case in validation_queue(request.user)[:500]]
    return {"access_missing": missing, "cases": cases}


@router.post("/cases", summary="Ouvrir un cas (texte collé ou fichier)")
@api_require("assistant.use")
def create_case(
    request,
    text: Form[str] = "",
    use_case: Form[str] = "",
    idempotency_key: Form[str] = "",
    file: File[UploadedFile] | None = None,
):
    upload = Upload(file.name, file.read()) if file is not None else None
    key = idempotency_key or request.headers.get("Idempotency-Key", "")
    oversized = oversized_message(request, "file")
    if oversized:
        return _error(CaseError(oversized))
    try:
        case = open_case(
            request.user, text=text, upload=upload, use_case=use_case or None, idempotency_key=key
        )
    except CaseError as error:
        return _error(error)
    if case.refusal:
        refused = CaseError(
            case.refusal.get("reason") or "Usage interdit.", code="refused", case=case_summary(case)
        )
        refused.extra["refusal"] = case.refusal
        return _error(refused)
    return case_detail(case, request.user)


@router.get("/cases/{key}", summary="Un cas")
@api_require("assistant.use")
def read_case(request, key: str):
    try:
        return case_detail(get_case(request.user, key), request.user)
    except CaseError as error:
        return _error(error)


class ReviewIn(Schema):
    added: list[tuple[int, int, str]] = []
    removed: list[tuple[int, int]] = []


class SourcesIn(Schema):
    selected: list[int]


class SituationIn(Schema):
    versant: str = ""  # FPE, FPT, FPH or "" (not specified)
    statut: str = ""  # titulaire, stagiaire, contractuel or ""
    contrat: str = ""  # CDD, CDI or "" (contractuel only)


class DraftsIn(Schema):
    n: int | None = Field(
        None, ge=1, le=6, description="Propositions du modèle (1 à 6 ; défaut RHIA_DRAFTS_N)"
    )
    restart: bool = False


class ChoiceIn(Schema):
    index: int | None = None


class EditIn(Schema):
    html: str = ""
    text: str = ""


class CommentIn(Schema):
    comment: str = ""


class ValidateIn(Schema):
    comment: str = ""
    sources_checked: bool = False  # required when a selected source is stale or replaced


class ExportIn(Schema):
    format: str
    dinum: bool = False


def _act(request, key: str, operation):
    try:
        case = get_case(request.user, key)
        case = operation(case)
        case.refresh_from_db()
        return case_detail(case, request.user)
    except CaseError as error:
        return _error(error)


@router.post("/cases/{key}/review", summary="Confirmer les données personnelles")
@api_require("assistant.use")
def review(request, key: str, payload: ReviewIn):
    return _act(
        request,
        key,
        lambda case: confirm_review(case, request.user, added=payload.added, removed=payload.removed),
    )


@router.post("/cases/{key}/sources", summary="Choisir les sources")
@api_require("assistant.use")
def sources(request, key: str, payload: SourcesIn):
    return _act(request, key, lambda case: update_sources(case, request.user, selected=payload.selected))


@router.post("/cases/{key}/situation", summary="Confirmer la situation de la personne (versant, statut)")
@api_require("assistant.use")
def situation(request, key: str, payload: SituationIn):
    return _act(
        request,
        key,
        lambda case: confirm_situation(
            case, request.user, versant=payload.versant, statut=payload.statut, contrat=payload.contrat
        ),
    )


@router.post(
    "/cases/{key}/drafts",
    summary="Demander les propositions (tâche de fond)",
    description=(
        "Met la génération en file (ou renvoie celle en cours) et répond aussitôt ; `generation` dans "
        "le cas dit où elle en est (position dans la file, propositions prêtes). Suivre par `GET cases/{key}`."
    ),
)
@api_require("assistant.use")
def drafts(request, key: str, payload: DraftsIn):
    def run(case):
        start_generation(case, request.user, n=payload.n, restart=payload.restart)
        return case

    return _act(request, key, run)


@router.post("/cases/{key}/choose", summary="Choisir une proposition (ou aucune)")
@api_require("assistant.use")
def choose(request, key: str, payload: ChoiceIn):
    return _act(request, key, lambda case: choose_draft(case, request.user, payload.index))


@router.post("/cases/{key}/edit", summary="Enregistrer le texte final")
@api_require("assistant.use")
def edit(request, key: str, payload: EditIn):
    markup = payload.html or richtext.from_text(payload.text)
    return _act(request, key, lambda case: save_final(case, request.user, markup))


@router.post("/cases/{key}/submit", summary="Soumettre à validation")
@api_require("assistant.use")
def submit(request, key: str):
    return _act(request, key, lambda case: submit_for_validation(case, request.user))


@router.post("/cases/{key}/validate", summary="Valider")
@api_require("assistant.use")
def validate(request, key: str, payload: ValidateIn):
    return _act(
        request,
        key,
        lambda case: validate_case(
            case, request.user, comment=payload.comment, sources_checked=payload.sources_checked
        ),
    )


@router.post("/cases/{key}/return", summary="Renvoyer au gestionnaire")
@api_require("assistant.validate")
def send_back(request, key: str, payload: CommentIn):
    return _act(request, key, lambda case: return_case(case, request.user, comment=payload.comment))


@router.post("/cases/{key}/abandon", summary="Abandonner")
@api_require("assistant.use")
def abandon(request, key: str):
    return _act(request, key, lambda case: abandon_case(case, request.user))


@router.post("/cases/{key}/export", summary="Exporter (DOCX, PDF, EML) après validation")
@api_require("assistant.use")
def export(request, key: str, payload: ExportIn):
    try:
        case = get_case(request.user, key)
        result = export_case(case, request.user, payload.format, dinum=payload.dinum)
    except CaseError as error:
        return _error(error)
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["X-Rhia-Sha256"] = result.sha256
    return response
