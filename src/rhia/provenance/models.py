"""Layer 3 of labelling: the server record of every export, keyed by file hash and by text fingerprint."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U


def new_code() -> str:
    """A public verification code such as RHIA-7K3F-9Q2M (40 random bits)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"RHIA-{chars[:4]}-{chars[4:]}"


class ExportRecord(models.Model):
    """Kept after the case content is purged: it holds no answer text and no title (which may name
    the staff member), only fingerprints, the case reference, the validator and the AI use."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word (DOCX)"
        PDF = "pdf", "PDF"
        EML = "eml", "Courriel (.eml)"

    code = models.CharField("code de vérification", max_length=20, unique=True, default=new_code)
    created_at = models.DateTimeField("exporté le", auto_now_add=True, db_index=True)
    format = models.CharField("format", max_length=8, choices=Format.choices)
    filename = models.CharField("nom du fichier", max_length=200)
    size = models.PositiveIntegerField("taille (octets)", default=0)
    sha256 = models.CharField("empreinte SHA-256 du fichier", max_length=64, db_index=True)
    text_fingerprint = models.CharField("empreinte du texte du document", max_length=64, db_index=True)
    body_fingerprint = models.CharField("empreinte du texte de la réponse", max_length=64, db_index=True)
    case_reference = models.CharField("référence du dossier", max_length=64, db_index=True)
    validator_name = models.CharField("validé par", max_length=200)
    validator_role = models.CharField("fonction du valideur", max_length=200, blank=True)
    validated_at = models.DateTimeField("validé le")
    agent_name = models.CharField("préparé par", max_length=200, blank=True)
    ai_use = models.CharField("usage de l'IA", max_length=500)
    edited = models.BooleanField("texte modifié par l'agent", default=True)
    unchanged_share = models.FloatField("part du texte reprise telle quelle de l'IA", default=0.0)
    drafts_count = models.PositiveSmallIntegerField("propositions générées", default=0)
    provider = models.CharField("fournisseur de modèle", max_length=200, blank=True)
    model = models.CharField("modèle", max_length=200, blank=True)
    sources = models.JSONField("sources", default=list, blank=True)
    mention = models.TextField("mention visible")
    dinum_label = models.BooleanField("mention DINUM ajoutée", default=False)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="exporté par",
    )

    class Meta:
        verbose_name = "export enregistré"
        verbose_name_plural = "exports enregistrés"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} — {self.case_reference} ({self.format})"

    def summary(self) -> dict:
        """What verification discloses about an export (no answer text)."""
        return {
            "code": self.code,
            "case_reference": self.case_reference,
            "format": self.format,
            "filename": self.filename,
            "exported_at": self.created_at.isoformat(timespec="seconds") if self.created_at else None,
            "validator": self.validator_name,
            "validator_role": self.validator_role,
            "validated_at": self.validated_at.isoformat(timespec="seconds"),
            "ai_use": self.ai_use,
            "edited": self.edited,
            "unchanged_share": self.unchanged_share,
            "provider": self.provider,
            "model": self.model,
            "mention": self.mention,
            "sources": self.sources,
        }
