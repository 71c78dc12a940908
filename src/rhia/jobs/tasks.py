"""The one Django Task of rhia: run a job by id. Backend-neutral (any Django Tasks backend works).

What a job does depends on its kind; the handlers live with their domain and receive the job and
its lease. A handler raises ``JobFailed`` with a French reason, or anything else (then a generic
reason is stored: exception texts may quote pseudonymized content and stay out of the job row).
"""

from __future__ import annotations

import logging
import os
import socket

from django.tasks import TaskContext, task
from django.utils import timezone
from django.utils.module_loading import import_string

from rhia.jobs.lease import Lease, LeaseLost
from rhia.jobs.models import Job

logger = logging.getLogger(__name__)

HANDLERS = {
    Job.Kind.DRAFTS: "rhia.assistant.services.generation.run_generation_job",
    Job.Kind.CORPUS_FETCH: "rhia.corpus.tasks.run_fetch_job",
    Job.Kind.REINDEX: "rhia.corpus.tasks.run_reindex_job",
    Job.Kind.PURGE: "rhia.assistant.services.retention.run_purge_job",
}
GENERIC_FAILURE = "Le traitement a échoué de façon inattendue ; vous pouvez le relancer."


class JobFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def worker_identity(context: TaskContext | None = None) -> str:
    """The backend's worker id when it gives one, else host:pid (unique per process)."""
    ids = list(getattr(getattr(context, "task_result", None), "worker_ids", None) or [])
    base = f"{socket.gethostname()}:{os.getpid()}"
    return f"{base}:{ids[-1]}" if ids else base


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> dict:
    return execute(job_id, worker_identity(context))


def execute(job_id: int, worker_id: str) -> dict:
    """Claim, run under a lease, and record the outcome of one job."""
    lease = Lease.claim(job_id, worker_id)
    if lease is None:  # cancelled, finished, or claimed by another worker meanwhile
        return {"job": job_id, "ran": False}
    job = lease.job
    handler = import_string(HANDLERS[job.kind])
    try:
        with lease:
            handler(job, lease)
            lease.update(status=Job.Status.DONE, finished_at=timezone.now(), step_started_at=None)
    except LeaseLost:
        logger.warning("job %s: lease lost, stopping", job_id)
        return {"job": job_id, "ran": False, "lost": True}
    except JobFailed as error:
        _fail(lease, error.message)
    except Exception as error:  # noqa: BLE001 — recorded on the job; the worker keeps running
        logger.error("job %s (%s) failed: %s", job_id, job.kind, type(error).__name__)
        _fail(lease, GENERIC_FAILURE)
    return {"job": job_id, "ran": True, "status": lease.job.status}


def _fail(lease: Lease, message: str) -> None:
    try:
        lease.update(status=Job.Status.FAILED, error=message[:500], finished_at=timezone.now())
    except LeaseLost:
        return
    from rhia.audit.journal import record

    job = lease.job
    record(
        "jobs.failed",
        obj=job.case if job.case_id else job,
        payload={"job": job.pk, "kind": job.kind, "attempt": job.attempt, "steps_done": job.steps_done},
        structure=job.case.structure if job.case_id else None,
    )
