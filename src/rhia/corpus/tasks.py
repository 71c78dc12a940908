"""Import tasks queued from the sources page, run as jobs by a worker (``rhia worker``).

The import record (database) is the progress report, so any web process can show it; the job
(``rhia.jobs``) that runs it has a lease, so an import whose worker died is retried or marked failed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
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


def start_in_background(task: ImportTask, *, user=None):
    """Queue ``task`` for a worker (the page shows its progress)."""
    from rhia.jobs.models import Job
    from rhia.jobs.services import enqueue

    return enqueue(Job.Kind.CORPUS_FETCH, user=user, params={"import_task": task.pk})


def run_fetch_job(job, lease) -> None:
    """The worker's side: claim the import record and run it to completion."""
    from rhia.jobs.tasks import JobFailed

    task_id = job.params.get("import_task")
    # A retried job finds its import "running" (the lost worker's): it takes it over.
    claimed = ImportTask.objects.filter(
        pk=task_id, status__in=[ImportTask.Status.PENDING, ImportTask.Status.RUNNING]
    ).update(status=ImportTask.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return
    task = run_task(ImportTask.objects.get(pk=task_id))
    if task.status == ImportTask.Status.FAILED:
        raise JobFailed(task.message or "L'import a échoué.")


def queue_reindex(*, user=None):
    from rhia.jobs.models import Job
    from rhia.jobs.services import enqueue

    return enqueue(Job.Kind.REINDEX, user=user)


def run_reindex_job(job, lease) -> None:
    from rhia.search.indexing import reindex_all

    count = reindex_all()
    lease.update(params={**job.params, "indexed": count})
