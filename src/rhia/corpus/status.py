"""What the corpus holds, per source (shared by the sources page, the API and ``rhia corpus status``)."""

from __future__ import annotations

from django.db.models import Count

from rhia.corpus.models import Document, ImportTask, Passage, Source


def corpus_status() -> dict:
    from rhia.search.models import IndexedPassage

    passages = dict(Passage.objects.values_list("document__source").annotate(n=Count("id")))
    sources = [
        {
            "slug": s.slug,
            "name": s.name,
            "kind": s.kind,
            "documents": s.n_docs,
            "passages": passages.get(s.id, 0),
            "last_import_at": s.last_import_at.isoformat() if s.last_import_at else None,
        }
        for s in Source.objects.annotate(n_docs=Count("documents")).order_by("name")
    ]
    return {
        "sources": sources,
        "documents": Document.objects.count(),
        "passages": Passage.objects.count(),
        "indexed": IndexedPassage.objects.count(),
        "running_tasks": ImportTask.objects.filter(
            status__in=[ImportTask.Status.PENDING, ImportTask.Status.RUNNING]
        ).count(),
    }
