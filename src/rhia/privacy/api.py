"""JSON API of the privacy shield: the same service functions as ``rhia privacy scan``."""

from ninja import Router, Schema
from ninja.errors import HttpError

from rhia.accounts.authz import api_require
from rhia.privacy.detect import data_class, scan
from rhia.privacy.models import Vault
from rhia.privacy.sensitive import CATEGORY_LABELS
from rhia.privacy.services import shield

router = Router(tags=["Protection des données"])

MAX_CHARS = 200_000


class ScanIn(Schema):
    text: str
    pseudonymize: bool = False


class EntityOut(Schema):
    start: int
    end: int
    label: str
    score: float
    recognizer: str


class SensitiveOut(Schema):
    category: str
    label: str
    words: list[str]


class ScanOut(Schema):
    entities: list[EntityOut]
    sensitive: list[SensitiveOut]
    data_class: str
    pseudonymized: str | None = None


@router.post("/scan", response=ScanOut, summary="Détecter les données personnelles et sensibles d'un texte")
@api_require("assistant.use")
def scan_text(request, payload: ScanIn):
    if len(payload.text) > MAX_CHARS:
        raise HttpError(400, f"Texte trop long : {MAX_CHARS} caractères au maximum.")
    result = scan(payload.text)
    pseudonymized = shield(payload.text, Vault.ephemeral()).text if payload.pseudonymize else None
    return {
        "entities": [entity.to_dict() for entity in result.entities],
        "sensitive": [
            {
                "category": hit.category,
                "label": CATEGORY_LABELS.get(hit.category, hit.category),
                "words": hit.words,
            }
            for hit in result.sensitive
        ],
        "data_class": data_class(result),
        "pseudonymized": pseudonymized,
    }
