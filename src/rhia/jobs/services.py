"""Queue a job, and read where it stands: queue position, workers alive, time estimates."""

from __future__ import annotations

import datetime as dt
import logging
import statistics

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rhia.jobs.lease import lease_seconds
from rhia.jobs.models import Job, WorkerBeat

logger = logging.getLogger(__name__)

# Model work has its own queue so a deployment can give it dedicated workers.
QUEUE_OF = {Job.Kind.DRAFTS: "generation"}
# A job retried after its worker died goes before the requests queued after it.
RETRY_PRIORITY = 10
QUEUE_DOWN = "La file des tâches de fond est indisponible ; réessayez dans un instant."


def enqueue(
    kind: str,
    *,
    case=None,
    user=None,
    params: dict | None = None,
    expected: int = 1,
) -> Job:
    """Create the job and hand it to the Tasks backend once the transaction commits."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            case=case,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            params=params or {},
            expected=max(1, expected),
        )
        transaction.on_commit(lambda: submit(job))
    return job


def submit(job: Job) -> None:
    from rhia.jobs.tasks import run_job

    task = run_job.using(
        queue_name=QUEUE_OF.get(job.kind, "default"),
        priority=RETRY_PRIORITY if job.attempt > 1 else 0,
    )
    try:
        result = task.enqueue(job.pk)
    except Exception:  # noqa: BLE001 — the backend is down: say so on the job instead of a silent wait
        logger.exception("job %s could not be queued", job.pk)
        Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.FAILED, error=QUEUE_DOWN, finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def latest(case, kind: str = Job.Kind.DRAFTS) -> Job | None:
    return Job.objects.filter(case=case, kind=kind).order_by("-enqueued_at", "-id").first()


def cancel_active(case, kind: str = Job.Kind.DRAFTS) -> int:
    """Cancel the case's queued or running jobs (a worker holding one stops at its next write)."""
    return Job.objects.filter(case=case, kind=kind, status__in=Job.ACTIVE).update(
        status=Job.Status.CANCELLED, finished_at=timezone.now(), worker=""
    )


def ahead_of(job: Job) -> int:
    """Jobs of the same kind a worker will handle before this one (running, or queued earlier)."""
    if job.status != Job.Status.QUEUED:
        return 0
    earlier = Q(enqueued_at__lt=job.enqueued_at) | Q(enqueued_at=job.enqueued_at, pk__lt=job.pk)
    return (
        Job.objects.filter(kind=job.kind)
        .filter(Q(status=Job.Status.RUNNING) | (Q(status=Job.Status.QUEUED) & earlier))
        .exclude(pk=job.pk)
        .count()
    )


def workers_alive(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return WorkerBeat.objects.filter(seen_at__gte=now - dt.timedelta(seconds=2 * lease_seconds())).count()


def step_estimate(kind: str = Job.Kind.DRAFTS, *, recent: int = 20) -> float | None:
    """Median duration of one step (one draft) over the recent finished jobs; None before any."""
    seconds: list[float] = []
    for steps in (
        Job.objects.filter(kind=kind, status=Job.Status.DONE)
        .order_by("-finished_at")
        .values_list("step_seconds", flat=True)[:recent]
    ):
        seconds.extend(float(s) for s in steps or [] if isinstance(s, int | float))
    return statistics.median(seconds) if seconds else None


def progress(job: Job, *, now: dt.datetime | None = None) -> dict:
    """Where the job stands, for the pages and the API (no personal data)."""
    now = now or timezone.now()
    per_step = step_estimate(job.kind)
    ahead = ahead_of(job)
    step_elapsed = (
        (now - job.step_started_at).total_seconds()
        if job.status == Job.Status.RUNNING and job.step_started_at
        else 0.0
    )
    remaining = None
    if per_step is not None and job.active:
        left = max(0, job.expected - job.steps_done)
        remaining = max(0.0, left * per_step - step_elapsed) + ahead * job.expected * per_step
    return {
        "job": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "attempt": job.attempt,
        "expected": job.expected,
        "steps_done": job.steps_done,
        "queue_ahead": ahead,
        "workers": workers_alive(now),
        "elapsed_seconds": round((now - job.enqueued_at).total_seconds(), 1),
        "step_elapsed_seconds": round(step_elapsed, 1),
        "step_estimate_seconds": round(per_step, 1) if per_step is not None else None,
        "remaining_seconds": round(remaining, 1) if remaining is not None else None,
        "error": job.error,
    }
