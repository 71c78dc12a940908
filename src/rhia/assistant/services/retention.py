"""Retention: case contents are purged after RHIA_CONTENT_RETENTION_DAYS; the metadata stays."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services.shielding import forget
from rhia.audit.journal import record


def _neutral_export_names(case: Case) -> None:
    """Export records keep their proof (hashes, code), never a file name that could name someone."""
    from rhia.provenance.models import ExportRecord

    for record_ in ExportRecord.objects.filter(case_reference=case.reference).only("pk", "format"):
        ExportRecord.objects.filter(pk=record_.pk).update(
            filename=f"{case.reference}-reponse.{record_.format}"
        )


def purge_expired_content(*, now: datetime | None = None, days: int | None = None) -> int:
    """Blank the contents of cases last modified before the retention limit; returns how many."""
    now = now or timezone.now()
    days = settings.RHIA_CONTENT_RETENTION_DAYS if days is None else days
    limit = now - timedelta(days=days)
    purged = 0
    for case in Case.objects.filter(updated_at__lt=limit, content_purged_at__isnull=True).iterator():
        with transaction.atomic():
            forget(case)
            CaseDraft.objects.filter(case=case).update(text="", warnings=[])
            sources = [
                {
                    "passage_id": s.get("passage_id"),
                    "document_id": s.get("document_id"),
                    "selected": s.get("selected"),
                }
                for s in case.sources
            ]
            Case.objects.filter(pk=case.pk).update(
                question="",
                title="",
                final_html="",
                final_text="",
                validation_comment="",
                sources=sources,
                intake_warnings=[],
                attachment_names=[],
                exports=[
                    {"format": e.get("format"), "sha256": e.get("sha256"), "at": e.get("at")}
                    for e in case.exports
                ],
                intent={},
                content_purged_at=now,
            )
            _neutral_export_names(case)
            purged += 1
    if purged:
        record("assistant.content_purged", payload={"cases": purged, "days": days})
    return purged


def run_purge_job(job, lease) -> None:
    """The content purge as a background job (``rhia case purge --background``, or a scheduler)."""
    count = purge_expired_content(days=job.params.get("days"))
    lease.update(params={**job.params, "purged": count})
