"""API keys of the governed OpenAI-compatible API, quota policies and usage counters."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiKey(models.Model):
    """A personal key. Only its SHA-256 is stored; the secret is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    structure = models.ForeignKey("accounts.Structure", on_delete=models.PROTECT, related_name="api_keys")
    name = models.CharField("nom", max_length=100)
    prefix = models.CharField("début de la clé", max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    use_cases = models.ManyToManyField(
        "policy.UseCase", related_name="api_keys", verbose_name="cas d'usage autorisés"
    )
    default_use_case = models.ForeignKey(
        "policy.UseCase", on_delete=models.PROTECT, related_name="+", verbose_name="cas d'usage par défaut"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoquée le", null=True, blank=True)

    class Meta:
        verbose_name = "clé d'API"
        verbose_name_plural = "clés d'API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class QuotaPolicy(models.Model):
    """Limits per key for a structure and everything below it (the nearest policy up the tree wins)."""

    structure = models.OneToOneField(
        "accounts.Structure", on_delete=models.CASCADE, related_name="quota_policy"
    )
    requests_per_minute = models.PositiveIntegerField("requêtes par minute et par clé", default=60)
    tokens_per_day = models.PositiveIntegerField("jetons par jour et par clé", default=200_000)

    class Meta:
        verbose_name = "quota de l'API"
        verbose_name_plural = "quotas de l'API"

    def __str__(self) -> str:
        return f"Quota — {self.structure}"


class UsageWindow(models.Model):
    """Counters of one key over one window (a minute for requests, a day for tokens)."""

    class Kind(models.TextChoices):
        MINUTE = "minute", "minute"
        DAY = "day", "jour"

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField()
    requests = models.PositiveIntegerField(default=0)
    prompt_tokens = models.PositiveBigIntegerField(default=0)
    completion_tokens = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "kind", "starts_at"], name="unique_usage_window")
        ]
        indexes = [models.Index(fields=["kind", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.key} — {self.kind} {self.starts_at:%Y-%m-%d %H:%M}"
