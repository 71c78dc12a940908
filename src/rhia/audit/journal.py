"""Appending to the journal. Call ``record`` inside the transaction of the act it records."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from rhia.audit import chain
from rhia.audit.chain import GENESIS_HASH
from rhia.audit.models import Checkpoint, JournalEntry

# Arbitrary constant key for PostgreSQL's transaction-scoped advisory lock on the chain head.
_CHAIN_LOCK_KEY = 7_240_511


def _lock_chain_head() -> None:
    """Serialise appends so concurrent writers never fork the chain.

    PostgreSQL: an advisory lock held until commit. SQLite: transactions are opened
    IMMEDIATE (settings), so the database write lock is already held.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _chain_head() -> tuple[int, str]:
    last = JournalEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    if last:
        return last
    checkpoint = Checkpoint.objects.order_by("-last_seq").values_list("last_seq", "last_hash").first()
    return checkpoint if checkpoint else (0, GENESIS_HASH)


def record(
    action: str,
    *,
    actor: Any = None,
    obj: Model | tuple[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
    structure: Any = None,
) -> JournalEntry:
    """Append one entry. ``payload`` must already be pseudonymized (identifiers, counts, pseudonymized texts)."""
    if isinstance(obj, Model):
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    elif obj is not None:
        object_type, object_id = obj[0], str(obj[1])
    else:
        object_type, object_id = "", ""
    actor_id = (
        getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", True) else None
    )
    roles = ",".join(sorted(actor.active_roles())) if actor_id and hasattr(actor, "active_roles") else ""
    if structure is None and actor_id:
        structure = getattr(actor, "structure", None)
    payload = payload or {}
    entry = JournalEntry(
        action=action[:80],
        actor_id=actor_id,
        actor_roles=roles[:200],
        structure_id=getattr(structure, "pk", structure),
        object_type=object_type[:80],
        object_id=object_id[:80],
        payload=payload,
        payload_sha256=chain.digest(payload),
        metadata_sha256=chain.digest(chain.strip_content(payload)),
    )
    with transaction.atomic():
        _lock_chain_head()
        last_seq, previous = _chain_head()
        entry.seq = last_seq + 1
        entry.created_at = timezone.now()
        entry.previous_hash = previous
        entry.entry_hash = chain.entry_hash(previous, entry.hashed_fields())
        entry.save(force_insert=True)
    return entry
