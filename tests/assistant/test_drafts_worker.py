"""Drafts written by real ``rhia worker`` processes (scripted OpenAI-compatible model), on the test database.

kill -9 of a worker in the middle of a generation: the job is journaled and retried within the
lease, the drafts already stored are kept (not redone); a second loss marks it failed and the case
stays usable. Two agents at once: both get their drafts, in queue order, one worker.
"""

from __future__ import annotations

import sys
import time

import pytest

from .conftest import QUESTION

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]

ANSWER = (
    "Bonjour,\n\nVous avez droit à cinq fois vos obligations hebdomadaires de service [1].\n\nCordialement"
)


@pytest.fixture
def fast_lease(settings, monkeypatch):
    settings.RHIA_JOB_LEASE_SECONDS = 2
    monkeypatch.setenv("RHIA_DRAFT_RETRY", "0")


def _wait(condition, timeout: float = 120, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _job(case):
    from rhia.jobs.models import Job

    return Job.objects.filter(case=case).order_by("-id").first()


def test_worker_writes_drafts_one_by_one_and_the_web_process_loads_no_model(
    reviewed_case, agent, scripted, worker, fast_lease
):
    from rhia.assistant.services import generation_state, start_generation
    from rhia.audit.models import JournalEntry
    from rhia.jobs.models import Job, WorkerBeat

    scripted.then, scripted.delay = ANSWER, 0.3
    embedded = sys.modules.get("rhia.llm.providers.embedded")
    loaded_before = set(getattr(embedded, "_models", {}))  # a model test earlier in this process may have one
    job = start_generation(reviewed_case, agent, n=2)
    assert generation_state(reviewed_case)["state"] == "queued"
    assert "aucun processus de génération" in generation_state(reviewed_case)["message"]
    worker.start()
    job = _wait(lambda: Job.objects.filter(pk=job.pk, status=Job.Status.DONE).first(), what="job done")
    state = generation_state(reviewed_case)
    # The extractive answer first (no model), then the two model drafts.
    assert state["state"] == "done" and [d["state"] for d in state["drafts"]] == ["ready"] * 3
    assert reviewed_case.drafts.count() == 3 and scripted.hits == 2
    assert len(job.step_seconds) == 3 and all(s >= 0.3 for s in job.step_seconds[1:])
    entry = JournalEntry.objects.get(action="assistant.drafts_generated")
    assert entry.payload["n"] == 3 and entry.payload["job"] == job.pk
    # The model lives in workers only: nothing was loaded in this (web) process by the generation.
    embedded = sys.modules.get("rhia.llm.providers.embedded")
    assert set(getattr(embedded, "_models", {})) == loaded_before
    assert WorkerBeat.objects.get().models_loaded == 0  # scripted provider: no local model at all


def test_two_agents_are_served_in_queue_order_by_one_worker(
    reviewed_case, agent, make_user, grant_assistant_access, scripted, worker, fast_lease
):
    from rhia.assistant.services import confirm_review, generation_state, open_case, start_generation
    from rhia.jobs.models import Job

    other = grant_assistant_access(make_user("agent_rh", username="agent2"))
    second = confirm_review(open_case(other, text=QUESTION), other)
    scripted.then, scripted.delay = ANSWER, 0.3
    first_job = start_generation(reviewed_case, agent, n=2)
    second_job = start_generation(second, other, n=2)
    assert generation_state(second)["job"]["queue_ahead"] == 1
    assert {d["label"] for d in generation_state(second)["drafts"]} == {"en attente"}
    worker.start()
    _wait(lambda: Job.objects.filter(status=Job.Status.DONE).count() == 2, what="both jobs done")
    first_job.refresh_from_db()
    second_job.refresh_from_db()
    assert first_job.finished_at <= second_job.started_at  # one generation at a time, first come first
    assert reviewed_case.drafts.count() == 3 and second.drafts.count() == 3
    assert generation_state(second)["message"] == ""


def test_kill_9_of_a_worker_mid_generation_is_retried_without_redoing_stored_drafts(
    reviewed_case, agent, scripted, worker, fast_lease
):
    from rhia.assistant.services import generation_state, start_generation
    from rhia.audit.models import JournalEntry
    from rhia.jobs.models import Job

    scripted.then, scripted.delay = ANSWER, 1.5
    job = start_generation(reviewed_case, agent, n=3)
    first = worker.start()
    _wait(lambda: reviewed_case.drafts.count() >= 2, what="first model draft")
    kept = reviewed_case.drafts.get(index=1)
    worker.kill(first)
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING  # nobody knows yet
    worker.start()
    job = _wait(lambda: Job.objects.filter(pk=job.pk, status=Job.Status.DONE).first(), what="retried job")
    assert job.attempt == 2
    assert list(reviewed_case.drafts.values_list("index", flat=True)) == [0, 1, 2, 3]
    assert reviewed_case.drafts.get(index=1).pk == kept.pk  # the stored draft was not redone
    assert scripted.hits <= 4  # 3 drafts, plus at most the one the kill interrupted
    interrupted = JournalEntry.objects.get(action="jobs.interrupted")
    assert interrupted.payload["retried"] is True and interrupted.payload["job"] == job.pk
    assert interrupted.object_id == str(reviewed_case.pk)
    assert generation_state(reviewed_case)["state"] == "done"


def test_a_job_lost_twice_is_marked_failed_and_the_case_stays_usable(
    reviewed_case, agent, scripted, worker, fast_lease
):
    from rhia.assistant.services import choose_draft, generation_state, start_generation
    from rhia.audit.models import JournalEntry
    from rhia.jobs.models import Job

    scripted.then, scripted.delay = ANSWER, 30  # the model never answers in time
    job = start_generation(reviewed_case, agent, n=2)
    for attempt in (1, 2):
        process = worker.start()
        _wait(
            lambda attempt=attempt: Job.objects.filter(
                pk=job.pk, status=Job.Status.RUNNING, attempt=attempt, steps_done__gte=1
            ).exists(),
            what=f"attempt {attempt} running",
        )
        worker.kill(process)
        # No worker left: the page's own read notices the expired lease (same rule as a worker).
        _wait(
            lambda: generation_state(reviewed_case)["state"] in ("queued", "failed"),
            timeout=30,
            what="lease expiry",
        )
    state = generation_state(reviewed_case)
    assert state["state"] == "failed" and "interrompu" in state["message"]
    # The instant extractive answer was stored before the model hung; the model drafts failed.
    assert [d["state"] for d in state["drafts"]] == ["ready", "failed", "failed"]
    assert JournalEntry.objects.filter(action="jobs.interrupted").count() == 2
    # The agent can still start from a blank page, or ask again.
    case = choose_draft(reviewed_case, agent, None)
    assert case.stage == "edit" and case.started_from_none
