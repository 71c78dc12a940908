"""The usage kit: versioned Markdown documents and charter acknowledgments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class KitDocument(models.Model):
    """One document of the kit (charter, ethics referential, user guide); its text lives in versions."""

    class Kind(models.TextChoices):
        CHARTER = "charte", "Charte d'utilisation des outils d'IA"
        ETHICS = "referentiel", "Référentiel éthique de l'IA en RH"
        GUIDE = "guide", "Guide d'utilisation de l'outil"

    slug = models.SlugField("identifiant", max_length=80, unique=True)
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    title = models.CharField("titre", max_length=200)
    summary = models.CharField("résumé", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "document du kit d'usage"
        verbose_name_plural = "documents du kit d'usage"
        ordering = ["order", "title"]
        constraints = [
            # One charter: it is the document agents acknowledge.
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="charte"), name="governance_one_charter"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def published_version(self) -> DocumentVersion | None:
        return self.versions.filter(status=DocumentVersion.Status.PUBLISHED).first()


class DocumentVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "brouillon", "Brouillon"
        VALIDATED = "valide", "Validé par la direction"
        PUBLISHED = "publie", "Publié"
        SUPERSEDED = "remplace", "Remplacé"

    document = models.ForeignKey(KitDocument, on_delete=models.CASCADE, related_name="versions")
    major = models.PositiveIntegerField("version majeure")
    minor = models.PositiveIntegerField("version mineure")
    body = models.TextField("texte (Markdown)")
    change_summary = models.CharField("résumé des changements", max_length=300, blank=True)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validation_note = models.CharField("mention de validation", max_length=300, blank=True)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "version de document"
        verbose_name_plural = "versions de documents"
        ordering = ["document", "-major", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["document", "major", "minor"], name="governance_unique_version"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="publie"), name="governance_one_published_version"
            ),
            models.CheckConstraint(
                condition=Q(status="brouillon") | Q(validated_at__isnull=False),
                name="governance_validated_before_publication",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} v{self.label}"

    @property
    def label(self) -> str:
        return f"{self.major}.{self.minor}"


class Acknowledgment(models.Model):
    """An agent's acknowledgment of one charter version (valid for every minor version of its major)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_acknowledgments"
    )
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="acknowledgments")
    acknowledged_at = models.DateTimeField("prise de connaissance le", auto_now_add=True)

    class Meta:
        verbose_name = "prise de connaissance de la charte"
        verbose_name_plural = "prises de connaissance de la charte"
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="governance_one_ack_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.version}"
