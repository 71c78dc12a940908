"""The lease a worker holds on a running job, and the recovery of jobs whose worker died.

A worker claims a queued job (conditional update: one worker wins), then renews ``heartbeat_at``
from a small thread every ``lease / 5`` seconds, also while the model computes (llama.cpp releases
the GIL). A job whose heartbeat is older than the lease is lost: ``recover_lost`` journals it,
queues it again once (``RHIA_JOB_MAX_ATTEMPTS``) and otherwise marks it failed. A worker that
comes back after losing its lease notices it on its next write and stops (no double work).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rhia.jobs.models import Job

logger = logging.getLogger(__name__)

INTERRUPTED_TWICE = (
    "Le traitement a été interrompu (arrêt du worker) et la reprise automatique a aussi échoué ; "
    "relancez-le ou partez d'une page blanche."
)


class LeaseLost(Exception):
    """This worker no longer owns the job (its lease expired and the job was recovered)."""


def lease_seconds() -> int:
    return settings.RHIA_JOB_LEASE_SECONDS


def beat_seconds() -> float:
    return max(0.2, lease_seconds() / 5)


class Lease:
    """Ownership of one running job by one worker, renewed in the background while held."""

    def __init__(self, job: Job, worker_id: str):
        self.job = job
        self.worker_id = worker_id
        self.lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def claim(cls, job_id: int, worker_id: str) -> Lease | None:
        now = timezone.now()
        won = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING,
            worker=worker_id[:120],
            started_at=now,
            heartbeat_at=now,
            step_started_at=now,
        )
        if not won:
            return None
        return cls(Job.objects.select_related("case", "created_by").get(pk=job_id), worker_id[:120])

    def _mine(self):
        return Job.objects.filter(pk=self.job.pk, worker=self.worker_id, status=Job.Status.RUNNING)

    def update(self, **fields) -> None:
        """Write job fields, or raise LeaseLost when the job is no longer ours."""
        if self.lost or not self._mine().update(heartbeat_at=timezone.now(), **fields):
            self.lost = True
            raise LeaseLost(self.job.pk)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def check(self) -> None:
        if self.lost:
            raise LeaseLost(self.job.pk)

    def _beat(self) -> None:
        try:
            while not self._stop.wait(beat_seconds()):
                try:
                    if not self._mine().update(heartbeat_at=timezone.now()):
                        self.lost = True
                        return
                except Exception:  # noqa: BLE001 — a locked database: try again at the next beat
                    logger.warning("heartbeat of job %s not written", self.job.pk)
        finally:
            connection.close()

    def __enter__(self) -> Lease:
        self._thread = threading.Thread(target=self._beat, name=f"rhia-lease-{self.job.pk}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


def recover_lost(*, now: dt.datetime | None = None) -> list[Job]:
    """Journal every running job whose lease expired; queue it again once, else mark it failed."""
    from rhia.audit.journal import record
    from rhia.jobs.services import submit

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=lease_seconds())
    recovered = []
    for job in Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff).select_related("case"):
        retry = job.attempt < settings.RHIA_JOB_MAX_ATTEMPTS
        fields = {"worker": "", "heartbeat_at": None, "step_started_at": None}
        if retry:
            fields |= {"status": Job.Status.QUEUED, "attempt": job.attempt + 1, "task_id": ""}
        else:
            fields |= {"status": Job.Status.FAILED, "finished_at": now, "error": INTERRUPTED_TWICE}
        with transaction.atomic():
            # Conditional on the row still being what we read: two recoverers never both win.
            won = Job.objects.filter(
                pk=job.pk, status=Job.Status.RUNNING, worker=job.worker, heartbeat_at=job.heartbeat_at
            ).update(**fields)
            if not won:
                continue
            silent = round((now - job.heartbeat_at).total_seconds(), 1)
            record(
                "jobs.interrupted",
                obj=job.case if job.case_id else job,
                payload={
                    "job": job.pk,
                    "kind": job.kind,
                    "attempt": job.attempt,
                    "steps_done": job.steps_done,
                    "silent_seconds": silent,
                    "retried": retry,
                },
                structure=job.case.structure if job.case_id else None,
            )
            _close_backend_result(job.task_id, now)
            if retry:
                job.refresh_from_db()
                transaction.on_commit(lambda job=job: submit(job))
        logger.warning(
            "job %s lost by worker %s (attempt %s), retried=%s", job.pk, job.worker, job.attempt, retry
        )
        recovered.append(job)
    return recovered


def _close_backend_result(task_id: str, now: dt.datetime) -> None:
    """The database backend leaves a dead worker's task 'running' forever: close it as failed."""
    from django.tasks import default_task_backend

    if not task_id or type(default_task_backend).__module__ != "django_tasks_db.backend":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="rhia.jobs.lease.LeaseLost",
        traceback="Worker lost: lease expired.",
    )
