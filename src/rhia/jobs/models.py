"""A job: one unit of background work (a case's drafts, an import, a reindex, a purge) and its state.

The Django Tasks backend owns the queue; this table owns what the pages show and what recovery
needs: who runs the job (worker id), the lease it renews (``heartbeat_at``), the attempts, the
steps done (one per draft) with their durations, and a French failure reason without personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    class Kind(models.TextChoices):
        DRAFTS = "drafts", "Propositions d'un cas"
        CORPUS_FETCH = "corpus_fetch", "Import des fiches service-public"
        REINDEX = "reindex", "Reconstruction de l'index de recherche"
        PURGE = "purge", "Purge des contenus échus"

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échoué"
        CANCELLED = "cancelled", "Annulé"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.QUEUED)
    case = models.ForeignKey(
        "assistant.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    # Identifiers and counts only (e.g. {"n": 3}, {"import_task": 12}): never personal data.
    params = models.JSONField("paramètres", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField("tâche", max_length=64, blank=True)
    attempt = models.PositiveSmallIntegerField("tentative", default=1)
    worker = models.CharField("worker", max_length=120, blank=True)
    enqueued_at = models.DateTimeField("demandé le", default=timezone.now)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    heartbeat_at = models.DateTimeField("dernier signe de vie", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    expected = models.PositiveSmallIntegerField("étapes prévues", default=1)
    steps_done = models.PositiveSmallIntegerField("étapes faites", default=0)
    step_started_at = models.DateTimeField("étape en cours depuis", null=True, blank=True)
    step_seconds = models.JSONField("durée des étapes (s)", default=list, blank=True)
    error = models.CharField("motif de l'échec", max_length=500, blank=True)

    class Meta:
        verbose_name = "tâche de fond"
        verbose_name_plural = "tâches de fond"
        ordering = ["enqueued_at", "id"]
        indexes = [models.Index(fields=["kind", "status"], name="jobs_kind_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE


class WorkerBeat(models.Model):
    """A worker process's last sign of life, so pages can say whether anyone will run a queued job."""

    worker_id = models.CharField(max_length=120, unique=True)
    hostname = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    models_loaded = models.PositiveSmallIntegerField("modèles chargés", default=0)
    rss_mb = models.FloatField("mémoire (Mo)", default=0)

    class Meta:
        verbose_name = "worker"
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return self.worker_id
