"""JSON API endpoints of this app, mounted under /api/provenance/ (see rhia.api)."""

from ninja import File, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile

from rhia.accounts.authz import api_require
from rhia.extraction import limits
from rhia.provenance.fingerprint import CODE_PATTERN
from rhia.provenance.services import verify_and_journal, verify_code

router = Router(tags=["Provenance"])


@router.post("/verify", summary="Vérifier un fichier")
@api_require("provenance.verify")
def verify(request, file: UploadedFile = File(...)) -> dict:  # noqa: B008 - django-ninja's declaration style
    """Statut (exact, same_text, modified, unknown), export enregistré et détails ; le fichier n'est pas conservé."""
    if file.size > limits.max_bytes():
        raise HttpError(
            413, f"Fichier trop volumineux : la limite est de {limits.human_size(limits.max_bytes())}."
        )
    return verify_and_journal(
        file.name or "document", file.read(), actor=request.user, channel="api"
    ).as_dict()


@router.get("/codes/{code}", summary="Rechercher une référence de vérification")
@api_require("provenance.verify")
def lookup_code(request, code: str) -> dict:
    code = code.strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise HttpError(400, "Référence invalide : elle a la forme RHIA-XXXX-XXXX.")
    return verify_code(code, actor=request.user, channel="api").as_dict()
