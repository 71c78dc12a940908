"""What every /v1/ request passes before any work: the rate limit, the assistant's access gate
(charter and basic training) and the input size limit.

The body is bounded first, before it is even parsed (``check_body_size`` from the authentication
step): ``RHIA_MAX_INPUT_CHARS`` characters of text, at worst 6 bytes each once JSON-escaped, plus
64 KiB for the rest of the request.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from rhia.gateway import quota
from rhia.gateway.models import ApiKey
from rhia.gateway.pipeline import GatewayError

_ENVELOPE_BYTES = 64 * 1024


def max_body_bytes() -> int:
    return settings.RHIA_MAX_INPUT_CHARS * 6 + _ENVELOPE_BYTES


def check_body_size(request: HttpRequest) -> None:
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > max_body_bytes():
        raise GatewayError(
            413,
            f"Requête trop volumineuse ({declared} octets, maximum {max_body_bytes()}).",
            type="invalid_request_error",
            code="request_too_large",
        )


def admit(key: ApiKey) -> None:
    """Rate limit and token quota of the key (every endpoint, /v1/models included)."""
    admission = quota.admit(key)
    if not admission.allowed:
        raise GatewayError(
            429,
            admission.reason,
            type="rate_limit_exceeded",
            code="rate_limit_exceeded",
            headers={"Retry-After": str(admission.retry_after)},
        )


def check_access(key: ApiKey) -> None:
    """The assistant's gate: the key's owner has signed the charter and completed the basic training."""
    from rhia.training.gating import assistant_access_missing

    missing = assistant_access_missing(key.user)
    if missing:
        raise GatewayError(
            403,
            "Accès à l'API refusé : il vous reste à faire — "
            + " ; ".join(item.label for item in missing)
            + ".",
            type="permission_error",
            code="access_requirements_missing",
        )


def check_input_size(texts: list[str]) -> None:
    """Before the usage guard and the personal-data scan: their cost grows with the text."""
    total = sum(len(text) for text in texts)
    limit = settings.RHIA_MAX_INPUT_CHARS
    if total > limit:
        raise GatewayError(
            413,
            f"Requête trop longue : {total} caractères de texte, maximum {limit} (RHIA_MAX_INPUT_CHARS).",
            type="invalid_request_error",
            code="input_too_long",
        )


def admit_request(key: ApiKey, texts: list[str] = ()) -> None:
    admit(key)
    check_access(key)
    check_input_size(list(texts))
