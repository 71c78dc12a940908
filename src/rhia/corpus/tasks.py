"""Import tasks queued from the sources page, run in a background thread or by ``rhia corpus work``.

The task record (database) is the queue and the progress report, so any web process can show it.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import ImportTask, Source

FETCH_SERVICE_PUBLIC = "fetch-service-public"


def queue_fetch(*, all_fiches: bool, user=None) -> ImportTask:
    label = f"Fiches service-public ({'toutes' if all_fiches else 'fonction publique'}) — téléchargement npm"
    return ImportTask.objects.create(
        label=label, params={"action": FETCH_SERVICE_PUBLIC, "all": all_fiches}, created_by=user
    )


def run_task(task: ImportTask) -> ImportTask:
    """Run one queued task to completion; failures end up in the task record, never raised."""
    params = task.params or {}
    if params.get("action") != FETCH_SERVICE_PUBLIC:
        return _fail(task, "Tâche inconnue.")
    all_fiches = bool(params.get("all"))
    try:
        cache = Path(settings.VAR_DIR) / "corpus"
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            task.status, task.started_at, task.message = (
                ImportTask.Status.RUNNING,
                timezone.now(),
                "Téléchargement…",
            )
            task.save()
            tarball = Path(params["path"]) if params.get("path") else loaders.npm_pack(Path(tmp))
            items = loaders.service_public_items(tarball, all_fiches=all_fiches)
            return run_import(
                get_source(Source.Kind.SERVICE_PUBLIC),
                items,
                total=len(items),
                label=task.label,
                task=task,
                keep=loaders.fiche_scope(all_fiches),
            )
    except loaders.SourceError as error:
        return _fail(task, error.message)


def _fail(task: ImportTask, message: str) -> ImportTask:
    task.status, task.message, task.finished_at = ImportTask.Status.FAILED, message[:500], timezone.now()
    task.save()
    return task


def claim_next() -> ImportTask | None:
    """Take the oldest pending task (one worker gets it)."""
    with transaction.atomic():
        task = ImportTask.objects.filter(status=ImportTask.Status.PENDING).order_by("created_at").first()
        if task is None:
            return None
        claimed = ImportTask.objects.filter(pk=task.pk, status=ImportTask.Status.PENDING).update(
            status=ImportTask.Status.RUNNING, started_at=timezone.now()
        )
    if not claimed:
        return None
    task.refresh_from_db()
    return task


def start_in_background(task: ImportTask) -> threading.Thread:
    """Run ``task`` in a daemon thread of this process (the page shows its progress)."""

    def target() -> None:
        close_old_connections()
        try:
            claimed = ImportTask.objects.filter(pk=task.pk, status=ImportTask.Status.PENDING).update(
                status=ImportTask.Status.RUNNING, started_at=timezone.now()
            )
            if claimed:
                run_task(ImportTask.objects.get(pk=task.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=target, name=f"rhia-import-{task.pk}", daemon=True)
    thread.start()
    return thread
