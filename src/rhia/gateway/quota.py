"""Per-key rate limit (requests per minute) and token quota (per day), stored in the database so
that every app replica behind the load balancer sees the same counters."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rhia.gateway.models import ApiKey, QuotaPolicy, UsageWindow

DEFAULT_RPM = settings.RHIA_GATEWAY_REQUESTS_PER_MINUTE
DEFAULT_TOKENS_PER_DAY = settings.RHIA_GATEWAY_TOKENS_PER_DAY


@dataclass(frozen=True)
class Limits:
    requests_per_minute: int
    tokens_per_day: int


@dataclass(frozen=True)
class Admission:
    allowed: bool
    retry_after: int = 0
    reason: str = ""


# Limits change rarely; each replica keeps them for a short while (cleared at once on local saves).
_LIMITS_TTL_SECONDS = 30
_limits_cache: dict[int, tuple[float, Limits]] = {}


def clear_limits_cache(**_kwargs) -> None:
    _limits_cache.clear()


def limits_for(structure) -> Limits:
    """The nearest policy on the way up the structure tree, else the environment's defaults."""
    if structure is None:
        return Limits(DEFAULT_RPM, DEFAULT_TOKENS_PER_DAY)
    cached = _limits_cache.get(structure.pk)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    limits = _lookup_limits(structure)
    _limits_cache[structure.pk] = (time.monotonic() + _LIMITS_TTL_SECONDS, limits)
    return limits


def _lookup_limits(structure) -> Limits:
    chain = list(reversed(structure.ancestors_and_self()))
    policies = {p.structure_id: p for p in QuotaPolicy.objects.filter(structure__in=chain)}
    for node in chain:
        if node.pk in policies:
            policy = policies[node.pk]
            return Limits(policy.requests_per_minute, policy.tokens_per_day)
    return Limits(DEFAULT_RPM, DEFAULT_TOKENS_PER_DAY)


def _window_start(now: datetime, kind: str) -> datetime:
    if kind == UsageWindow.Kind.MINUTE:
        return now.replace(second=0, microsecond=0)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _bump(
    key: ApiKey, kind: str, now: datetime, limit_field: str | None = None, limit: int = 0, **increments
) -> bool:
    """Adds ``increments`` to the key's current window, creating it if needed; one UPDATE when it exists.

    With ``limit_field``, the row is only updated while that counter is under ``limit``: the check and
    the increment are one statement, so concurrent replicas cannot overshoot.
    """
    starts_at = _window_start(now, kind)
    rows = UsageWindow.objects.filter(key=key, kind=kind, starts_at=starts_at)
    if limit_field:
        rows = rows.filter(**{f"{limit_field}__lt": limit})
    if rows.update(**{name: F(name) + value for name, value in increments.items()}):
        return True
    if limit_field and limit <= 0:
        return False
    try:
        with transaction.atomic():
            UsageWindow.objects.create(key=key, kind=kind, starts_at=starts_at, **increments)
        return True
    except IntegrityError:  # the window exists: it was full, or another replica just created it
        if limit_field is None:
            return _bump(key, kind, now, **increments)
        again = UsageWindow.objects.filter(
            key=key, kind=kind, starts_at=starts_at, **{f"{limit_field}__lt": limit}
        )
        return bool(again.update(**{name: F(name) + value for name, value in increments.items()}))


def admit(key: ApiKey, now: datetime | None = None) -> Admission:
    """Counts one request if the key is within its limits."""
    now = now or timezone.now()
    limits = limits_for(key.structure)
    used = (
        UsageWindow.objects.filter(
            key=key, kind=UsageWindow.Kind.DAY, starts_at=_window_start(now, UsageWindow.Kind.DAY)
        )
        .values_list("prompt_tokens", "completion_tokens")
        .first()
    )
    if used and sum(used) >= limits.tokens_per_day:
        retry = _window_start(now, UsageWindow.Kind.DAY) + timedelta(days=1) - now
        return Admission(
            False, math.ceil(retry.total_seconds()), "Quota de jetons de la journée atteint pour cette clé."
        )
    if not _bump(key, UsageWindow.Kind.MINUTE, now, "requests", limits.requests_per_minute, requests=1):
        retry = _window_start(now, UsageWindow.Kind.MINUTE) + timedelta(minutes=1) - now
        return Admission(
            False, max(1, math.ceil(retry.total_seconds())), "Trop de requêtes par minute pour cette clé."
        )
    return Admission(True)


def charge(key: ApiKey, prompt_tokens: int, completion_tokens: int, now: datetime | None = None) -> None:
    """Adds a completed request and its tokens to the key's day window."""
    now = now or timezone.now()
    _bump(
        key,
        UsageWindow.Kind.DAY,
        now,
        requests=1,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )
    # Last use is shown to the user at the minute; no need to write it on every request.
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
