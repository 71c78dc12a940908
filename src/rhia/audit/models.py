"""The journal tables. Rows are only ever inserted (see journal.record); the database refuses
UPDATE, DELETE and TRUNCATE and out-of-sequence INSERTs (triggers of migrations 0003-0004) except
under the purge permit (permit.py)."""

from __future__ import annotations

from django.db import models

from rhia.audit import chain


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
    payload_sha256 = models.CharField("empreinte du contenu", max_length=64, default="")
    metadata_sha256 = models.CharField("empreinte des métadonnées", max_length=64, default="")
    content_purged_at = models.DateTimeField("contenu purgé le", null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    # Fingerprint of the RHIA_AUDIT_KEY whose HMAC is entry_hash (null: legacy unkeyed entry).
    key_id = models.CharField("clé", max_length=16, null=True, blank=True)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "entrées du journal"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"n° {self.seq} — {self.action}"

    def hashed_fields(self) -> list:
        return chain.hashed_fields(
            self.seq,
            chain.timestamp(self.created_at),
            self.actor_id,
            self.actor_roles,
            self.structure_id,
            self.action,
            self.object_type,
            self.object_id,
            self.payload_sha256,
            self.metadata_sha256,
            self.key_id,
        )

    def seal(self, previous_hash: str) -> None:
        """Set ``previous_hash`` and ``entry_hash`` with the current journal key."""
        from rhia.audit import keys

        self.key_id, key = keys.current()
        self.previous_hash = previous_hash
        self.entry_hash = chain.entry_hash(previous_hash, self.hashed_fields(), key)

    def as_export(self) -> dict:
        return {
            "seq": self.seq,
            "created_at": chain.timestamp(self.created_at),
            "actor_id": self.actor_id,
            "actor_roles": self.actor_roles,
            "structure_id": self.structure_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "payload": self.payload,
            "payload_sha256": self.payload_sha256,
            "metadata_sha256": self.metadata_sha256,
            "content_purged": self.content_purged_at is not None,
            "previous_hash": self.previous_hash,
            "entry_hash": self.entry_hash,
            "key_id": self.key_id,
        }


class Checkpoint(models.Model):
    """Signed summary (HMAC-SHA256) of a range of entries removed by the retention purge."""

    first_seq = models.BigIntegerField("premier numéro", unique=True)
    last_seq = models.BigIntegerField("dernier numéro", unique=True)
    previous_hash = models.CharField(max_length=64)
    last_hash = models.CharField(max_length=64)
    range_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField("créé le")
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = "point de contrôle du journal"
        verbose_name_plural = "points de contrôle du journal"
        ordering = ["first_seq"]

    def __str__(self) -> str:
        return f"{self.first_seq}–{self.last_seq}"

    def data(self) -> chain.CheckpointData:
        return chain.CheckpointData(
            first_seq=self.first_seq,
            last_seq=self.last_seq,
            previous_hash=self.previous_hash,
            last_hash=self.last_hash,
            range_digest=self.range_digest,
            created_at=chain.timestamp(self.created_at),
            signature=self.signature,
        )
