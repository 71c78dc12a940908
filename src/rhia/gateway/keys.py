"""Creating, hashing and resolving API keys."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.utils import timezone

from rhia.accounts.authz import has_perm
from rhia.gateway.models import ApiKey

KEY_PREFIX = "rhia-"


def hash_key(secret: str) -> str:
    # Keys are 256-bit random tokens: a plain SHA-256 is enough (no dictionary to attack).
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_key(user, name: str, use_cases, default_use_case) -> tuple[ApiKey, str]:
    """Returns the record and the secret; the secret is never stored and cannot be shown again."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        user=user,
        structure=user.structure,
        name=name,
        prefix=secret[: len(KEY_PREFIX) + 6],
        key_hash=hash_key(secret),
        default_use_case=default_use_case,
    )
    key.use_cases.set(use_cases)
    from rhia.audit.journal import record

    record(
        "gateway.key_created", actor=user, obj=key, payload={"use_cases": sorted(u.slug for u in use_cases)}
    )
    return key, secret


def revoke_key(key: ApiKey, actor) -> None:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        from rhia.audit.journal import record

        record("gateway.key_revoked", actor=actor, obj=key)


def resolve_key(secret: str) -> ApiKey | None:
    """The active key for this secret, if its owner still has access to the gateway."""
    if not secret or not secret.startswith(KEY_PREFIX):
        return None
    key = (
        ApiKey.objects.select_related("user", "structure", "default_use_case")
        .filter(key_hash=hash_key(secret))
        .first()
    )
    if key is None or not key.active:
        return None
    # Access withdrawn (suspended account, role removed) stops the key at once.
    if not has_perm(key.user, "gateway.use"):
        return None
    return key


def bearer_key(request) -> ApiKey | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return resolve_key(token.strip()) if scheme.lower() == "bearer" else None


def key_or_login_for_docs(view: Callable) -> Callable:
    """django-ninja ``docs_decorator`` of /v1/: the schema for a valid API key or a signed-in user."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if bearer_key(request) is None and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
