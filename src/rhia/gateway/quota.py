"""Per-key rate limit (requests per minute) and token quota (per day), stored in the database so
that every app replica behind the load balancer sees the same counters."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rhia.gateway.models import ApiKey, QuotaPolicy, UsageWindow

DEFAULT_RPM = int(os.environ.get("RHIA_GATEWAY_REQUESTS_PER_MINUTE", "60"))
DEFAULT_TOKENS_PER_DAY = int(os.environ.get("RHIA_GATEWAY_TOKENS_PER_DAY", "200000"))


@dataclass(frozen=True)
class Limits:
    requests_per_minute: int
    tokens_per_day: int


@dataclass(frozen=True)
class Admission:
    allowed: bool
    retry_after: int = 0
    reason: str = ""


def limits_for(structure) -> Limits:
    """The nearest policy on the way up the structure tree, else the environment's defaults."""
    if structure is not None:
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


def _window(key: ApiKey, kind: str, now: datetime) -> UsageWindow:
    starts_at = _window_start(now, kind)
    try:
        with transaction.atomic():
            window, _ = UsageWindow.objects.select_for_update().get_or_create(
                key=key, kind=kind, starts_at=starts_at
            )
    except IntegrityError:  # another replica created it between our read and insert
        window = UsageWindow.objects.select_for_update().get(key=key, kind=kind, starts_at=starts_at)
    return window


@transaction.atomic
def admit(key: ApiKey, now: datetime | None = None) -> Admission:
    """Counts one request if the key is within its limits."""
    now = now or timezone.now()
    limits = limits_for(key.structure)
    day = _window(key, UsageWindow.Kind.DAY, now)
    if day.prompt_tokens + day.completion_tokens >= limits.tokens_per_day:
        retry = _window_start(now, UsageWindow.Kind.DAY) + timedelta(days=1) - now
        return Admission(
            False, math.ceil(retry.total_seconds()), "Quota de jetons de la journée atteint pour cette clé."
        )
    minute = _window(key, UsageWindow.Kind.MINUTE, now)
    if minute.requests >= limits.requests_per_minute:
        retry = _window_start(now, UsageWindow.Kind.MINUTE) + timedelta(minutes=1) - now
        return Admission(
            False, max(1, math.ceil(retry.total_seconds())), "Trop de requêtes par minute pour cette clé."
        )
    UsageWindow.objects.filter(pk=minute.pk).update(requests=F("requests") + 1)
    UsageWindow.objects.filter(pk=day.pk).update(requests=F("requests") + 1)
    return Admission(True)


def charge(key: ApiKey, prompt_tokens: int, completion_tokens: int, now: datetime | None = None) -> None:
    """Adds the tokens of a completed request to the key's day window."""
    now = now or timezone.now()
    with transaction.atomic():
        day = _window(key, UsageWindow.Kind.DAY, now)
        UsageWindow.objects.filter(pk=day.pk).update(
            prompt_tokens=F("prompt_tokens") + prompt_tokens,
            completion_tokens=F("completion_tokens") + completion_tokens,
        )
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
