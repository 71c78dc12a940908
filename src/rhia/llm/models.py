"""Provider records: which model endpoints exist, how far they are trusted, which data they may receive."""

from __future__ import annotations

from django.db import models

from rhia.llm import classes


class Provider(models.Model):
    """A model endpoint approved by the administration (edited in the Django admin).

    Secrets are never stored here: ``api_key_env`` names the environment variable that holds the key
    (``RHIA_PROVIDER_KEY_…`` only); ``clean`` applies validation.problems to every edit.
    """

    name = models.CharField("nom", max_length=120, unique=True)
    kind = models.CharField("type", max_length=20, choices=list(classes.KINDS.items()))
    trust_level = models.CharField(
        "niveau de confiance", max_length=20, choices=list(classes.TRUST_LEVELS.items())
    )
    data_classes = models.JSONField(
        "classes de données acceptées",
        default=list,
        blank=True,
        help_text="public, internal, personal, sensitive",
    )
    purposes = models.JSONField(
        "usages", default=list, blank=True, help_text="generation, embedding, reranking"
    )
    enabled = models.BooleanField("activé", default=True)
    priority = models.PositiveIntegerField(
        "priorité", default=100, help_text="Le plus petit nombre est choisi en premier."
    )
    base_url = models.URLField("URL de base (API compatible OpenAI)", blank=True)
    model = models.CharField(
        "modèle", max_length=200, blank=True, help_text="Vide : modèle par défaut du fournisseur."
    )
    api_key_env = models.CharField(
        "variable d'environnement de la clé",
        max_length=100,
        blank=True,
        default="",
        help_text="RHIA_PROVIDER_KEY_… : la clé reste dans l'environnement du serveur.",
    )
    timeout_seconds = models.FloatField("délai maximal (s)", default=60.0)
    max_retries = models.PositiveSmallIntegerField("nouvelles tentatives", default=2)
    description = models.TextField("description", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "name"]
        verbose_name = "fournisseur de modèle"
        verbose_name_plural = "fournisseurs de modèles"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from rhia.llm.validation import problems

        errors = problems(
            kind=self.kind,
            trust_level=self.trust_level,
            data_classes=self.data_classes,
            base_url=self.base_url,
            api_key_env=self.api_key_env,
        )
        if errors:
            raise ValidationError(errors)

    def accepts(self, data_class: str, purpose: str = classes.GENERATION) -> bool:
        # The trust rule is checked again here: a record written around the form never gets the data.
        return (
            self.enabled
            and data_class in (self.data_classes or [])
            and purpose in (self.purposes or [])
            and classes.trust_allows(self.trust_level, data_class)
        )

    @property
    def model_label(self) -> str:
        if self.model:
            return self.model
        if self.kind == classes.EMBEDDED:
            from rhia.llm.model_files import MODEL_LABEL

            return MODEL_LABEL
        return ""
