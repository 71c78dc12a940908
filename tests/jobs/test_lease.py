"""Leases and recovery of jobs, in one process (the worker-process tests are in tests/assistant)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rhia.jobs import services
from rhia.jobs.lease import INTERRUPTED_TWICE, Lease, LeaseLost, recover_lost
from rhia.jobs.models import Job, WorkerBeat

pytestmark = pytest.mark.django_db


def _queued(kind=Job.Kind.REINDEX, **fields) -> Job:
    return Job.objects.create(kind=kind, **fields)


def test_one_worker_wins_the_claim_and_a_cancelled_job_stops_its_worker():
    job = _queued()
    lease = Lease.claim(job.pk, "worker-a")
    assert lease is not None and Lease.claim(job.pk, "worker-b") is None
    lease.update(steps_done=1)
    assert Job.objects.get(pk=job.pk).steps_done == 1
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED, worker="")
    with pytest.raises(LeaseLost):
        lease.update(steps_done=2)
    assert Job.objects.get(pk=job.pk).steps_done == 1  # nothing written after the loss


def test_an_expired_lease_is_journaled_requeued_once_then_failed(
    django_capture_on_commit_callbacks, settings
):
    from rhia.audit.models import JournalEntry

    settings.RHIA_JOB_LEASE_SECONDS = 30
    job = _queued()
    Lease.claim(job.pk, "worker-a")
    assert recover_lost() == []  # fresh heartbeat: nothing to do
    later = timezone.now() + dt.timedelta(seconds=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert [j.pk for j in recover_lost(now=later)] == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.attempt, job.worker) == (Job.Status.QUEUED, 2, "")
    assert job.task_id  # handed to the Tasks backend again
    entry = JournalEntry.objects.get(action="jobs.interrupted")
    assert entry.payload["retried"] is True and entry.payload["attempt"] == 1
    Lease.claim(job.pk, "worker-b")
    recover_lost(now=timezone.now() + dt.timedelta(seconds=31))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == INTERRUPTED_TWICE
    assert JournalEntry.objects.filter(action="jobs.interrupted").count() == 2


def test_queue_position_workers_and_estimate():
    now = timezone.now()
    running = _queued(Job.Kind.DRAFTS, status=Job.Status.RUNNING, enqueued_at=now - dt.timedelta(seconds=9))
    first = _queued(Job.Kind.DRAFTS, enqueued_at=now - dt.timedelta(seconds=5), expected=3)
    second = _queued(Job.Kind.DRAFTS, enqueued_at=now - dt.timedelta(seconds=2), expected=3)
    _queued(Job.Kind.REINDEX, enqueued_at=now - dt.timedelta(seconds=8))  # another kind: not ahead
    assert (services.ahead_of(running), services.ahead_of(first), services.ahead_of(second)) == (0, 1, 2)
    assert services.progress(second)["remaining_seconds"] is None  # no history yet: no made-up figure
    _queued(Job.Kind.DRAFTS, status=Job.Status.DONE, finished_at=now, step_seconds=[0.1, 10.0, 12.0])
    assert services.step_estimate() == 10.0
    progress = services.progress(second, now=now)
    assert progress["queue_ahead"] == 2 and progress["workers"] == 0
    assert progress["remaining_seconds"] == 3 * 10.0 + 2 * 3 * 10.0
    WorkerBeat.objects.create(worker_id="w1", seen_at=now)
    WorkerBeat.objects.create(worker_id="w-dead", seen_at=now - dt.timedelta(hours=1))
    assert services.workers_alive(now) == 1
