"""Usage-kit services: charter acknowledgment (the contract other apps call) and the document workflow.

Other apps call ``has_acknowledged_current_charter(user)`` and ``acknowledge_current_charter(user)``.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.utils import timezone

from rhia.audit.journal import record
from rhia.governance.models import Acknowledgment, DocumentVersion, KitDocument
from rhia.governance.versioning import next_version

Status = DocumentVersion.Status


class GovernanceError(Exception):
    """A refused governance action; ``message`` is French and meant for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def current_charter() -> DocumentVersion | None:
    """The published version of the charter, or None when no charter has been published yet."""
    return (
        DocumentVersion.objects.filter(document__kind=KitDocument.Kind.CHARTER, status=Status.PUBLISHED)
        .select_related("document")
        .first()
    )


def acknowledgments_of_current_charter():
    """The acknowledgments that cover the published charter: an acknowledgment holds for every minor
    version of its major version, never across majors. The one place this rule is written."""
    current_major = DocumentVersion.objects.filter(
        document__kind=KitDocument.Kind.CHARTER, status=Status.PUBLISHED
    ).values("major")[:1]
    return Acknowledgment.objects.filter(
        version__document__kind=KitDocument.Kind.CHARTER, version__major=Subquery(current_major)
    )


def has_acknowledged_current_charter(user) -> bool:
    """True when ``user`` acknowledged the current charter's major version.

    False for anonymous users and when no charter is published (nothing can be acknowledged yet:
    an administrator publishes one, ``rhia demo`` seeds version 1). Two indexed queries; called
    before every assistant request by the access gate (see bench/bench_governance.py).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    # One query: one charter document (constraint) with at most one published version (constraint).
    return acknowledgments_of_current_charter().filter(user=user).exists()


def acknowledge_current_charter(user) -> Acknowledgment:
    """Record that ``user`` read and accepts the current charter (journal "governance.charter_acknowledged").

    Idempotent: acknowledging the same version twice returns the existing acknowledgment.
    Raises GovernanceError when no charter is published.
    """
    if not getattr(user, "is_authenticated", False):
        raise GovernanceError("Connectez-vous pour prendre connaissance de la charte.")
    charter = current_charter()
    if charter is None:
        raise GovernanceError("Aucune charte n'est encore publiée : il n'y a rien à signer pour l'instant.")
    existing = Acknowledgment.objects.filter(user=user, version=charter).first()
    if existing:
        return existing
    with transaction.atomic():
        ack = Acknowledgment.objects.create(user=user, version=charter)
        record(
            "governance.charter_acknowledged",
            actor=user,
            obj=charter,
            payload={"document": charter.document.slug, "version": charter.label},
        )
    return ack


# --- document workflow: draft -> validated by direction -> published ----------------------------


def _locked(version: DocumentVersion, status: str, refusal: str) -> DocumentVersion:
    """The version re-read under a row lock (inside the caller's transaction), or ``GovernanceError``
    with ``refusal`` when it is no longer in ``status`` (another administrator moved it meanwhile)."""
    locked = DocumentVersion.objects.select_for_update().select_related("document").get(pk=version.pk)
    if locked.status != status:
        raise GovernanceError(refusal)
    return locked


def _journal(event: str, version: DocumentVersion, actor, **extra: Any) -> None:
    payload = {"document": version.document.slug, "version": version.label, **extra}
    record(event, actor=actor, obj=version, payload=payload)


def create_draft(
    document: KitDocument, *, body: str, major: bool, change_summary: str, actor
) -> DocumentVersion:
    if not body.strip():
        raise GovernanceError("Le texte du document est vide.")
    if document.versions.filter(status__in=[Status.DRAFT, Status.VALIDATED]).exists():
        raise GovernanceError(
            "Une version de ce document est déjà en préparation : modifiez-la ou publiez-la avant d'en créer une autre."
        )
    number = next_version(document.versions.values_list("major", "minor"), major)
    try:
        with transaction.atomic():
            version = DocumentVersion.objects.create(
                document=document,
                major=number[0],
                minor=number[1],
                body=body,
                change_summary=change_summary.strip(),
                created_by=actor,
            )
            _journal("governance.document_drafted", version, actor)
    except IntegrityError as error:  # a concurrent draft took the number
        raise GovernanceError("Une autre version vient d'être créée : rechargez la page.") from error
    return version


def update_draft(version: DocumentVersion, *, body: str, change_summary: str, actor) -> DocumentVersion:
    if version.status != Status.DRAFT:
        raise GovernanceError("Seul un brouillon peut être modifié ; cette version est figée.")
    if not body.strip():
        raise GovernanceError("Le texte du document est vide.")
    version.body = body
    version.change_summary = change_summary.strip()
    version.save(update_fields=["body", "change_summary"])
    return version


def validate_version(version: DocumentVersion, *, actor, note: str = "") -> DocumentVersion:
    """Direction validation (permission "governance.direction_validate", checked by the caller)."""
    with transaction.atomic():
        version = _locked(version, Status.DRAFT, "Seul un brouillon peut être validé par la direction.")
        version.status = Status.VALIDATED
        version.validated_at = timezone.now()
        version.validated_by = actor
        version.validation_note = note.strip()[:300]
        version.save()
        _journal("governance.document_validated", version, actor)
    return version


def return_to_draft(version: DocumentVersion, *, actor) -> DocumentVersion:
    """The direction sends a validated-but-unpublished version back for changes."""
    with transaction.atomic():
        version = _locked(
            version,
            Status.VALIDATED,
            "Seule une version validée et non publiée peut être renvoyée en brouillon.",
        )
        version.status = Status.DRAFT
        version.validated_at = None
        version.validated_by = None
        version.save()
        _journal("governance.document_returned", version, actor)
    return version


def publish_version(version: DocumentVersion, *, actor) -> DocumentVersion:
    """Publish a validated version; the previously published one becomes "remplacée"."""
    with transaction.atomic():
        version = _locked(
            version, Status.VALIDATED, "Une version doit être validée par la direction avant d'être publiée."
        )
        previous = version.document.versions.filter(status=Status.PUBLISHED).first()
        if previous is not None:
            previous.status = Status.SUPERSEDED
            previous.save(update_fields=["status"])
        version.status = Status.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = actor
        version.save()
        _journal(
            "governance.document_published",
            version,
            actor,
            new_acknowledgment_required=bool(
                version.document.kind == KitDocument.Kind.CHARTER
                and (previous is None or previous.major != version.major)
            ),
        )
    return version
