"""The use-case register (cadre d'usage de l'IA en RH) and administrator-editable guard rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models

OPERATIONAL_USE_CASE = "reponse-question-agent"


class Category(models.TextChoices):
    DESIRABLE = "souhaitable", "Souhaitable"
    POSSIBLE = "envisageable", "Envisageable sous conditions"
    FORBIDDEN = "interdit", "Interdit"


class Status(models.TextChoices):
    PROPOSED = "propose", "Proposé"
    PILOT = "pilote", "En pilote"
    GENERALISED = "generalise", "Généralisé"
    SUSPENDED = "suspendu", "Suspendu"
    WITHDRAWN = "retire", "Retiré"


SELECTABLE_STATUSES = (Status.PILOT, Status.GENERALISED)


class AIActQualification(models.TextChoices):
    PROHIBITED = "interdit", "Pratique interdite (art. 5)"
    HIGH_RISK = "haut_risque", "Haut risque (annexe III)"
    LIMITED = "limite", "Risque limité (transparence)"
    MINIMAL = "minimal", "Risque minimal"


class DPIAStatus(models.TextChoices):
    NOT_REQUIRED = "non_requise", "Non requise"
    TODO = "a_realiser", "À réaliser"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"


class UseCaseQuerySet(models.QuerySet):
    def selectable(self) -> UseCaseQuerySet:
        """Use cases an agent may select: in pilot or generalised, never forbidden."""
        return self.filter(status__in=SELECTABLE_STATUSES).exclude(category=Category.FORBIDDEN)

    def forbidden(self) -> UseCaseQuerySet:
        return self.filter(category=Category.FORBIDDEN)


class UseCase(models.Model):
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    name = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    category = models.CharField("classe", max_length=20, choices=Category.choices)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.PROPOSED)
    directive_may = models.TextField("vous pouvez", blank=True)
    directive_must_not = models.TextField("vous ne devez pas", blank=True)
    directive_must_check = models.TextField("vous devez vérifier", blank=True)
    requires_second_validation = models.BooleanField("validation par une seconde personne", default=False)
    data_classes = models.JSONField("classes de données autorisées", default=list, blank=True)
    legal_basis = models.TextField("base légale", blank=True)
    ai_act_qualification = models.CharField(
        "qualification AI Act",
        max_length=20,
        choices=AIActQualification.choices,
        default=AIActQualification.MINIMAL,
    )
    ai_act_justification = models.TextField("justification de la qualification", blank=True)
    dpia_status = models.CharField(
        "AIPD", max_length=20, choices=DPIAStatus.choices, default=DPIAStatus.NOT_REQUIRED
    )
    dpia_url = models.URLField("lien vers l'AIPD", blank=True)
    staff_rep_informed_on = models.DateField(
        "information des représentants du personnel", null=True, blank=True
    )
    direction_validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="validé par (direction)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="validated_use_cases",
    )
    direction_validated_at = models.DateTimeField("date de validation (direction)", null=True, blank=True)
    review_date = models.DateField("clause de revoyure", null=True, blank=True)
    charter_article = models.CharField("article de la charte", max_length=120, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    objects = UseCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "cas d'usage"
        verbose_name_plural = "cas d'usage"
        ordering = ["category", "order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def data_class_labels(self) -> list[str]:
        """The allowed data classes in words (« Personnelle (pseudonymisée) »), as llm.classes words them."""
        from rhia.llm.classes import data_class_label

        return [data_class_label(code) for code in self.data_classes or []]

    @property
    def is_selectable(self) -> bool:
        return self.status in SELECTABLE_STATUSES and self.category != Category.FORBIDDEN


class GuardRule(models.Model):
    """An extra guard rule added by an administrator (merged with the rules shipped in rules.json)."""

    rule_id = models.SlugField("identifiant", max_length=80, unique=True)
    category = models.CharField("catégorie d'usage interdit", max_length=40)
    description = models.CharField("description", max_length=300)
    use_case = models.ForeignKey(
        UseCase, verbose_name="cas d'usage", null=True, blank=True, on_delete=models.SET_NULL
    )
    charter_article = models.CharField("article de la charte", max_length=120, blank=True)
    patterns = models.JSONField("motifs (expressions régulières)", default=list)
    requires = models.JSONField("motifs requis en plus (un au moins)", default=list, blank=True)
    enabled = models.BooleanField("active", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "règle du garde-fou"
        verbose_name_plural = "règles du garde-fou"
        ordering = ["rule_id"]

    def __str__(self) -> str:
        return self.rule_id
