"""Appending to the journal. Call ``record`` inside the transaction of the act it records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from rhia.audit import chain, heads
from rhia.audit.chain import GENESIS_HASH
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


_COLUMNS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_roles",
    "structure_id",
    "action",
    "object_type",
    "object_id",
    "payload",
    "payload_sha256",
    "metadata_sha256",
    "previous_hash",
    "entry_hash",
    "key_id",
)


# Demo only: the clock of a demo history (``replayed_time``); None = the system clock.
_replay_clock: ContextVar[Callable[[], dt.datetime] | None] = ContextVar("rhia_journal_clock", default=None)


@contextmanager
def replayed_time(clock: Callable[[], dt.datetime]) -> Iterator[None]:
    """Demo only (``rhia demo --activity`` on a fresh database): entries recorded inside take their
    timestamp from ``clock`` instead of the system clock, so weeks of demo activity can be written in
    time order, in a few seconds.

    Nothing else of the chain changes: every entry is sealed and chained as usual, and a timestamp still
    never goes back along the chain (``_not_before`` here, the insert triggers in the database), so a
    replayed past can only follow every entry already recorded; ``rhia audit verify`` checks it like
    any other part of the journal."""
    token = _replay_clock.set(clock)
    try:
        yield
    finally:
        _replay_clock.reset(token)


def _now() -> dt.datetime:
    clock = _replay_clock.get()
    return clock() if clock is not None else timezone.now()


def last_entry_time() -> dt.datetime | None:
    """Timestamp of the last entry (None for an empty journal)."""
    return JournalEntry.objects.order_by("-seq").values_list("created_at", flat=True).first()


def _async_commit() -> bool:
    return bool(getattr(settings, "RHIA_AUDIT_ASYNC_COMMIT", False))


def _chain_head(cursor) -> tuple[int, str, Any]:
    """(seq, hash, raw timestamp or None) of the last entry, or of the last purge checkpoint."""
    cursor.execute("SELECT seq, entry_hash, created_at FROM audit_journalentry ORDER BY seq DESC LIMIT 1")
    last = cursor.fetchone()
    if last:
        return last[0], last[1], last[2]
    cursor.execute("SELECT last_seq, last_hash FROM audit_checkpoint ORDER BY last_seq DESC LIMIT 1")
    checkpoint = cursor.fetchone()
    return (checkpoint[0], checkpoint[1], None) if checkpoint else (0, GENESIS_HASH, None)


def _not_before(moment, head_time):
    """Timestamps never go back along the chain, even when app servers' clocks disagree."""
    if head_time is None:
        return moment
    if isinstance(head_time, str):  # SQLite: naive UTC text
        head_time = dt.datetime.fromisoformat(head_time)
    if timezone.is_naive(head_time):
        head_time = head_time.replace(tzinfo=dt.UTC)
    return max(moment, head_time)


_INSERT = (
    f"INSERT INTO audit_journalentry ({', '.join(_COLUMNS)}) "  # noqa: S608 - constant column names
    f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) RETURNING id"
)


def record(
    action: str,
    *,
    actor: Any = None,
    obj: Model | tuple[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
    structure: Any = None,
) -> JournalEntry:
    """Append one entry and return it. ``payload`` must already be pseudonymized (identifiers, counts,
    pseudonymized texts). Runs in the caller's transaction when there is one (atomic savepoint)."""
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
    payload = chain.sort_keys(payload or {})
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
    # Same stored text as JSONField (json.dumps of the key-sorted payload): its SHA-256 is payload_sha256.
    payload_text = JournalEntry._meta.get_field("payload").get_db_prep_value(payload, connection)
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost and connection.vendor == "postgresql" and _async_commit():
            # Opt-in (RHIA_AUDIT_ASYNC_COMMIT): a stand-alone append does not wait for the WAL flush;
            # a crash may lose the last fraction of a second of entries, never break the chain.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        _lock_chain_head()
        last_seq, previous, head_time = _chain_head(cursor)
        entry.seq = last_seq + 1
        entry.created_at = _not_before(_now(), head_time)
        entry.seal(previous)
        created_at = JournalEntry._meta.get_field("created_at").get_db_prep_value(
            entry.created_at, connection
        )
        cursor.execute(
            _INSERT,
            [
                entry.seq,
                created_at,
                entry.actor_id,
                entry.actor_roles,
                entry.structure_id,
                entry.action,
                entry.object_type,
                entry.object_id,
                payload_text,
                entry.payload_sha256,
                entry.metadata_sha256,
                entry.previous_hash,
                entry.entry_hash,
                entry.key_id,
            ],
        )
        entry.pk = cursor.fetchone()[0]
        heads.after_append(entry.seq)
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry
