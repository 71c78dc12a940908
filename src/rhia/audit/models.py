"""The journal table. Rows are only ever inserted (see journal.record)."""

from __future__ import annotations

from django.db import models


class JournalEntry(models.Model):
    seq = models.BigIntegerField("numéro", unique=True)
    created_at = models.DateTimeField("horodatage", db_index=True)
    actor_id = models.BigIntegerField("utilisateur", null=True, blank=True)
    actor_roles = models.CharField("rôles", max_length=200, blank=True)
    structure_id = models.BigIntegerField("structure", null=True, blank=True)
    action = models.CharField("action", max_length=80, db_index=True)
    object_type = models.CharField("type d'objet", max_length=80, blank=True)
    object_id = models.CharField("identifiant d'objet", max_length=80, blank=True)
    # Pseudonymized content only; never raw personal data.
    payload = models.JSONField("contenu", default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "entrées du journal"
        ordering = ["seq"]

    def hashed_fields(self) -> dict:
        return {
            "seq": self.seq,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_roles": self.actor_roles,
            "structure_id": self.structure_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "payload": self.payload,
        }
