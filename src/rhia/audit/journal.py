"""Appending to the journal. Call ``record`` inside the transaction of the act it records."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from rhia.audit.chain import GENESIS_HASH, entry_hash
from rhia.audit.models import JournalEntry

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


def record(
    action: str,
    *,
    actor: Any = None,
    obj: Model | tuple[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
    structure: Any = None,
) -> JournalEntry:
    """Append one entry. ``payload`` must already be pseudonymized."""
    if isinstance(obj, Model):
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    elif obj is not None:
        object_type, object_id = obj[0], str(obj[1])
    else:
        object_type, object_id = "", ""
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", True) else None
    roles = ",".join(sorted(actor.active_roles())) if actor_id else ""
    if structure is None and actor_id:
        structure = getattr(actor, "structure", None)
    with transaction.atomic():
        _lock_chain_head()
        last = JournalEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
        seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        entry = JournalEntry(
            seq=seq,
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_roles=roles,
            structure_id=getattr(structure, "pk", structure),
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=payload or {},
            previous_hash=previous,
        )
        entry.entry_hash = entry_hash(previous, entry.hashed_fields())
        entry.save(force_insert=True)
    return entry
