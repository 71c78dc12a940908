"""Misuse reports and their follow-up by the ethics correspondents and commission."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReportCategory(models.TextChoices):
    FORBIDDEN_USE = "usage_interdit", "Usage interdit ou contournement du cadre"
    WRONG_OUTPUT = "reponse_erronee", "Réponse erronée, non sourcée ou trompeuse"
    PERSONAL_DATA = "donnees_personnelles", "Donnée personnelle exposée ou mal protégée"
    BIAS = "biais", "Biais ou traitement discriminatoire"
    UNJUSTIFIED_REFUSAL = "refus_injustifie", "Refus injustifié de l'outil"
    LABELLING = "mention_ia", "Document sans mention de l'usage de l'IA"
    OTHER = "autre", "Autre problème"


class ReportStatus(models.TextChoices):
    RECEIVED = "recu", "Reçu"
    ANALYSIS = "en_analyse", "En analyse"
    COMMISSION = "commission", "Transmis à la commission"
    CLOSED_ACTION = "clos_suite", "Clos avec suite"
    CLOSED_NO_ACTION = "clos_sans_suite", "Clos sans suite"


class MisuseReport(models.Model):
    """A report. When ``anonymous``, nothing identifies the reporter: no user, no IP, no session.

    The structure is kept (so the report reaches its correspondents), and the optional case or
    refusal links are dropped for anonymous reports because they would point back to a person.
    """

    structure = models.ForeignKey("accounts.Structure", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("catégorie", max_length=30, choices=ReportCategory.choices)
    description = models.TextField("description")
    anonymous = models.BooleanField("anonyme", default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="misuse_reports",
        verbose_name="déclarant",
    )
    case_reference = models.CharField("dossier concerné", max_length=64, blank=True)
    refusal_seq = models.BigIntegerField("refus concerné (n° du journal)", null=True, blank=True)
    refusal_category = models.CharField("catégorie du refus", max_length=60, blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    created_at = models.DateTimeField("reçu le", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    reply = models.TextField("réponse au déclarant", blank=True)
    commission_opinion = models.TextField("avis de la commission", blank=True)
    commission_recommendations = models.TextField("recommandations de la commission", blank=True)
    commission_at = models.DateTimeField("avis rendu le", null=True, blank=True)
    commission_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | Q(reporter__isnull=True, case_reference="", refusal_seq__isnull=True),
                name="governance_anonymous_report_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"Signalement n° {self.pk}"


class ReportUpdate(models.Model):
    """One step of the follow-up (status change, note) by a correspondent or the commission."""

    report = models.ForeignKey(MisuseReport, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField("statut", max_length=20, choices=ReportStatus.choices)
    note = models.TextField("note interne", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "suivi de signalement"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report} — {self.get_status_display()}"
