"""JSON API of the corpus: status and import tasks (progress)."""

from __future__ import annotations

from ninja import Router

from rhia.accounts.authz import api_require
from rhia.corpus.models import ImportTask
from rhia.corpus.status import corpus_status

router = Router(tags=["Sources documentaires"])


@router.get("/status", summary="État du corpus par source")
@api_require("corpus.manage")
def status(request):
    return corpus_status()


@router.get("/tasks", summary="Derniers imports et leur avancement")
@api_require("corpus.manage")
def tasks(request):
    return [
        {
            "id": t.pk,
            "label": t.label,
            "status": t.status,
            "total": t.total,
            "processed": t.processed,
            "percent": t.percent,
            "created": t.created,
            "updated": t.updated,
            "unchanged": t.unchanged,
            "skipped": t.skipped,
            "failed": t.failed,
            "errors": t.errors,
            "message": t.message,
        }
        for t in ImportTask.objects.all()[:50]
    ]
