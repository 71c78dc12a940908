"""The purge permit: the only way past the database triggers that make the journal append-only.

SQLite: the triggers call ``rhia_audit_permit()``, a function registered on every Django
connection (``register_sqlite_function``) that reads a thread-local flag. A connection
without it (the sqlite3 shell) cannot even run an UPDATE or DELETE on the journal.
PostgreSQL: the trigger function reads the transaction-local setting ``rhia.audit_permit``.

Only the retention purge (``retention.py``) and the test-database flush (``flush`` command)
take the permit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction

_state = threading.local()


def permitted() -> int:
    return 1 if getattr(_state, "depth", 0) > 0 else 0


def register_sqlite_function(sender=None, connection=None, **kwargs) -> None:
    """``connection_created`` receiver: expose the permit flag to SQLite triggers."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("rhia_audit_permit", 0, permitted)


@contextmanager
def journal_permit(using: str = "default") -> Iterator[None]:
    """Allow UPDATE/DELETE/TRUNCATE on the journal for the enclosed transaction only."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('rhia.audit_permit', 'on', true)")
        _state.depth = getattr(_state, "depth", 0) + 1
        try:
            yield
        finally:
            _state.depth -= 1
        # After an error the savepoint's rollback undoes the setting; resetting it then would hide
        # the real error behind "current transaction is aborted".
        if connection.vendor == "postgresql" and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('rhia.audit_permit', '', true)")
