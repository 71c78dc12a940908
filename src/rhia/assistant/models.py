"""Cases: one staff question handled from intake to a validated, labelled export.

Contents (pseudonymized question, sources, drafts, final text) are purged after
``settings.RHIA_CONTENT_RETENTION_DAYS``; the metadata (reference, status, use case, data class,
unchanged share, validator, dates) is kept. Personal data never sits in clear in these tables: the
question and texts are stored pseudonymized, the mapping lives in the case's privacy vault.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rhia.assistant import states


class Case(models.Model):
    class Status(models.TextChoices):
        DRAFT = states.DRAFT, "Brouillon"
        PENDING = states.PENDING, "En validation"
        VALIDATED = states.VALIDATED, "Validé"
        EXPORTED = states.EXPORTED, "Exporté"
        ABANDONED = states.ABANDONED, "Abandonné"

    class Stage(models.TextChoices):
        REVIEW = states.REVIEW, "Vérification des données personnelles"
        SOURCES = states.SOURCES, "Choix des sources"
        DRAFTS = states.DRAFTS, "Choix d'une proposition"
        EDIT = states.EDIT, "Rédaction"
        DONE = states.DONE, "Terminé"

    reference = models.CharField("référence", max_length=32, unique=True, null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assistant_cases",
        verbose_name="gestionnaire",
    )
    structure = models.ForeignKey(
        "accounts.Structure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="structure",
    )
    use_case = models.ForeignKey(
        "policy.UseCase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name="cas d'usage",
    )
    status = models.CharField(
        "statut", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    stage = models.CharField("étape", max_length=20, choices=Stage.choices, default=Stage.REVIEW)
    idempotency_key = models.CharField("clé d'idempotence", max_length=64, blank=True, default="")

    # Intake (pseudonymized once the vault exists; the raw text is only ever rebuilt from the vault).
    title = models.CharField("objet", max_length=200, blank=True)
    source_kind = models.CharField("forme de la demande", max_length=20, default="text")
    attachment_names = models.JSONField("pièces jointes", default=list, blank=True)
    intake_warnings = models.JSONField("avertissements à la réception", default=list, blank=True)
    question = models.TextField("question pseudonymisée", blank=True)
    data_class = models.CharField("classe de données", max_length=20, blank=True)
    entity_labels = models.JSONField("types de données détectées", default=dict, blank=True)
    sensitive_categories = models.JSONField("catégories sensibles", default=list, blank=True)
    review_confirmed_at = models.DateTimeField("données vérifiées le", null=True, blank=True)
    refusal = models.JSONField("refus du garde-fou", default=dict, blank=True)
    intent = models.JSONField("nature de la demande", default=dict, blank=True)

    # Situation of the person concerned (non-identifying facts, rhia.drafting.situation.Situation.as_dict):
    # versant, statut, contrat, corps family, where each came from; confirmed by the agent at the sources step.
    situation = models.JSONField("situation de la personne", default=dict, blank=True)
    situation_confirmed_at = models.DateTimeField("situation confirmée le", null=True, blank=True)

    # Sources: [{passage_id, document_id, title, section_path, url, snippet, text, score, versants,
    # statuts, fit, selected, added}] (rhia.drafting.passages.Passage.as_dict plus the agent's choice)
    sources = models.JSONField("sources", default=list, blank=True)

    # Drafts and choice.
    generation_started_at = models.DateTimeField(null=True, blank=True)
    drafts_generated_at = models.DateTimeField(null=True, blank=True)
    # Passage ids in the order given to the model: a draft's "[n]" cites draft_passages[n - 1].
    draft_passages = models.JSONField("passages numérotés", default=list, blank=True)
    provider = models.CharField("fournisseur", max_length=200, blank=True)
    model = models.CharField("modèle", max_length=200, blank=True)
    chosen_draft = models.PositiveSmallIntegerField("proposition choisie", null=True, blank=True)
    chosen_at = models.DateTimeField("choix fait le", null=True, blank=True)

    # Final text (pseudonymized, sanitised markup and its plain text) and the measure of edits.
    final_html = models.TextField("texte final (mise en forme)", blank=True)
    final_text = models.TextField("texte final", blank=True)
    unchanged_share = models.FloatField("part reprise telle quelle de l'IA", null=True, blank=True)
    unedited = models.BooleanField("proposition reprise sans modification", default=False)

    # Validation and export.
    submitted_at = models.DateTimeField("soumis le", null=True, blank=True)
    validator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="validated_cases",
        verbose_name="validé par",
    )
    validated_at = models.DateTimeField("validé le", null=True, blank=True)
    validation_comment = models.TextField("commentaire du valideur", blank=True)
    # Stale or replaced sources the validator confirmed having checked: [{document_id, modified, note}].
    sources_checked = models.JSONField("sources anciennes vérifiées", default=list, blank=True)
    exports = models.JSONField("exports", default=list, blank=True)  # [{format, sha256, filename, at}]
    exported_at = models.DateTimeField("exporté le", null=True, blank=True)

    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    content_purged_at = models.DateTimeField("contenu purgé le", null=True, blank=True)

    class Meta:
        verbose_name = "cas"
        verbose_name_plural = "cas"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="assistant_case_unique_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"cas {self.pk}"

    @property
    def state(self) -> states.State:
        return states.State(self.status, self.stage)

    @property
    def data_class_label(self) -> str:
        """« Personnelle (pseudonymisée) »: the class of the data, worded once in llm.classes."""
        from rhia.llm.classes import data_class_label

        return data_class_label(self.data_class)

    @property
    def second_validation(self) -> bool:
        return bool(self.use_case and self.use_case.requires_second_validation)

    @property
    def selected_sources(self) -> list[dict]:
        return [source for source in self.sources if source.get("selected")]

    @property
    def chosen(self) -> CaseDraft | None:
        if self.chosen_draft is None:
            return None
        return self.drafts.filter(index=self.chosen_draft).first()

    @property
    def started_from_none(self) -> bool:
        return self.chosen_at is not None and self.chosen_draft is None


class CaseDraft(models.Model):
    """One AI proposal, kept as generated (pseudonymized) next to the agent's final text."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="drafts")
    index = models.PositiveSmallIntegerField("numéro")
    style = models.CharField("style", max_length=60, blank=True)
    title = models.CharField("intitulé", max_length=200, blank=True)
    text = models.TextField("texte proposé", blank=True)
    citations = models.JSONField("citations", default=list, blank=True)  # document ids
    citation_numbers = models.JSONField("numéros cités", default=list, blank=True)
    verified = models.BooleanField("citations vérifiées", default=False)
    warnings = models.JSONField("avertissements", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "proposition"
        ordering = ["case", "index"]
        constraints = [models.UniqueConstraint(fields=["case", "index"], name="assistant_draft_unique_index")]

    def __str__(self) -> str:
        return f"{self.case} — proposition {self.index + 1}"
