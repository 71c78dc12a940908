"""The database itself refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) on the journal."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from rhia.audit.journal import record
from rhia.audit.models import Checkpoint, JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


def _refused(sql: str, params=()) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "ajout seul" in str(error)
        return True
    return False


def test_orm_update_and_delete_are_refused():
    entry = record("test.one", payload={"n": 1})
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).update(action="test.changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).delete()
    assert JournalEntry.objects.get(pk=entry.pk).action == "test.one"


def test_raw_sql_update_and_delete_are_refused():
    record("test.one")
    assert _refused("UPDATE audit_journalentry SET action = 'x'")
    assert _refused("DELETE FROM audit_journalentry")
    assert JournalEntry.objects.count() == 1


def test_checkpoints_are_guarded_too():
    with journal_permit():
        Checkpoint.objects.create(
            first_seq=1,
            last_seq=1,
            previous_hash="0" * 64,
            last_hash="1" * 64,
            range_digest="2" * 64,
            created_at="2026-01-01T00:00:00Z",
            signature="3" * 64,
        )
    assert _refused("UPDATE audit_checkpoint SET signature = 'x'")
    assert _refused("DELETE FROM audit_checkpoint")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only")
def test_truncate_is_refused_on_postgresql():
    record("test.one")
    assert _refused("TRUNCATE audit_journalentry")
    assert _refused("TRUNCATE audit_journalentry, audit_checkpoint CASCADE")
    assert JournalEntry.objects.count() == 1


def test_permit_lets_the_purge_through_and_only_inside_its_block():
    record("test.one")
    with journal_permit():
        JournalEntry.objects.update(action="test.permitted")
    assert JournalEntry.objects.get().action == "test.permitted"
    assert _refused("UPDATE audit_journalentry SET action = 'x'")


def test_inserts_stay_allowed():
    for n in range(3):
        record("test.n", payload={"n": n})
    assert list(JournalEntry.objects.values_list("seq", flat=True)) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_flush_command_empties_the_journal():
    """Transactional tests and live_server tests flush every table at teardown: it must work."""
    record("test.flush", payload={"n": 1})
    call_command("flush", interactive=False, verbosity=0)
    assert JournalEntry.objects.count() == 0
    record("test.after")
    assert _refused("DELETE FROM audit_journalentry")
