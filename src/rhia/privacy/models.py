"""Pseudonymization vaults (one per case, encrypted at rest) and agents' corrections."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models, transaction

from rhia.privacy import crypto


class Vault(models.Model):
    """placeholder -> value mapping of one object (a case...), stored only as a Fernet token."""

    object_type = models.CharField("type d'objet", max_length=100, blank=True)
    object_id = models.CharField("identifiant d'objet", max_length=100, blank=True)
    ciphertext = models.TextField("correspondances chiffrées", blank=True, default="")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "coffre de pseudonymisation"
        verbose_name_plural = "coffres de pseudonymisation"
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id"],
                condition=~models.Q(object_type=""),
                name="privacy_vault_one_per_object",
            )
        ]

    def __str__(self) -> str:
        return f"Coffre {self.object_type} {self.object_id}".strip()

    @staticmethod
    def _key_of(obj) -> tuple[str, str]:
        if isinstance(obj, tuple):
            object_type, object_id = obj
            return str(object_type), str(object_id)
        if obj.pk is None:
            raise ValueError("L'objet doit être enregistré avant de lui associer un coffre.")
        return obj._meta.label_lower, str(obj.pk)

    @classmethod
    def for_object(cls, obj) -> Vault:
        """The vault of a saved model instance or of a ``(type, id)`` pair, created when missing."""
        object_type, object_id = cls._key_of(obj)
        with transaction.atomic():
            vault, _ = cls.objects.get_or_create(object_type=object_type, object_id=object_id)
        return vault

    @classmethod
    def ephemeral(cls) -> Vault:
        """An unsaved vault for one request (gateway): ``store`` keeps the mapping in memory only."""
        vault = cls()
        vault._ephemeral = True
        return vault

    def mapping(self) -> dict[str, str]:
        cached = getattr(self, "_mapping_cache", None)
        if cached is not None:
            return dict(cached)
        if not self.ciphertext:
            return {}
        data = json.loads(crypto.decrypt(self.ciphertext).decode("utf-8"))
        self._mapping_cache = data
        return dict(data)

    def store(self, mapping: dict[str, str]) -> None:
        """Encrypt and save ``mapping`` (it replaces the previous one: pass the extended mapping)."""
        self._mapping_cache = dict(mapping)
        self.ciphertext = crypto.encrypt(
            json.dumps(mapping, ensure_ascii=False, sort_keys=True).encode("utf-8")
        )
        if not getattr(self, "_ephemeral", False):
            self.save()


class Correction(models.Model):
    """An agent's correction of the detection (kept for evaluation). No raw value in clear:
    the value is an HMAC, the text a SHA-256 fingerprint; the span and the text themselves
    are kept only inside ``ciphertext`` (Fernet) so the DPO can rebuild an evaluation set."""

    class Kind(models.TextChoices):
        ADDED = "added", "Donnée ajoutée (oubli de la détection)"
        REMOVED = "removed", "Détection retirée (faux positif)"

    vault = models.ForeignKey(
        Vault, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    label = models.CharField("catégorie", max_length=40)
    recognizer = models.CharField("détecteur en cause", max_length=40, blank=True)
    start = models.PositiveIntegerField("début")
    end = models.PositiveIntegerField("fin")
    value_hmac = models.CharField("empreinte de la valeur", max_length=64)
    text_sha256 = models.CharField("empreinte du texte", max_length=64, db_index=True)
    ciphertext = models.TextField("contexte chiffré", blank=True, default="")
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "correction de détection"
        verbose_name_plural = "corrections de détection"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vault", "kind", "start", "end", "label", "text_sha256"],
                name="privacy_correction_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.label}"

    def context(self) -> dict:
        """Decrypted {"text", "start", "end", "label"} (for evaluation exports only)."""
        if not self.ciphertext:
            return {}
        return json.loads(crypto.decrypt(self.ciphertext).decode("utf-8"))
